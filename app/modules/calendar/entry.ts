/**
 * The calendar's vocabulary, types and the all-day entry: domain modules build their providers
 * from it without importing the registry (app/modules/calendar/providers.server.ts), which keeps
 * imports acyclic.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { keptPerArgument } from "~/utils/memo";
import { addCalendarDays, parisDate, parisInstant, type IsoDate } from "~/utils/working-days";

/** One dated item shown on the calendar page and in the ICS feeds. */
export type CalendarEntry = {
  /** Stable across calls: the ICS UID is derived from it. */
  id: string;
  title: string;
  start: Date;
  end: Date;
  allDay: boolean;
  /** The Paris day of an entry of one whole day (allDayEntry): what `start` and `end` span. */
  day?: IsoDate;
  /** What produced it, e.g. "jour-ferie", "reprise", "rfc"; used for colour and filtering. */
  kind: string;
  /** Absolute path inside the app, e.g. "/reprises/abc". */
  url?: string;
  description?: string;
};

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

/** The Paris days a range covers, first and last included, and the test of a day against them. */
export function rangeDays({ from, to }: CalendarRange) {
  const firstDay = parisDate(from);
  const lastDay = parisDate(new Date(to.getTime() - 1));
  return { firstDay, lastDay, inRange: (day: IsoDate) => day >= firstDay && day <= lastDay };
}

/** The day after `day`, worked out once per day (a month's entries ask for the same few). */
export const nextDay = keptPerArgument((day: IsoDate) => addCalendarDays(day, 1));

/** An entry covering one Paris calendar day, from its midnight to the next. */
export function allDayEntry(
  id: string,
  day: IsoDate,
  fields: Omit<CalendarEntry, "id" | "start" | "end" | "allDay">,
): CalendarEntry {
  return { id, start: parisInstant(day), end: parisInstant(nextDay(day)), allDay: true, day, ...fields };
}
