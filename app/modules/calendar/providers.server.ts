/**
 * The calendar's sources. Each domain module (reprise requests, RFC deadlines, meetings…)
 * contributes its dated items through a provider; the calendar page and the personal ICS feed
 * only ever ask `calendarEntriesFor`, so a new module needs no change to either.
 *
 * Adding a provider: define it in `app/modules/<domain>/calendar.server.ts` (its type comes from
 * `~/modules/calendar/entry`, so the domain never imports this module) and add it to the list in
 * app/composition.server.ts. Registration is by id (the last one wins), so the composition root
 * may run again without duplicating entries.
 */
import { sessionUserById, type SessionUser } from "~/modules/auth/session.server";
import {
  allDayEntry,
  rangeDays,
  type CalendarEntry,
  type CalendarKindStyle,
  type CalendarProvider,
  type CalendarRange,
} from "~/modules/calendar/entry";
import { publicHolidays } from "~/utils/working-days.server";

/**
 * Filled by app/composition.server.ts, the one place that lists the calendar's sources (each
 * bundle's copy of this module is filled by its own copy of the composition root).
 */
const registry = new Map<string, CalendarProvider>();
/**
 * Adds a provider, or replaces the one with the same id. Returns a function that removes it
 * (for tests) if it is still the registered one.
 */
export function registerCalendarProvider(provider: CalendarProvider): () => void {
  registry.set(provider.id, provider);
  return () => {
    if (registry.get(provider.id) === provider) registry.delete(provider.id);
  };
}

export function registeredCalendarProviders(): CalendarProvider[] {
  return [...registry.values()];
}

/** Every kind declared by a registered provider, for the legend and the colours. */
export function calendarKinds(): Record<string, CalendarKindStyle> {
  return Object.assign({}, ...registeredCalendarProviders().map((p) => p.kinds ?? {}));
}

/** localeCompare(…, "fr") without building a collator per comparison (a month has hundreds of entries). */
const byFrenchTitle = new Intl.Collator("fr").compare;

function overlaps(entry: CalendarEntry, { from, to }: CalendarRange): boolean {
  // An entry whose end is not after its start (a deadline instant) still occupies its start.
  const end = entry.end > entry.start ? entry.end : new Date(entry.start.getTime() + 1);
  return entry.start < to && end > from;
}

/**
 * The person's entries from every provider that overlap the range, by start (all-day entries
 * first on a given instant, then by title). A provider that fails makes the whole call fail:
 * a calendar silently missing a deadline is worse than an error page.
 */
export async function calendarEntriesFor(user: SessionUser, range: CalendarRange): Promise<CalendarEntry[]> {
  if (!(range.from < range.to)) return [];
  const lists = await Promise.all(registeredCalendarProviders().map((provider) => provider.entriesFor(user, range)));
  return lists
    .flat()
    .filter((entry) => overlaps(entry, range))
    .sort(
      (a, b) =>
        a.start.getTime() - b.start.getTime() ||
        Number(b.allDay) - Number(a.allDay) ||
        byFrenchTitle(a.title, b.title) ||
        a.id.localeCompare(b.id),
    );
}

/**
 * The person as `entriesFor` expects, looked up by id: for the ICS feed, which has no session.
 * Null when the person or their organisation is deactivated (as `validateSessionToken` does).
 */
/** The person behind a feed token, as the providers expect; null when inactive. */
export const calendarUserById = sessionUserById;

// ---------------------------------------------------------------------------------------------
// Built-in provider: public holidays (jours fériés)
// ---------------------------------------------------------------------------------------------

const ALSACE_MOSELLE = new Set(["57", "67", "68"]);

/**
 * French public holidays for the département of the person's organisation (Alsace-Moselle and
 * the overseas départements have extra days), the national ones when it has none (CNSA, State
 * services…). All-day entries from Paris midnight to the next Paris midnight.
 */
export const publicHolidaysProvider: CalendarProvider = {
  id: "jours-feries",
  label: "Jours fériés",
  kinds: { "jour-ferie": { label: "Jour férié", colour: "green-emeraude" } },
  async entriesFor(user, { from, to }) {
    if (!(from < to)) return [];
    const departement = user.organisation.departementCode ?? undefined;
    const { firstDay, lastDay } = rangeDays({ from, to });
    const entries: CalendarEntry[] = [];
    for (let year = Number(firstDay.slice(0, 4)); year <= Number(lastDay.slice(0, 4)); year++) {
      const national = new Set(publicHolidays(year).map((h) => h.date));
      for (const holiday of publicHolidays(year, { departement })) {
        if (holiday.date < firstDay || holiday.date > lastDay) continue;
        const local = !national.has(holiday.date);
        entries.push(
          allDayEntry(`jour-ferie-${holiday.date}`, holiday.date, {
            title: holiday.name,
            kind: "jour-ferie",
            description: local
              ? `Jour férié local (${departement && ALSACE_MOSELLE.has(departement) ? "Alsace-Moselle" : `département ${departement}`}).`
              : "Jour férié national.",
          }),
        );
      }
    }
    return entries;
  },
};
