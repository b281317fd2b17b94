/**
 * The RFC forms' fields read and checked, with their French messages placed next to the field:
 * the title and change note of a draft, the cycle's deadline, outcome and conclusion, and the
 * free texts of comments, dispositions and positions.
 */
import { refusal, success, type Result } from "~/utils/result";
import { multiLineProblem, singleLineProblem } from "~/utils/forms";
import { isIsoDate, parisInstant } from "~/utils/working-days";
import type { RfcOutcome } from "../../../workflows/rfc-cycle";
import { CONCLUSION_MAX, TITLE_MAX } from "./labels";

/** The message above a form whose fields are refused. */

/** A refused field, its French message placed next to it. */
export const invalid = (field: string, message: string) => refusal("INVALIDE", message, { field });

/**
 * A free text of the RFC pages (a comment, a reply, the pilot's answer, a position's comment),
 * trimmed: refused when empty if `required` says why, over `max` characters, or with an invisible character.
 */
export function checkText(
  field: string,
  posted: string,
  rules: { required?: string; max: number; tooLong: (length: number) => string },
): Result<string> {
  const text = posted.trim();
  if (text === "" && rules.required) return invalid(field, rules.required);
  if (text.length > rules.max) return invalid(field, rules.tooLong(text.length));
  const problem = multiLineProblem(text);
  return problem ? invalid(field, problem) : success(text);
}

export function checkTitle(title: string): Result<string> {
  const problem = singleLineProblem(title.trim());
  if (problem) return invalid("title", problem);
  const value = title.trim().replace(/\s+/g, " ");
  if (value.length < 3) return invalid("title", "Saisissez le titre de la RFC (3 caractères au moins).");
  if (value.length > TITLE_MAX) return invalid("title", `Le titre dépasse ${TITLE_MAX} caractères.`);
  return success(value);
}

export function checkChangeNote(changeNote: string): Result<string> {
  if (changeNote.length > CONCLUSION_MAX)
    return invalid("changeNote", `La note de modification dépasse ${CONCLUSION_MAX} caractères.`);
  const problem = multiLineProblem(changeNote);
  return problem ? invalid("changeNote", problem) : success(changeNote);
}

/** A Paris date and time from a form, or null when either is malformed. */
export function deadlineFrom(date: unknown, time: unknown): Date | null {
  if (!isIsoDate(date) || typeof time !== "string" || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return null;
  return parisInstant(date, time);
}

/** The deadline fields of the opening and extension forms. */
export function readDeadline(form: FormData): Result<Date> {
  const deadline = deadlineFrom(form.get("deadlineDate"), form.get("deadlineTime"));
  return deadline
    ? success(deadline)
    : invalid("deadline", "Saisissez une date et une heure valides (heure au format HH:MM).");
}

/** The outcome the conclusion form chose ("retrait" for the withdrawal form). */
export function readOutcome(posted: string): Result<RfcOutcome> {
  return posted === "nouvelle-version" || posted === "adoption" || posted === "retrait"
    ? success(posted)
    : invalid("outcome", "Choisissez l'issue du cycle.");
}

/** The conclusion (or the withdrawal's reason), trimmed; its message names what the outcome needs. */
export function checkConclusion(outcome: RfcOutcome, posted: string): Result<string> {
  const conclusion = posted.trim();
  if (conclusion === "")
    return invalid(
      "conclusion",
      outcome === "nouvelle-version"
        ? "Décrivez les modifications que la nouvelle version apportera."
        : outcome === "adoption"
          ? "Rédigez la conclusion de l'adoption."
          : "Indiquez le motif du retrait.",
    );
  if (conclusion.length > CONCLUSION_MAX) return invalid("conclusion", `${CONCLUSION_MAX} caractères au plus.`);
  const problem = multiLineProblem(conclusion);
  return problem ? invalid("conclusion", problem) : success(conclusion);
}
