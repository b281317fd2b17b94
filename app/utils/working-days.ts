/**
 * Paris calendar days: parsing, formatting, calendar arithmetic and the Paris offset, in
 * Europe/Paris. What the browser may use; the holiday calendar and working days (jours ouvrés)
 * are server-only, in `working-days.server.ts`, because date-holidays carries every country's
 * rules (1.4 MB) and must not reach the pages' JavaScript.
 *
 * Pure on purpose: no I/O and no reading of the current time, because the XState machines in
 * `workflows/` import it. The caller passes the dates (read "now" from `~/utils/clock.server`).
 *
 * Calendar days are ISO strings "YYYY-MM-DD" (`IsoDate`): a day in Paris is not an instant, and
 * carrying it as a `Date` invites off-by-one errors around midnight UTC. Convert at the edges
 * with `parisDate` (instant → day) and `parisInstant` (day + wall-clock time → instant). The
 * arithmetic itself runs on UTC midnights, so it never depends on the server's time zone.
 */
import { tzOffset } from "@date-fns/tz";

/** A calendar day, "YYYY-MM-DD", with no time and no time zone. */
export type IsoDate = string;

export const PARIS_TIME_ZONE = "Europe/Paris";

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WALL_TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

// ---------------------------------------------------------------------------------------------
// IsoDate parsing and UTC-midnight arithmetic
// ---------------------------------------------------------------------------------------------

/** Year, month and day of `date`; throws a RangeError when it is not a real "YYYY-MM-DD" day. */
export function isoDateParts(date: IsoDate): { year: number; month: number; day: number } {
  const match = ISO_DATE.exec(date);
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    if (year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) {
      return { year, month, day };
    }
  }
  throw new RangeError(`Invalid ISO date (expected a real "YYYY-MM-DD" day): ${JSON.stringify(date)}`);
}

function toUtcMs(date: IsoDate): number {
  const { year, month, day } = isoDateParts(date);
  return Date.UTC(year, month - 1, day);
}

