/**
 * iCalendar (RFC 5545) feeds of calendar entries, with ical-generator.
 *
 * Times are written in UTC ("DTSTART:20260406T070000Z"): no calendar time zone is set, because
 * ical-generator shifts plain JS Dates when one is (docs/stack.md, pitfall 8). Clients show UTC
 * times in their own zone, so nothing is lost. All-day entries are DATE values for their
 * calendar day in Paris.
 */
import ical, { escape, ICalCalendarMethod, ICalEventTransparency } from "ical-generator";
import type { CalendarEntry } from "~/modules/calendar/entry";
import { now } from "~/utils/clock.server";
import { addCalendarDays, parisDate, parisInstant, type IsoDate } from "~/utils/working-days";

/**
 * Right-hand side of every UID. Calendar clients recognise an event by its UID across
 * refreshes, so this must never change once feeds are published (nor depend on APP_URL).
 */
export const ICS_UID_DOMAIN = "passerelles.cnsa.fr";

export const DEFAULT_PROD_ID = "-//CNSA//Passerelles//FR";

export type BuildIcsOptions = {
  /** Calendar name shown by clients (X-WR-CALNAME). */
  name: string;
  entries: readonly CalendarEntry[];
  /** "-//Company//Product//LANG"; defaults to DEFAULT_PROD_ID. */
  prodId?: string;
  /** Base URL of the app ("https://passerelles.example.fr"): entry URLs become absolute. */
  appUrl?: string;
  /** DTSTAMP of every event; defaults to the app clock. */
  generatedAt?: Date;
};

/** The stable UID of an entry: its id at ICS_UID_DOMAIN. */
export function icsUid(entryId: string): string {
  return `${entryId}@${ICS_UID_DOMAIN}`;
}

function isDayBoundary(instant: Date): boolean {
  // Paris midnight, or UTC midnight for producers that build days with `new Date("YYYY-MM-DD")`.
  return instant.getTime() === parisInstant(parisDate(instant)).getTime() || instant.getTime() % 86_400_000 === 0;
}

/**
 * The days an all-day entry covers, as [first day, day after the last): an `end` at midnight is
 * exclusive (the react-big-calendar and iCalendar convention: 6 April 00:00 → 7 April 00:00 is
 * the 6th alone); an `end` at any other time includes its day; an entry always covers its start
 * day, even when `end` equals `start`.
 */
export function allDaySpan(start: Date, end: Date): { first: IsoDate; endExclusive: IsoDate } {
  const first = parisDate(start);
  let endExclusive = isDayBoundary(end) ? parisDate(end) : addCalendarDays(parisDate(end), 1);
  if (endExclusive <= first) endExclusive = addCalendarDays(first, 1);
  return { first, endExclusive };
}

/** ical-generator writes an all-day Date with its UTC fields, so pass the day at UTC midnight. */
function utcMidnight(day: IsoDate): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/**
 * An absolute http(s) URL for the entry, or undefined when it cannot be made absolute (a bare
 * path without `appUrl` is not a valid URI value). Commas and semicolons are percent-encoded so
 * that no iCalendar escaping ends up inside the URI.
 */
function absoluteUrl(url: string | undefined, appUrl: string | undefined): string | undefined {
  if (!url) return undefined;
  let resolved: URL;
  try {
    resolved = appUrl ? new URL(url, appUrl) : new URL(url);
  } catch {
    return undefined;
  }
  if (resolved.protocol !== "https:" && resolved.protocol !== "http:") return undefined;
  return resolved.toString().replace(/,/g, "%2C").replace(/;/g, "%3B");
}

/** Text for a property ical-generator writes unescaped (the calendar name): one line, escaped. */
function singleLine(text: string): string {
  return escape(text.replace(/\s*[\r\n]+\s*/g, " ").trim(), false);
}

/** An iCalendar document (text/calendar) with one VEVENT per entry. */
export function buildIcs({ name, entries, prodId, appUrl, generatedAt }: BuildIcsOptions): string {
  const stamp = generatedAt ?? now();
  const calendar = ical({
    name: singleLine(name),
    // ical-generator prefixes the "-" itself.
    prodId: (prodId ?? DEFAULT_PROD_ID).replace(/^-(?=\/\/)/, ""),
    method: ICalCalendarMethod.PUBLISH,
  });

  for (const entry of entries) {
    const common = {
      id: icsUid(entry.id),
      stamp,
      summary: entry.title,
      description: entry.description || null,
      url: absoluteUrl(entry.url, appUrl) ?? null,
      categories: entry.kind ? [{ name: entry.kind }] : [],
    };
    if (entry.allDay) {
      const { first, endExclusive } = allDaySpan(entry.start, entry.end);
      calendar.createEvent({
        ...common,
        allDay: true,
        start: utcMidnight(first),
        end: utcMidnight(endExclusive),
        // A deadline or a holiday does not make anyone busy.
        transparency: ICalEventTransparency.TRANSPARENT,
      });
    } else {
      calendar.createEvent({ ...common, start: entry.start, end: entry.end });
    }
  }
  return calendar.toString();
}
