/**
 * Dates of the reprise procedure (circulaire 2008-298, annexes techniques), all as Paris
 * calendar days. Pure functions: the caller passes the current time.
 */
import type { Application } from "../../../workflows/reprise";
import {
  addMonths,
  addWorkingDays,
  dayOfMonthOrLast,
  endOfMonth,
  isWorkingDay,
  lastWorkingDayOnOrBefore,
  parisDate,
  parisInstant,
  type IsoDate,
} from "~/utils/working-days";

/** What to do when the 25th is not a working day (docs/decisions/006). */
export type DispatchShift = "jour-ouvre-precedent" | "le-25";

export type DispatchSettings = { hour: string; shift: DispatchShift };

/** "YYYY-MM" */
export type Month = string;

export const monthOf = (date: IsoDate): Month => date.slice(0, 7);
export const nextMonth = (month: Month): Month => monthOf(addMonths(`${month}-01`, 1));

/** The day of month M's dispatch: the 25th, or the last working day before it (setting). */
export function dispatchDay(month: Month, settings: DispatchSettings): IsoDate {
  const the25th = `${month}-25`;
  if (settings.shift === "le-25" || isWorkingDay(the25th)) return the25th;
  return lastWorkingDayOnOrBefore(the25th);
}

export function dispatchInstant(month: Month, settings: DispatchSettings): Date {
  return parisInstant(dispatchDay(month, settings), settings.hour);
}

/** The month of the next dispatch that has not happened at `now`. */
export function upcomingDispatchMonth(now: Date, settings: DispatchSettings): Month {
  const current = monthOf(parisDate(now));
  return now < dispatchInstant(current, settings) ? current : nextMonth(current);
}

/**
 * When the State service answers a list sent in month M: ITAC, the MTRSS validates the dates
 * on the 30th of M (the last day when the month is shorter); OPALES, the MEN returns its
 * calendar within 5 working days from the 25th.
 */
export function answerDeadline(application: Application, month: Month): IsoDate {
  const [year, m] = month.split("-").map(Number);
  if (application === "ITAC") return dayOfMonthOrLast(year, m, 30);
  return addWorkingDays(`${month}-25`, 5);
}

/**
 * The month whose list the dispatch job of `month` sends at `now`: `month` itself, or — after a
 * downtime that spanned later dispatch moments — the latest month whose moment has passed.
 * One catch-up list then replaces every list missed (docs/decisions/014).
 */
export function catchUpMonth(month: Month, now: Date, settings: DispatchSettings): Month {
  let latest = month;
  while (dispatchInstant(nextMonth(latest), settings) <= now) latest = nextMonth(latest);
  return latest;
}

/** The months from `from` up to, not including, `to`. */
export function monthsBetween(from: Month, to: Month): Month[] {
  const months: Month[] = [];
  for (let m = from; m < to; m = nextMonth(m)) months.push(m);
  return months;
}

/** A list that leaves after its planned day leaves late (an early or on-time one does not). */
export function isLateDispatch(month: Month, dispatchedOn: IsoDate, settings: DispatchSettings): boolean {
  return dispatchedOn > dispatchDay(month, settings);
}

/** Working days a State service always has to answer a list that left late, from its actual dispatch. */
export const LATE_ANSWER_WORKING_DAYS = 5;

/**
 * The answer deadline of month `month`'s list actually sent on `dispatchedOn`: the circulaire's
 * (answerDeadline) when it leaves on time or early; when late, counted from the actual dispatch
 * — never earlier than the circulaire's — so the State service is never asked for an answer
 * on a day already past or a few hours away.
 */
export function campaignAnswerDeadline(
  application: Application,
  month: Month,
  dispatchedOn: IsoDate,
  settings: DispatchSettings,
): IsoDate {
  const usual = answerDeadline(application, month);
  if (!isLateDispatch(month, dispatchedOn, settings)) return usual;
  const fromDispatch = addWorkingDays(dispatchedOn, LATE_ANSWER_WORKING_DAYS);
  return fromDispatch > usual ? fromDispatch : usual;
}

/** The MDPH requests the extraction date within the month following the month of signature. */
export function signatureRequestDeadline(signedOn: IsoDate): IsoDate {
  return endOfMonth(addMonths(`${monthOf(signedOn)}-01`, 1));
}

export const APPLICATION_LABELS: Record<Application, string> = { ITAC: "ITAC", OPALES: "OPALES" };
export const SERVICE_LABELS: Record<Application, string> = { ITAC: "DAGEMO / MTRSS", OPALES: "MEN-STSI" };
export const CENTRE_LABELS: Record<string, string> = { RENNES: "Rennes", VERSAILLES: "Versailles" };

const monthName = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", month: "long", year: "numeric" });

/** "novembre 2026" for "2026-11". */
export function monthLabel(month: Month): string {
  return monthName.format(parisInstant(`${month}-15`, "12:00"));
}

/** "de novembre 2026", "d'octobre 2026": the month after "la liste". */
export function ofMonth(month: Month): string {
  const label = monthLabel(month);
  return /^[aeiouéè]/i.test(label) ? `d'${label}` : `de ${label}`;
}
