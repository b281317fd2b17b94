/**
 * The calendar page's data (app/routes/calendrier._index.tsx): the period a view shows, the links
 * to the periods and views around it, and the entries of its grid as the page shows them. The
 * list below the grid is built from them in the component (day-list.ts); on a document request
 * the entries are served once, as that list (decision 031), and the grid asks for them after
 * hydration.
 */
import type { AppLoadContext } from "@remix-run/node";
import type { CalendarViewEntry, CalendarViewName } from "~/components/calendar.client";
import type { SessionUser } from "~/modules/auth/session.server";
import { now } from "~/utils/clock.server";
import { allDaySpan } from "~/utils/ics.server";
import { keptPerArgument } from "~/utils/memo";
import { serveOnce } from "~/utils/served-once.server";
import {
  addCalendarDays,
  addMonths,
  dayOfWeek,
  endOfMonth,
  isIsoDate,
  parisDate,
  parisInstant,
  parisWallClock,
  type IsoDate,
} from "~/utils/working-days";
import { ALL_DAY, CALENDAR_ENTRIES, capitalise, dayNumber } from "./day-list";
import { nextDay, type CalendarEntry, type CalendarKindStyle } from "./entry";
import { calendarEntriesFor, calendarKinds } from "./providers.server";

/** The agenda shows 30 days from its date (react-big-calendar's `length` counts the days after it). */
const AGENDA_DAYS = 30;

const VIEWS = { mois: "month", semaine: "week", agenda: "agenda" } as const satisfies Record<string, CalendarViewName>;
type UrlView = keyof typeof VIEWS;
const VIEW_LABELS: Record<UrlView, string> = { mois: "Mois", semaine: "Semaine", agenda: "Agenda" };

// Calendar days are IsoDates at UTC midnight: format them in UTC so the server's zone never matters.
const monthYear = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", month: "long", year: "numeric" });

const utc = (day: IsoDate) => new Date(`${day}T00:00:00Z`);
const monthOnly = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", month: "long" });
/** A month's French name, worded through Intl once per month (entries ask for it several times each). */
const nameOfMonth = keptPerArgument((month) => monthOnly.format(utc(`2000-${month}-01`)));
const monthName = (day: IsoDate) => nameOfMonth(day.slice(5, 7));

/** "du 4 au 10 mai 2026", "du 27 avril au 3 mai 2026", "du 28 décembre 2026 au 3 janvier 2027". */
function rangeLabel(first: IsoDate, last: IsoDate): string {
  const sameYear = first.slice(0, 4) === last.slice(0, 4);
  const sameMonth = sameYear && first.slice(5, 7) === last.slice(5, 7);
  const start = sameMonth
    ? dayNumber(first)
    : `${dayNumber(first)} ${monthName(first)}${sameYear ? "" : ` ${first.slice(0, 4)}`}`;
  return `du ${start} au ${dayNumber(last)} ${monthName(last)} ${last.slice(0, 4)}`;
}

/** "9 mai" or "9 mai 2027" when the year differs from `year`. */
function shortDay(day: IsoDate, year: string): string {
  return `${dayNumber(day)} ${monthName(day)}${day.slice(0, 4) === year ? "" : ` ${day.slice(0, 4)}`}`;
}

function mondayOf(day: IsoDate): IsoDate {
  return addCalendarDays(day, -((dayOfWeek(day) + 6) % 7));
}

type Period = {
  /** The day react-big-calendar is given: first of the month, Monday of the week, agenda start. */
  anchor: IsoDate;
  /** The period itself, inclusive: what the heading names and the list shows. */
  first: IsoDate;
  last: IsoDate;
  /** What the calendar grid shows (a month grid runs from a Monday to a Sunday). */
  gridFirst: IsoDate;
  gridLast: IsoDate;
  previous: IsoDate;
  next: IsoDate;
  label: string;
};

function periodOf(view: UrlView, date: IsoDate): Period {
  switch (view) {
    case "mois": {
      const first = `${date.slice(0, 7)}-01`;
      const last = endOfMonth(first);
      return {
        anchor: first,
        first,
        last,
        gridFirst: mondayOf(first),
        gridLast: addCalendarDays(mondayOf(last), 6),
        previous: addMonths(first, -1),
        next: addMonths(first, 1),
        label: capitalise(monthYear.format(utc(first))),
      };
    }
    case "semaine": {
      const first = mondayOf(date);
      const last = addCalendarDays(first, 6);
      return {
        anchor: first,
        first,
        last,
        gridFirst: first,
        gridLast: last,
        previous: addCalendarDays(first, -7),
        next: addCalendarDays(first, 7),
        label: `Semaine ${rangeLabel(first, last)}`,
      };
    }
    case "agenda": {
      const last = addCalendarDays(date, AGENDA_DAYS - 1);
      return {
        anchor: date,
        first: date,
        last,
        gridFirst: date,
        gridLast: last,
        previous: addCalendarDays(date, -AGENDA_DAYS),
        next: addCalendarDays(date, AGENDA_DAYS),
        label: capitalise(rangeLabel(date, last)),
      };
    }
  }
}

