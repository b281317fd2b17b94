/**
 * The calendar page's list of events, day by day (its view without JavaScript, and the text
 * equivalent of the grid): built in the component from the entries the loader sends once, rather
 * than sent a second time grouped by day. Browser-safe.
 */
import type { IsoDate } from "~/utils/working-days";

// Calendar days are IsoDates at UTC midnight: format them in UTC so the server's zone never matters.
const weekdayDayMonthYear = new Intl.DateTimeFormat("fr-FR", {
  timeZone: "UTC",
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
});

export const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** French writes the first of the month "1er". */
export const dayNumber = (day: IsoDate) => (Number(day.slice(8)) === 1 ? "1er" : String(Number(day.slice(8))));

/** "Lundi 1er juin 2026". */
export function longDay(day: IsoDate): string {
  return capitalise(
    weekdayDayMonthYear
      .formatToParts(new Date(`${day}T00:00:00Z`))
      .map((part) => (part.type === "day" ? dayNumber(day) : part.value))
      .join(""),
  );
}

/** An entry with the Paris days it occupies, first and last included. */
type DatedEntry = { firstDay: IsoDate; lastDay: IsoDate };

/**
 * The period's own days (not the grid's spill-over) that have entries, in order, each entry under
 * its first day in the period.
 */
export function dayList<E extends DatedEntry>(
  entries: readonly E[],
  period: { first: IsoDate; last: IsoDate },
  today: IsoDate,
): { date: IsoDate; label: string; isToday: boolean; entries: E[] }[] {
  const days = new Map<IsoDate, E[]>();
  for (const entry of entries) {
    if (entry.lastDay < period.first || entry.firstDay > period.last) continue;
    const day = entry.firstDay < period.first ? period.first : entry.firstDay;
    days.set(day, [...(days.get(day) ?? []), entry]);
  }
  return [...days]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, list]) => ({ date, label: longDay(date), isToday: date === today, entries: list }));
}
