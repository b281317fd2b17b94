/**
 * Dates of the reprise procedure (circulaire 2008-298, annexes techniques) that need no holiday
 * calendar, all as Paris calendar days, and the procedure's labels: pages may import them. The
 * dates that count working days (dispatch day, answer and validation deadlines) are server-only,
 * in `rules.server.ts`. Pure functions: the caller passes the current time.
 */
import type { Application } from "../../../workflows/reprise";
import type { OpalesCentre } from "../../../seeds/reference/opales-centres";
import { addMonths, endOfMonth, parisInstant, type IsoDate } from "~/utils/working-days";
import { keptPerArgument } from "~/utils/memo";
import { vocabulary } from "~/utils/vocabulary";

/** What to do when the 25th is not a working day (docs/decisions/006). */
export type DispatchShift = "jour-ouvre-precedent" | "le-25";

export type DispatchSettings = { hour: string; shift: DispatchShift };

/** "YYYY-MM" */
export type Month = string;

export const monthOf = (date: IsoDate): Month => date.slice(0, 7);
export const nextMonth = (month: Month): Month => monthOf(addMonths(`${month}-01`, 1));

/** The months from `from` up to, not including, `to`. */
export function monthsBetween(from: Month, to: Month): Month[] {
  const months: Month[] = [];
  for (let m = from; m < to; m = nextMonth(m)) months.push(m);
  return months;
}

/** The MDPH requests the extraction date within the month following the month of signature. */
export function signatureRequestDeadline(signedOn: IsoDate): IsoDate {
  return endOfMonth(addMonths(`${monthOf(signedOn)}-01`, 1));
}

export const APPLICATION_LABELS: Record<Application, string> = { ITAC: "ITAC", OPALES: "OPALES" };
export const SERVICE_LABELS: Record<Application, string> = { ITAC: "DAGEMO / MTRSS", OPALES: "MEN-STSI" };
/** MEN-STSI's two OPALES centres (seeds/reference/opales-centres.ts routes each département). */
export const OPALES_CENTRE_VOCABULARY = vocabulary({ RENNES: "Rennes", VERSAILLES: "Versailles" } satisfies Record<
  OpalesCentre,
  string
>);
/** By stored code: a centre is stored as text on the département. */
export const CENTRE_LABELS: Readonly<Record<string, string>> = OPALES_CENTRE_VOCABULARY.labels;

const monthName = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", month: "long", year: "numeric" });

/** "novembre 2026" for "2026-11" (kept: every row of a table words its month, ~40 µs through Intl). */
export const monthLabel: (month: Month) => string = keptPerArgument((month) =>
  monthName.format(parisInstant(`${month}-15`, "12:00")),
);

/** "de novembre 2026", "d'octobre 2026": the month after "la liste". */
export function ofMonth(month: Month): string {
  const label = monthLabel(month);
  return /^[aeiouéè]/i.test(label) ? `d'${label}` : `de ${label}`;
}