function hrefOf(view: UrlView, date?: IsoDate) {
  return date ? `/calendrier?vue=${view}&date=${date}` : `/calendrier?vue=${view}`;
}

type ViewSpan = Pick<CalendarViewEntry, "start" | "end" | "when"> & { firstDay: IsoDate; lastDay: IsoDate };

/** Where an entry stands as the page shows it: Paris wall clocks, the words of its time, its days. */
function spanOf(entry: CalendarEntry): ViewSpan {
  if (entry.allDay && entry.day) {
    // One day, known as such (allDayEntry): no instant to convert back.
    const day = entry.day;
    return { start: `${day}T00:00`, end: `${nextDay(day)}T00:00`, when: ALL_DAY, firstDay: day, lastDay: day };
  }
  if (entry.allDay) {
    const { first, endExclusive } = allDaySpan(entry.start, entry.end);
    const last = addCalendarDays(endExclusive, -1);
    const when =
      first === last ? ALL_DAY : `Du ${shortDay(first, first.slice(0, 4))} au ${shortDay(last, first.slice(0, 4))}`;
    return { start: `${first}T00:00`, end: `${endExclusive}T00:00`, when, firstDay: first, lastDay: last };
  }
  const end = entry.end > entry.start ? entry.end : entry.start;
  const start = parisWallClock(entry.start);
  const stop = parisWallClock(end);
  const [startDay, startTime] = start.split("T") as [IsoDate, string];
  const [endDay, endTime] = stop.split("T") as [IsoDate, string];
  const when =
    startDay === endDay
      ? start === stop
        ? startTime
        : `${startTime} – ${endTime}`
      : `Du ${shortDay(startDay, startDay.slice(0, 4))}, ${startTime}, au ${shortDay(endDay, startDay.slice(0, 4))}, ${endTime}`;
  // An entry ending exactly at midnight does not occupy the next day.
  const lastDay = endTime === "00:00" && endDay > startDay ? addCalendarDays(endDay, -1) : endDay;
  return { start, end: stop, when, firstDay: startDay, lastDay };
}

/** The entry as the page sends it: one object literal of one shape (a spread per entry costs more than the rest). */
function toViewEntry(
  entry: CalendarEntry,
  kinds: Record<string, CalendarKindStyle>,
): CalendarViewEntry & { firstDay: IsoDate; lastDay: IsoDate } {
  const style = kinds[entry.kind];
  const span = spanOf(entry);
  return {
    id: entry.id,
    title: entry.title,
    kind: entry.kind,
    kindLabel: style?.label ?? capitalise(entry.kind.replace(/-/g, " ")),
    colour: style?.colour ?? null,
    url: entry.url,
    description: entry.description,
    allDay: entry.allDay,
    start: span.start,
    end: span.end,
    when: span.when,
    firstDay: span.firstDay,
    lastDay: span.lastDay,
  };
}

/**
 * The calendar page at `url` (?vue=mois|semaine|agenda&date=YYYY-MM-DD): its period, the links
 * around it and the entries of its grid, each with the Paris days it occupies (null on a document
 * request given its load `context`: they are then served once, as the list).
 */
export async function calendarPage(user: SessionUser, url: URL, context?: AppLoadContext) {
  const params = url.searchParams;
  const rawView = params.get("vue");
  const view: UrlView = rawView && rawView in VIEWS ? (rawView as UrlView) : "mois";
  const today = parisDate(now());
  const rawDate = params.get("date");
  const period = periodOf(view, isIsoDate(rawDate) ? rawDate : today);

  const entries = await calendarEntriesFor(user, {
    from: parisInstant(period.gridFirst),
    to: parisInstant(addCalendarDays(period.gridLast, 1)),
  });
  const kinds = calendarKinds();
  return {
    view,
    calendarView: VIEWS[view],
    agendaLength: AGENDA_DAYS - 1,
    today,
    period,
    links: {
      previous: hrefOf(view, period.previous),
      next: hrefOf(view, period.next),
      today: hrefOf(view),
      // Another view of the same period: around today when the period holds it, else its first day.
      views: (Object.keys(VIEWS) as UrlView[]).map((v) => ({
        view: v,
        label: VIEW_LABELS[v],
        href: hrefOf(v, period.first <= today && today <= period.last ? today : period.first),
      })),
    },
    // Sent once: the list below the grid is built from them (dayList).
    entries: serveOnce(
      context,
      CALENDAR_ENTRIES,
      entries.map((entry) => toViewEntry(entry, kinds)),
    ),
  };
}