function fromUtcMs(ms: number): IsoDate {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  if (year < 1000 || year > 9999)
    throw new RangeError(`Date out of supported range (years 1000–9999): ${d.toISOString()}`);
  return `${year}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** Throws a RangeError unless `n` is an integer (counts of days, months, years). */
export function assertInteger(n: number, name: string) {
  if (!Number.isInteger(n)) throw new RangeError(`${name} must be an integer, got ${n}`);
}

/** True when `value` is a real calendar day written "YYYY-MM-DD" (so "2026-02-30" is not). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== "string") return false;
  try {
    isoDateParts(value);
    return true;
  } catch {
    return false;
  }
}

/** Number of days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  assertInteger(year, "year");
  assertInteger(month, "month");
  if (month < 1 || month > 12) throw new RangeError(`month must be 1–12, got ${month}`);
  // Date.UTC maps years 0–99 to 1900–1999: keep to four-digit years throughout.
  if (year < 1000 || year > 9999) throw new RangeError(`year must be 1000–9999, got ${year}`);
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// ---------------------------------------------------------------------------------------------
// Instants ↔ Paris calendar days
// ---------------------------------------------------------------------------------------------

const HOUR_MS = 3_600_000;
/** Offsets per UTC hour already asked (Intl is slow: a calendar page asks for thousands). */
const offsetByHour = new Map<number, number>();
const OFFSETS_KEPT = 20_000;

/**
 * Paris UTC offset in minutes at `instant` (60 in winter, 120 in summer). Paris changes its
 * offset on the hour (01:00 UTC), so the offset is the same for a whole UTC hour: it is asked of
 * Intl once per hour and remembered.
 */
function parisOffsetMinutes(instantMs: number): number {
  const hour = Math.floor(instantMs / HOUR_MS);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    offset = tzOffset(PARIS_TIME_ZONE, new Date(hour * HOUR_MS));
    if (offsetByHour.size >= OFFSETS_KEPT) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return offset;
}

/** The calendar day in Paris at `instant` (e.g. 2026-01-15T23:30Z is "2026-01-16"). */
export function parisDate(instant: Date): IsoDate {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError("parisDate: invalid Date");
  return fromUtcMs(ms + parisOffsetMinutes(ms) * 60_000);
}

/**
 * The instant at which Paris clocks show `time` ("HH:mm" or "HH:mm:ss", default midnight) on
 * `date`. DST-correct: "2026-03-28" 09:00 is 08:00Z (UTC+1), "2026-03-30" 09:00 is 07:00Z (UTC+2).
 *
 * Times that do not exist or exist twice follow RFC 5545 §3.3.5 (and Temporal's "compatible"):
 * - spring forward (last Sunday of March, 02:00 → 03:00): a time in the missing hour is read with
 *   the offset in force before the gap, so "02:30" gives 01:30Z, which Paris clocks show as 03:30;
 * - fall back (last Sunday of October, 03:00 → 02:00): a time in the repeated hour gives its
 *   first occurrence (still summer time), so "02:30" gives 00:30Z.
 * Midnight is never affected in Paris (changes happen at 02:00/03:00 local time).
 */
export function parisInstant(date: IsoDate, time = "00:00"): Date {
  // Midnights are asked for most (every all-day entry, twice): each day's is worked out once.
  if (time === "00:00") {
    let midnight = midnightByDay.get(date);
    if (midnight === undefined) {
      midnight = wallInstantMs(date, time);
      if (midnightByDay.size >= OFFSETS_KEPT) midnightByDay.clear();
      midnightByDay.set(date, midnight);
    }
    return new Date(midnight);
  }
  return new Date(wallInstantMs(date, time));
}

/** The Paris midnight of each day already asked, in epoch milliseconds. */
const midnightByDay = new Map<IsoDate, number>();

function wallInstantMs(date: IsoDate, time: string): number {
  const match = WALL_TIME.exec(time);
  if (!match) throw new RangeError(`Invalid wall-clock time (expected "HH:mm"): ${JSON.stringify(time)}`);
  const wallAsUtc = toUtcMs(date) + (Number(match[1]) * 60 + Number(match[2])) * 60_000 + Number(match[3] ?? 0) * 1000;

  // Paris never changes offset twice within two days, so the offsets one day either side are
  // the only candidates.
  const offsetBefore = parisOffsetMinutes(wallAsUtc - DAY_MS);
  const offsetAfter = parisOffsetMinutes(wallAsUtc + DAY_MS);
  const matching = [offsetBefore, offsetAfter]
    .map((offset) => wallAsUtc - offset * 60_000)
    .filter((candidate) => candidate + parisOffsetMinutes(candidate) * 60_000 === wallAsUtc);
  if (matching.length > 0) return Math.min(...matching);
  return wallAsUtc - offsetBefore * 60_000;
}

/** "2026-05-14T09:00": the Paris wall-clock day and time (hours 00–23) at `instant`, seconds dropped. */
export function parisWallClock(instant: Date): string {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError("parisWallClock: invalid Date");
  const wall = ms + parisOffsetMinutes(ms) * 60_000;
  const minutes = Math.floor((wall - Math.floor(wall / DAY_MS) * DAY_MS) / 60_000);
  return `${fromUtcMs(wall)}T${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic
// ---------------------------------------------------------------------------------------------

/** `date` plus `n` calendar days (`n` may be negative). */
export function addCalendarDays(date: IsoDate, n: number): IsoDate {
  assertInteger(n, "n");
  return fromUtcMs(toUtcMs(date) + n * DAY_MS);
}

/** Calendar days from `from` to `to`, negative when `to` comes first (no hour drift across DST). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

/** Day of the week, 0 = Sunday … 6 = Saturday (as `Date#getDay`). */
export function dayOfWeek(date: IsoDate): number {
  return new Date(toUtcMs(date)).getUTCDay();
}

export function isWeekend(date: IsoDate): boolean {
  const weekday = dayOfWeek(date);
  return weekday === 0 || weekday === 6;
}

/** The last calendar day of the month of `date`. */
export function endOfMonth(date: IsoDate): IsoDate {
  const { year, month } = isoDateParts(date);
  return dayOfMonthOrLast(year, month, 31);
}

/**
 * Day `day` of `month` (1–12) of `year`, or the last day of that month when it is shorter:
 * the ITAC rule "the 30th of month M (end of month when shorter)" is `dayOfMonthOrLast(y, m, 30)`,
 * which gives 28 or 29 February.
 */
export function dayOfMonthOrLast(year: number, month: number, day: number): IsoDate {
  assertInteger(day, "day");
  if (day < 1 || day > 31) throw new RangeError(`day must be 1–31, got ${day}`);
  const last = daysInMonth(year, month);
  return fromUtcMs(Date.UTC(year, month - 1, Math.min(day, last)));
}

/**
 * `date` plus `n` months (`n` may be negative), keeping the day of the month, or the last day of
 * the target month when it is shorter: 2026-01-31 + 1 month = 2026-02-28.
 */
export function addMonths(date: IsoDate, n: number): IsoDate {
  assertInteger(n, "n");
  const { year, month, day } = isoDateParts(date);
  const index = year * 12 + (month - 1) + n;
  return dayOfMonthOrLast(Math.floor(index / 12), (index % 12) + 1, day);
}
