/**
 * Server-side form parsing with zod: French messages per field, and the values the person
 * typed sent back so the form can be shown again without losing anything.
 */
import { z } from "zod";

export type FieldErrors = Record<string, string>;

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** Fields whose value is never sent back to the browser. */
const SECRET_FIELDS = /password|motDePasse|code|token|jeton/i;

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !SECRET_FIELDS.test(key) && key !== "intent") values[key] = value;
  }
  return values;
}

/**
 * What was typed, to show it again after a refusal: the checkbox groups named in `lists` as lists
 * (empty when none was checked), every other field as its text. Unlike `formValues`, it keeps
 * fields such as a record's code, for forms that carry no secret.
 */
export function typedValues(form: FormData, lists: readonly string[]): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys()))
    if (key !== "intent") values[key] = lists.includes(key) ? form.getAll(key).map(String) : String(form.get(key));
  for (const list of lists) values[list] ??= [];
  return values;
}

/** A record's code as its pages' addresses carry it: lowercase letters without accents, digits, single hyphens. */
const RECORD_CODE_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The code of a new record (a group, a pilot): 2 to 60 characters of RECORD_CODE_PATTERN,
 * refused with `missing` (without its final period) and an `example` of a valid one.
 */
export function recordCode({ missing, example }: { missing: string; example: string }) {
  return z
    .string({ required_error: `${missing}.` })
    .trim()
    .min(2, `${missing} (2 caractères au moins).`)
    .max(60, "60 caractères au plus.")
    .regex(
      RECORD_CODE_PATTERN,
      `Le code ne contient que des lettres minuscules sans accent, des chiffres et des tirets, par exemple « ${example} ».`,
    );
}

/** A checkbox group posts nothing, one string or several: always an array here. */
export const manyIds = (message?: string) =>
  z.preprocess(
    (value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]),
    message ? z.array(z.string().min(1)).min(1, message) : z.array(z.string().min(1)),
  );

export function parseForm<S extends z.ZodTypeAny>(schema: S, formData: FormData): FormResult<z.infer<S>> {
  const raw: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key);
    raw[key] = all.length > 1 ? all : all[0];
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join(".") || "_form";
    errors[key] ??= issue.message;
  }
  return { ok: false, errors, values: formValues(formData) };
}

// ---------------------------------------------------------------------------------------------
// Text fields. Every text a person types goes through one of these two rules, so that a value
// stored from one form can be used safely everywhere else (mail subjects and headers, CSV and
// PDF exports, ICS feeds, file names).
// ---------------------------------------------------------------------------------------------

/**
 * C0 and C1 control characters, tabs and line breaks included, and the Unicode line and
 * paragraph separators: none belongs in a name, a title or a reference, and a line break there
 * breaks every mail header it reaches.
 */
// eslint-disable-next-line no-control-regex
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
// eslint-disable-next-line no-control-regex
const SINGLE_LINE_ALLOWED = /^[^\u0000-\u001F\u007F-\u009F\u2028\u2029]*$/;
/**
 * The same, minus what a textarea legitimately holds: line breaks (CR, LF) and tabs, which
 * text pasted from a spreadsheet or a word processor carries.
 */
// eslint-disable-next-line no-control-regex
const MULTI_LINE_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex
const MULTI_LINE_ALLOWED = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$/;

export const SINGLE_LINE_MESSAGE =
  "Ce champ tient sur une seule ligne : retirez les retours à la ligne, tabulations et caractères invisibles.";
export const MULTI_LINE_MESSAGE = "Ce texte contient un caractère invisible non autorisé : retirez-le.";

/** The French message for a single-line value that holds a control character; null when it is fine. */
export function singleLineProblem(value: string): string | null {
  return SINGLE_LINE_FORBIDDEN.test(value) ? SINGLE_LINE_MESSAGE : null;
}

/** The French message for a multi-line value that holds a control character other than a line break. */
export function multiLineProblem(value: string): string | null {
  return MULTI_LINE_FORBIDDEN.test(value) ? MULTI_LINE_MESSAGE : null;
}

/**
 * A single-line text field (an input): trimmed, control characters refused. Chain `.min()` and
 * `.max()` with the field's own messages; `requiredMessage` is shown when the field is missing.
 */
export function singleLineText(requiredMessage?: string) {
  return z
    .string({ required_error: requiredMessage, invalid_type_error: requiredMessage ?? "Saisissez une seule valeur." })
    .trim()
    .regex(SINGLE_LINE_ALLOWED, SINGLE_LINE_MESSAGE);
}

/**
 * A required single-line field: refused with `missing` when absent or blank (or with `tooShort`
 * under `min` characters), with `tooLong` past `max`.
 */
export function requiredSingleLineText({
  missing,
  max,
  tooLong,
  min = 1,
  tooShort = missing,
}: {
  missing: string;
  max: number;
  tooLong: string;
  min?: number;
  tooShort?: string;
}) {
  return singleLineText(missing).min(min, tooShort).max(max, tooLong);
}

/** An optional single-line field: null when left empty, refused with `tooLong` past `max` characters. */
export function optionalSingleLineText(max: number, tooLong: string) {
  return singleLineText()
    .max(max, tooLong)
    .optional()
    .transform((value) => value || null);
}

/** An optional e-mail address: null when left empty, lower-cased, refused with `invalid` when malformed. */
export function optionalEmail(invalid: string) {
  return singleLineText()
    .toLowerCase()
    .optional()
    .transform((value) => value || null)
    .refine((value) => value === null || z.string().email().safeParse(value).success, invalid);
}

/** A multi-line text field (a textarea): trimmed, line breaks kept, other control characters refused. */
export function multiLineText(requiredMessage?: string) {
  return z
    .string({ required_error: requiredMessage, invalid_type_error: requiredMessage ?? "Saisissez une seule valeur." })
    .trim()
    .regex(MULTI_LINE_ALLOWED, MULTI_LINE_MESSAGE);
}

// eslint-disable-next-line no-control-regex
const SINGLE_LINE_BREAKERS = /\s*[\u0000-\u001F\u007F-\u009F\u2028\u2029]+\s*/g;
// eslint-disable-next-line no-control-regex
const MULTI_LINE_BREAKERS = /[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F-\u009F]+/g;

/**
 * A stored value shown where only one line fits (a mail subject, a file name): each run of
 * control characters and line breaks becomes one space. For values stored before the
 * validation above existed, or built from several of them.
 */
export function oneLine(value: string): string {
  return value.replace(SINGLE_LINE_BREAKERS, " ").trim();
}

/** A stored multi-line value with its line breaks kept and any other control character turned into a space. */
export function withoutControlCharacters(value: string): string {
  return value.replace(MULTI_LINE_BREAKERS, " ");
}
