/**
 * The one refusal convention of the services (decision 019). A service that may refuse returns
 * `Result<T>`; the code says why (aligned with the engine's ApplyResult), the message says it in
 * French, `errors` (or `field`) place it next to a field. The route boundary turns a refusal into
 * its HTTP status once (`refused` in app/utils/intent.server.ts); services never throw a Response.
 */
import type { FieldErrors } from "./forms";

/** Each refusal code and the HTTP status it answers with. */
export const REFUSAL_STATUS = {
  /** The record does not exist, or the person may not know it does. */
  INTROUVABLE: 404,
  /** The person sees the record but their role does not allow this action. */
  INTERDIT: 403,
  /** The form is malformed or a field is wrong. */
  INVALIDE: 422,
  /** The step is not allowed now (a rule of the process says no). */
  REFUSE: 422,
  /** The step needs the person to confirm something first (the page asks). */
  A_CONFIRMER: 422,
  /** The record was stored by an older version of its process that no migration brings forward (decision 017). */
  VERSION_MACHINE: 422,
  /** Someone changed the record since the page was shown (row version). */
  PERIME: 409,
} as const;

export type RefusalCode = keyof typeof REFUSAL_STATUS;

export type Refusal = {
  ok: false;
  /** Absent: a refused input (INVALIDE). */
  code?: RefusalCode;
  message: string;
  field?: string;
  errors?: FieldErrors;
};

export type Result<T = undefined> = { ok: true; value: T } | Refusal;

export function success(): { ok: true; value: undefined };
export function success<T>(value: T): { ok: true; value: T };
export function success<T>(value?: T) {
  return { ok: true as const, value };
}

export function refusal(code: RefusalCode, message: string, details: Pick<Refusal, "field" | "errors"> = {}): Refusal {
  return { ok: false, code, message, ...details };
}

/** The words every form with wrong fields gets. */
export const FIX_FIELDS = "Rien n'a été enregistré : corrigez les champs signalés.";

/** The refusal of a form whose fields are wrong: each message goes next to its field. */
export const invalidFields = (errors: FieldErrors) => refusal("INVALIDE", FIX_FIELDS, { errors });

export const statusOfRefusal = (refused: Pick<Refusal, "code">) => REFUSAL_STATUS[refused.code ?? "INVALIDE"];

/** The words every stale form gets. */
export const INCOMPLETE_FORM = "Le formulaire est incomplet : rechargez la page, puis recommencez.";
