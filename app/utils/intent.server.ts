/**
 * The route boundary of actions (decision 019): which intent was posted, the row version a
 * form carries, and a refusal turned into its HTTP status — each written once. The page keeps
 * the French message and what was typed: Remix hands a 4xx action's data to useActionData.
 */
import { data } from "@remix-run/node";
import type { z } from "zod";
import { formValues, parseForm } from "./forms";
import { INCOMPLETE_FORM, refusal, statusOfRefusal, type Refusal, type RefusalCode, type Result } from "./result";

export type IntentHandlers<R> = Record<string, (form: FormData) => Promise<R> | R>;

/** The posted `intent` field ("" when absent). */
export const intentOf = (form: FormData) => String(form.get("intent") ?? "");

/** 400 for an intent no form of the page posts (a forged or outdated request). */
export function unknownIntent(): never {
  throw new Response("Action inconnue.", { status: 400 });
}

/** Runs the handler of the posted intent; any other intent answers 400. */
export async function runIntent<R>(form: FormData, handlers: IntentHandlers<R>): Promise<R> {
  const intent = intentOf(form);
  if (!Object.hasOwn(handlers, intent)) unknownIntent();
  return handlers[intent](form);
}

/** The row version the form was shown at (field `rowVersion`); refused when the form lacks it. */
export function formRowVersion(form: FormData, field = "rowVersion"): Result<number> {
  // As Number() reads it: an absent field is 0, a stale version the service then refuses.
  const version = Number(form.get(field));
  return Number.isInteger(version) ? { ok: true, value: version } : refusal("INVALIDE", INCOMPLETE_FORM);
}

/**
 * The page's action data with the refusal's status: 409 for a stale version, 422 for a
 * refused or invalid step, 404 / 403 when the refusal is about the record or the role.
 */
export function refused<T>(reason: Pick<Refusal, "code">, body: T) {
  return data(body, { status: statusOfRefusal(reason) });
}

const STATUS_TEXT: Record<number, string> = { 403: "Accès refusé", 404: "Introuvable", 409: "Conflit" };

/** The Response a refusal becomes for the error boundary: its status, its words, its French message. */
export function refusalResponse(status: number, message: string) {
  return new Response(message, { status, statusText: STATUS_TEXT[status] ?? "Refusé" });
}

/**
 * For loaders (and actions that cannot go on): the value, or the refusal thrown as the HTTP
 * answer the error boundary shows — its status and its French message. Services never throw a
 * Response; this is where a refusal becomes one.
 */
export function orRefusal<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw refusalResponse(statusOfRefusal(result), result.message);
}

/** For pages whose action data carries `ok`: `ok: false` answers with its code's status (422 without one). */
export function answer<T extends { ok: boolean; code?: RefusalCode }>(body: T) {
  return body.ok ? body : refused(body, body);
}

/**
 * A one-button form's answer under `intent`: the notice written from the service's value, or
 * the refusal's French message with its status.
 */
export function outcomeOf<T>(intent: string, result: Result<T>, notice: (value: T) => string) {
  if (!result.ok) return refused(result, { intent, message: result.message });
  return { intent, notice: notice(result.value) };
}

/**
 * For actions on one record: a record that does not exist (INTROUVABLE) is thrown as the
 * loader would answer it (404, shown by the error boundary); any other outcome comes back for
 * the form to show with `refused`.
 */
export function throwIfNotFound<R extends Result<unknown>>(result: R): R {
  if (!result.ok && result.code === "INTROUVABLE") orRefusal(result);
  return result;
}

/**
 * An edit form's action: the form parsed by `schema`, then saved. A refusal comes back as the
 * answer to return — its status, the field errors and what was typed (never a secret), with the
 * page's own `data`; a refusal of the service also carries its French `message` (the one a page
 * shows when the refusal is not about a field) — and a record that does not exist is the 404
 * page (`throwIfNotFound`).
 */
export async function saveForm<S extends z.ZodTypeAny, T, D extends object>(
  form: FormData,
  schema: S,
  save: (input: z.infer<S>) => Promise<Result<T>>,
  data: D,
  /** What is sent back of the typed values: `formValues` (never a secret) unless the form says otherwise (`typedValues`). */
  values: Record<string, string | string[]> = formValues(form),
) {
  const parsed = parseForm(schema, form);
  if (!parsed.ok)
    return { ok: false as const, answer: refused({ code: "INVALIDE" }, { ...data, errors: parsed.errors, values }) };
  const saved = throwIfNotFound(await save(parsed.data));
  if (!saved.ok)
    return {
      ok: false as const,
      answer: refused(saved, { ...data, message: saved.message, errors: saved.errors, values }),
    };
  return saved;
}
