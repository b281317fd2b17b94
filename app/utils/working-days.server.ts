/**
 * French public holidays and working days (jours ouvrés: Monday to Friday, public holidays
 * excepted), in Europe/Paris. Server-only: date-holidays carries every country's rules (1.4 MB
 * raw), so the pages get the dates they show from their loaders, and the machines get their
 * deadlines in their events (e.g. RECEPTIONNER's validation deadline). The Paris calendar days
 * themselves are in `working-days.ts`, which the browser may import.
 *
 * Public holidays come from date-holidays (country FR, type "public" only). Checked against
 * date-holidays 3.37: Easter Monday, Ascension and Whit Monday (Lundi de Pentecôte) are all
 * "public" for FR; Easter Sunday and Pentecost Sunday are "observance" (and fall on Sundays
 * anyway). The tests pin Whit Monday so that a data change in the library cannot slip through.
 */
import Holidays from "date-holidays";
import { addCalendarDays, assertInteger, isoDateParts, isWeekend, type IsoDate } from "./working-days";

export type HolidayOptions = {
  /**
   * Département code of the body concerned ("57", "2A", "974"…). Alsace-Moselle (57, 67, 68)
   * adds Good Friday and 26 December; the overseas départements (971–974, 976) add their
   * abolition-of-slavery day (and Good Friday in 971/972, as date-holidays lists it). Any other
   * code, or none, gives the national holidays only.
   */
  departement?: string;
};

// ---------------------------------------------------------------------------------------------
// Public holidays
// ---------------------------------------------------------------------------------------------

/** Département codes → date-holidays "state" codes of FR (checked in date-holidays 3.37). */
const HOLIDAY_STATE_BY_DEPARTEMENT: Record<string, string> = {
  "57": "57", // Moselle
  "67": "67", // Bas-Rhin
  "68": "68", // Haut-Rhin
  "971": "GP",
  "972": "MQ",
  "973": "GF",
  "974": "RE",
  "976": "YT",
};

function holidayState(options?: HolidayOptions): string | undefined {
  const code = options?.departement?.trim().toUpperCase();
  return code ? HOLIDAY_STATE_BY_DEPARTEMENT[code] : undefined;
}

const calendars = new Map<string, Holidays>();
const holidaysByYear = new Map<string, ReadonlyMap<IsoDate, string>>();

/** Public holidays of `year` keyed by day, memoised (the data never changes at run time). */
function holidayMap(year: number, options?: HolidayOptions): ReadonlyMap<IsoDate, string> {
  assertInteger(year, "year");
  const state = holidayState(options);
  const key = `${state ?? "FR"}:${year}`;
  let map = holidaysByYear.get(key);
  if (!map) {
    const calendarKey = state ?? "FR";
    let calendar = calendars.get(calendarKey);
    if (!calendar) {
      calendar = state ? new Holidays("FR", state) : new Holidays("FR");
      calendars.set(calendarKey, calendar);
    }
    const entries = new Map<IsoDate, string>();
    for (const holiday of calendar.getHolidays(year, "fr")) {
      if (holiday.type !== "public") continue;
      // `date` is "YYYY-MM-DD HH:mm:ss" in the holiday's own time zone: its first ten
      // characters are the calendar day, whatever the server's zone.
      const day = holiday.date.slice(0, 10);
      const existing = entries.get(day);
      entries.set(day, existing ? `${existing} / ${holiday.name}` : holiday.name);
    }
    map = entries;
    holidaysByYear.set(key, map);
  }
  return map;
}

export type PublicHoliday = { date: IsoDate; name: string };

/** The public holidays of `year`, in date order, with their French names. */
export function publicHolidays(year: number, options?: HolidayOptions): PublicHoliday[] {
  return [...holidayMap(year, options)]
    .map(([date, name]) => ({ date, name }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export function isPublicHoliday(date: IsoDate, options?: HolidayOptions): boolean {
  return holidayMap(isoDateParts(date).year, options).has(date);
}

/** French name of the public holiday on `date` ("Lundi de Pentecôte"), or null. */
export function holidayName(date: IsoDate, options?: HolidayOptions): string | null {
  return holidayMap(isoDateParts(date).year, options).get(date) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Working days (jours ouvrés): Monday to Friday, public holidays excepted
// ---------------------------------------------------------------------------------------------

export function isWorkingDay(date: IsoDate, options?: HolidayOptions): boolean {
  return !isWeekend(date) && !isPublicHoliday(date, options);
}

/**
 * The `n`-th working day after `date`, not counting `date` itself (whether or not it is a
 * working day): from Friday 2026-04-03, 1 working day is Tuesday 2026-04-07 (Easter Monday is
 * a holiday). `n = 0` returns `date` unchanged, even on a weekend; a negative `n` counts
 * backwards (the |n|-th working day before `date`).
 *
 * "Within 15 working days of delivery" ends at the end of `addWorkingDays(delivery, 15)`.
 */
export function addWorkingDays(date: IsoDate, n: number, options?: HolidayOptions): IsoDate {
  assertInteger(n, "n");
  isoDateParts(date);
  const key = `${holidayState(options) ?? "FR"}:${date}:${n}`;
  const known = sums.get(key);
  if (known !== undefined) return known;
  const step = n < 0 ? -1 : 1;
  let remaining = Math.abs(n);
  let current = date;
  while (remaining > 0) {
    current = addCalendarDays(current, step);
    if (isWorkingDay(current, options)) remaining -= 1;
  }
  if (sums.size >= KEPT_SUMS) sums.delete(sums.keys().next().value!);
  sums.set(key, current);
  return current;
}

/**
 * addWorkingDays' answers, kept: pages ask the same (day, n) on every request (each deliverable's
 * validation end, each request's deadlines), a day at a time, and the answer never changes at
 * run time. Bounded; the oldest answer goes first.
 */
const sums = new Map<string, IsoDate>();
const KEPT_SUMS = 20_000;

/**
 * Working days from `from` to `to`: the working days after `from` up to and including `to`.
 * The inverse of `addWorkingDays`: `workingDaysBetween(d, addWorkingDays(d, n)) === n`, for any
 * sign of `n`. When `to` is before `from` the result is negative (minus the working days on or
 * after `to` and before `from`); the same day gives 0.
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate, options?: HolidayOptions): number {
  isoDateParts(from);
  isoDateParts(to);
  if (from === to) return 0;
  // Valid "YYYY-MM-DD" days compare as strings in calendar order.
  const forward = to > from;
  // Count over the half-open range (from, to] forwards, or [to, from) backwards.
  let day = forward ? addCalendarDays(from, 1) : to;
  const stop = forward ? to : addCalendarDays(from, -1);
  let count = 0;
  for (;;) {
    if (isWorkingDay(day, options)) count += 1;
    if (day === stop) break;
    day = addCalendarDays(day, 1);
  }
  return forward ? count : -count;
}

/** `date` if it is a working day, otherwise the working day before it. */
export function lastWorkingDayOnOrBefore(date: IsoDate, options?: HolidayOptions): IsoDate {
  let current = date;
  while (!isWorkingDay(current, options)) current = addCalendarDays(current, -1);
  return current;
}

/** `date` if it is a working day, otherwise the working day after it. */
export function nextWorkingDayOnOrAfter(date: IsoDate, options?: HolidayOptions): IsoDate {
  let current = date;
  while (!isWorkingDay(current, options)) current = addCalendarDays(current, 1);
  return current;
}
