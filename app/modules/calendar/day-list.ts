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

/** The name under which a document request serves the entries once, as the list (served-once.tsx). */
export const CALENDAR_ENTRIES = "calendrier";

/** What the time of an entry of one whole day reads. */
export const ALL_DAY = "Toute la journée";

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

/** The entries of one kind on a day, under one label: a day of a hundred deadlines reads as a few groups. */
export type KindGroup<E> = { kind: string; kindLabel: string; colour: string | null; entries: E[] };

/** A day's entries grouped by kind, each group where its first entry stands, entries in their order. */
export function byKind<E extends { kind: string; kindLabel: string; colour: string | null }>(
  entries: readonly E[],
): KindGroup<E>[] {
  const groups = new Map<string, KindGroup<E>>();
  for (const entry of entries) {
    const group = groups.get(entry.kind);
    if (group) group.entries.push(entry);
    else
      groups.set(entry.kind, { kind: entry.kind, kindLabel: entry.kindLabel, colour: entry.colour, entries: [entry] });
  }
  return [...groups.values()];
}
