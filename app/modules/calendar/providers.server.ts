/**
 * The calendar's sources. Each domain module (reprise requests, RFC deadlines, meetings…)
 * contributes its dated items through a provider; the calendar page and the personal ICS feed
 * only ever ask `calendarEntriesFor`, so a new module needs no change to either.
 *
 * Adding a provider: define it in `app/modules/<domain>/calendar.server.ts`, call
 * `registerCalendarProvider` at that module's top level, and add a side-effect import of the
 * module to the PROVIDER MODULES list at the end of this file, so that every consumer of the
 * registry (page, feed, tests) sees it whatever it imported first.
 *
 * The registry lives on globalThis, like the job handlers: the Remix server bundle and the worker
 * entry are built separately, so one process may hold two copies of this module. Registration is
 * idempotent by id (the last one wins), so a module evaluated twice does not duplicate entries.
 */
import { sessionUserById, type SessionUser } from "~/modules/auth/session.server";
import type { CalendarEntry } from "~/modules/calendar/entry";
import { addCalendarDays, parisDate, parisInstant, publicHolidays } from "~/utils/working-days";

/** Illustration colours of the DSFR, for the `--background-contrast-*` and `--border-plain-*` tokens. */
export type CalendarColour =
  | "green-emeraude"
  | "green-bourgeon"
  | "green-archipel"
  | "blue-ecume"
  | "blue-cumulus"
  | "purple-glycine"
  | "pink-tuile"
  | "pink-macaron"
  | "orange-terre-battue"
  | "yellow-tournesol"
  | "brown-caramel"
  | "beige-gris-galet";

/** How the entries of a kind look: the label is always written next to the colour. */
export type CalendarKindStyle = { label: string; colour: CalendarColour };

/** Half-open: entries that overlap [from, to). */
export type CalendarRange = { from: Date; to: Date };

export type CalendarProvider = {
  id: string;
  /** French, shown to people ("Jours fériés"). */
  label: string;
  /**
   * The entries this person may see that overlap the range. Read permissions here: the ICS feed
   * shows whatever this returns, outside any session.
   */
  entriesFor(user: SessionUser, range: CalendarRange): Promise<CalendarEntry[]>;
  /** The kinds this provider produces, with their French label and colour. */
  kinds?: Record<string, CalendarKindStyle>;
};

// Read lazily through a function declaration (hoisted), never through a module-level const:
// provider modules import this one and register at their top level, possibly before this
// module's body has run (the circular import described above).
function providers(): Map<string, CalendarProvider> {
  const store = globalThis as unknown as { __passerellesCalendarProviders?: Map<string, CalendarProvider> };
  return (store.__passerellesCalendarProviders ??= new Map());
}

/**
 * Adds a provider, or replaces the one with the same id. Returns a function that removes it
 * (for tests) if it is still the registered one.
 */
export function registerCalendarProvider(provider: CalendarProvider): () => void {
  providers().set(provider.id, provider);
  return () => {
    if (providers().get(provider.id) === provider) providers().delete(provider.id);
  };
}

export function registeredCalendarProviders(): CalendarProvider[] {
  return [...providers().values()];
}

/** Every kind declared by a registered provider, for the legend and the colours. */
export function calendarKinds(): Record<string, CalendarKindStyle> {
  return Object.assign({}, ...registeredCalendarProviders().map((p) => p.kinds ?? {}));
}

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
        a.title.localeCompare(b.title, "fr") ||
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
    const firstDay = parisDate(from);
    const lastDay = parisDate(new Date(to.getTime() - 1));
    const entries: CalendarEntry[] = [];
    for (let year = Number(firstDay.slice(0, 4)); year <= Number(lastDay.slice(0, 4)); year++) {
      const national = new Set(publicHolidays(year).map((h) => h.date));
      for (const holiday of publicHolidays(year, { departement })) {
        if (holiday.date < firstDay || holiday.date > lastDay) continue;
        const local = !national.has(holiday.date);
        entries.push({
          id: `jour-ferie-${holiday.date}`,
          title: holiday.name,
          start: parisInstant(holiday.date),
          end: parisInstant(addCalendarDays(holiday.date, 1)),
          allDay: true,
          kind: "jour-ferie",
          description: local
            ? `Jour férié local (${departement && ALSACE_MOSELLE.has(departement) ? "Alsace-Moselle" : `département ${departement}`}).`
            : "Jour férié national.",
        });
      }
    }
    return entries;
  },
};

registerCalendarProvider(publicHolidaysProvider);

// ---------------------------------------------------------------------------------------------
// PROVIDER MODULES: one side-effect import per domain module that registers a provider, e.g.
// import "~/modules/reprise/calendar.server";
// ---------------------------------------------------------------------------------------------
import "~/modules/reprise/calendar.server";
import "~/modules/rfc/calendar.server";
import "~/modules/groups/calendar.server";
