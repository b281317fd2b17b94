/**
 * FINESS numbers (Fichier national des établissements sanitaires et sociaux): 9 characters, the
 * département first (2A or 2B in Corsica), then 6 digits, then a key that makes the whole number
 * pass Luhn's check. The key's rule for the Corsican letters is not published with the format:
 * only the format is checked there.
 */
import { z } from "zod";

/** 9 characters: two digits (or 2A, 2B) and seven digits. */
export const FINESS_FORMAT = /^(?:\d{2}|2[AB])\d{7}$/;

export const FINESS_FORMAT_PROBLEM =
  "Le numéro FINESS compte 9 chiffres, par exemple 530000371 (2A ou 2B suivis de 7 chiffres en Corse).";

export const FINESS_KEY_PROBLEM =
  "Ce numéro FINESS n'existe pas : son dernier chiffre (la clé) ne correspond pas aux huit premiers. Vérifiez-le dans le fichier FINESS.";

/** The number as typed, without its spaces, in capitals (2a → 2A); null when empty. */
export function normalisedFiness(value: string | null | undefined): string | null {
  return (value ?? "").replace(/\s+/g, "").toUpperCase() || null;
}

/** Luhn's check over the nine digits: from the right, every second digit doubled. */
function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = Number(digits[digits.length - 1 - i]);
    const weighted = i % 2 === 1 ? digit * 2 : digit;
    sum += weighted > 9 ? weighted - 9 : weighted;
  }
  return sum % 10 === 0;
}

/** A FINESS number made of eight digits and the key that makes it pass Luhn's check (test data, benchmarks). */
export function withFinessKey(eightDigits: string): string {
  for (let key = 0; key < 10; key++) if (passesLuhn(`${eightDigits}${key}`)) return `${eightDigits}${key}`;
  throw new Error(`No FINESS key for ${eightDigits}`);
}

/** What is wrong with a normalised FINESS number, in French; null when it is well formed. */
export function finessProblem(finess: string): string | null {
  if (!FINESS_FORMAT.test(finess)) return FINESS_FORMAT_PROBLEM;
  if (/^\d+$/.test(finess) && !passesLuhn(finess)) return FINESS_KEY_PROBLEM;
  return null;
}

/** An optional FINESS field of a form: null when empty, else normalised and checked (format and key). */
export const optionalFiness = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const finess = normalisedFiness(value);
    const problem = finess ? finessProblem(finess) : null;
    if (problem) ctx.addIssue({ code: "custom", message: problem });
    return finess;
  });
