/**
 * The reprise procedure's dates that count working days (circulaire 2008-298, annexes
 * techniques), on the server's holiday calendar: the monthly dispatch day, the State service's
 * answer deadline, the MDPH's validation window. Pure functions: the caller passes the current
 * time. Pages get these dates from their loaders; the machine gets the validation deadline in
 * RECEPTIONNER. The dates that need no holiday calendar, and the labels, are in `rules.ts`.
 */
import { addWorkingDays, holidayName, isWorkingDay, lastWorkingDayOnOrBefore } from "~/utils/working-days.server";
import { dayOfMonthOrLast, isWeekend, parisDate, parisInstant, type IsoDate } from "~/utils/working-days";
import { VALIDATION_WORKING_DAYS, type Application } from "../../../workflows/reprise";
import { weekdayLabel } from "./labels";
import { monthOf, nextMonth, type DispatchSettings, type Month } from "./rules";

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

/** Why the dispatch leaves before the 25th, or null when it leaves on the 25th. */
export function shiftReason(month: Month, settings: DispatchSettings): string | null {
  const the25th = `${month}-25`;
  if (dispatchDay(month, settings) === the25th) return null;
  const holiday = holidayName(the25th);
  const why = holiday
    ? `est férié (${holiday})`
    : isWeekend(the25th)
      ? `tombe un ${weekdayLabel(the25th).split(" ")[0]}`
      : "n'est pas ouvré";
  return `Le 25 ${why} : la liste part le dernier jour ouvré avant.`;
}

/** Last working day of the validation window that a reception on `receivedOn` opens. */
export function validationDeadlineFor(receivedOn: IsoDate, departement: string): IsoDate {
  return addWorkingDays(receivedOn, VALIDATION_WORKING_DAYS, { departement });
}

/**
 * A reception recorded so late that its window is already over on `today`: the request
 * leaves enValidation at once by tacit acceptance (ECHEANCE_VALIDATION), as the circulaire
 * deems the files accepted. The form asks the director to confirm such a date.
 */
export function receptionClosesWindow(receivedOn: IsoDate, departement: string, today: IsoDate): boolean {
  return validationDeadlineFor(receivedOn, departement) < today;
}
