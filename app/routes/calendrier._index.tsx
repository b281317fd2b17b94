import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import rbcStyles from "react-big-calendar/lib/css/react-big-calendar.css?url";
import { InteractiveCalendar, type CalendarViewEntry, type CalendarViewName } from "~/components/calendar.client";
import type { CalendarEntry } from "~/modules/calendar/entry";
import type { CalendarKindStyle } from "~/modules/calendar/entry";
import { calendarEntriesFor, calendarKinds } from "~/modules/calendar/providers.server";
import calendarStyles from "~/styles/calendar.css?url";
import { requireUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { allDaySpan } from "~/utils/ics.server";
import {
  addCalendarDays,
  addMonths,
  dayOfWeek,
  endOfMonth,
  isIsoDate,
  parisDate,
  parisInstant,
  type IsoDate,
} from "~/utils/working-days";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: rbcStyles },
  { rel: "stylesheet", href: calendarStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Calendrier, ${data.period.label} — Passerelles` : "Calendrier — Passerelles" },
];

/** The agenda shows 30 days from its date (react-big-calendar's `length` counts the days after it). */
const AGENDA_DAYS = 30;

const VIEWS = { mois: "month", semaine: "week", agenda: "agenda" } as const satisfies Record<string, CalendarViewName>;
type UrlView = keyof typeof VIEWS;
const VIEW_LABELS: Record<UrlView, string> = { mois: "Mois", semaine: "Semaine", agenda: "Agenda" };

// Calendar days are IsoDates at UTC midnight: format them in UTC so the server's zone never matters.
const monthYear = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", month: "long", year: "numeric" });
const weekdayDayMonthYear = new Intl.DateTimeFormat("fr-FR", {
  timeZone: "UTC",
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
});
const parisClock = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Paris",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

const utc = (day: IsoDate) => new Date(`${day}T00:00:00Z`);
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
/** French writes the first of the month "1er". */
const dayNumber = (day: IsoDate) => (Number(day.slice(8)) === 1 ? "1er" : String(Number(day.slice(8))));
const monthName = (day: IsoDate) =>
  new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", month: "long" }).format(utc(day));

function longDay(day: IsoDate): string {
  return weekdayDayMonthYear
    .formatToParts(utc(day))
    .map((part) => (part.type === "day" ? dayNumber(day) : part.value))
    .join("");
}

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

/** "2026-05-14T09:00", the Paris wall-clock time of an instant. */
function parisWall(instant: Date): string {
  return `${parisDate(instant)}T${parisClock.format(instant)}`;
}

function toViewEntry(
  entry: CalendarEntry,
  kinds: Record<string, CalendarKindStyle>,
): CalendarViewEntry & { firstDay: IsoDate; lastDay: IsoDate } {
  const style = kinds[entry.kind];
  const common = {
    id: entry.id,
    title: entry.title,
    kind: entry.kind,
    kindLabel: style?.label ?? capitalise(entry.kind.replace(/-/g, " ")),
    colour: style?.colour ?? null,
    url: entry.url,
    description: entry.description,
  };
  if (entry.allDay) {
    const { first, endExclusive } = allDaySpan(entry.start, entry.end);
    const last = addCalendarDays(endExclusive, -1);
    const when =
      first === last
        ? "Toute la journée"
        : `Du ${shortDay(first, first.slice(0, 4))} au ${shortDay(last, first.slice(0, 4))}`;
    return {
      ...common,
      allDay: true,
      start: `${first}T00:00`,
      end: `${endExclusive}T00:00`,
      when,
      firstDay: first,
      lastDay: last,
    };
  }
  const end = entry.end > entry.start ? entry.end : entry.start;
  const start = parisWall(entry.start);
  const stop = parisWall(end);
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
  return { ...common, allDay: false, start, end: stop, when, firstDay: startDay, lastDay };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const params = new URL(request.url).searchParams;
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
  const viewEntries = entries.map((entry) => toViewEntry(entry, kinds));

  // The list: the period's own days (not the grid's spill-over), each entry under its first day
  // in the period.
  const days = new Map<IsoDate, CalendarViewEntry[]>();
  for (const { firstDay, lastDay, ...entry } of viewEntries) {
    if (lastDay < period.first || firstDay > period.last) continue;
    const day = firstDay < period.first ? period.first : firstDay;
    days.set(day, [...(days.get(day) ?? []), entry]);
  }

  return {
    view,
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
    entries: viewEntries.map(({ firstDay: _f, lastDay: _l, ...entry }): CalendarViewEntry => entry),
    days: [...days]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([date, list]) => ({ date, label: capitalise(longDay(date)), isToday: date === today, entries: list })),
  };
}

/** True once the page runs in a browser with JavaScript (false during server rendering). */
function useMounted() {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted;
}

export default function CalendarPage() {
  const { view, period, links, entries, days } = useLoaderData<typeof loader>();
  const mounted = useMounted();
  return (
    <>
      <h1>Calendrier</h1>
      <p className="fr-text--lead fr-mb-3w">Les échéances, réunions et jours fériés qui vous concernent.</p>

      <div className="cal-toolbar fr-mb-2w">
        <ul className="cal-toolbar__list cal-toolbar__nav">
          <li>
            <Link
              className="fr-btn fr-btn--sm fr-btn--secondary fr-btn--icon-left fr-icon-arrow-left-s-line"
              to={links.previous}
              preventScrollReset
            >
              Précédent<span className="fr-sr-only"> (période précédente)</span>
            </Link>
          </li>
          <li>
            <Link className="fr-btn fr-btn--sm fr-btn--tertiary" to={links.today} preventScrollReset>
              Aujourd'hui
            </Link>
          </li>
          <li>
            <Link
              className="fr-btn fr-btn--sm fr-btn--secondary fr-btn--icon-right fr-icon-arrow-right-s-line"
              to={links.next}
              preventScrollReset
            >
              Suivant<span className="fr-sr-only"> (période suivante)</span>
            </Link>
          </li>
        </ul>
        {/* Announced when the period changes without a page load. */}
        <h2 className="fr-h4 fr-mb-0 cal-toolbar__title" aria-live="polite">
          {period.label}
        </h2>
        <nav aria-label="Affichage du calendrier">
          <ul className="cal-toolbar__list">
            {links.views.map((item) => (
              <li key={item.view}>
                <Link
                  className={`fr-btn fr-btn--sm${item.view === view ? "" : " fr-btn--secondary"}`}
                  to={item.href}
                  aria-current={item.view === view ? "page" : undefined}
                  preventScrollReset
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>

      {mounted && InteractiveCalendar ? (
        <>
          <p id="calendrier-description" className="fr-sr-only">
            La liste des événements, après le calendrier, donne les mêmes informations jour par jour.
          </p>
          <InteractiveCalendar
            view={VIEWS[view]}
            date={period.anchor}
            entries={entries}
            agendaLength={AGENDA_DAYS - 1}
            label={`Calendrier, ${period.label}`}
            descriptionId="calendrier-description"
          />
        </>
      ) : null}

      <section className="fr-mt-4w" aria-labelledby="liste-evenements">
        <h2 id="liste-evenements" className="fr-h4">
          Liste des événements <span className="fr-sr-only">— {period.label}</span>
        </h2>
        {days.length === 0 ? (
          <p>Aucun événement sur cette période.</p>
        ) : (
          days.map((day) => (
            <section key={day.date} className="cal-day" aria-labelledby={`jour-${day.date}`}>
              <h3 id={`jour-${day.date}`} className="fr-h6 fr-mb-1w">
                <time dateTime={day.date}>{day.label}</time>
                {day.isToday ? (
                  <span className="fr-badge fr-badge--sm fr-badge--info fr-ml-1w">Aujourd'hui</span>
                ) : null}
              </h3>
              <ul className="cal-list">
                {day.entries.map((entry) => (
                  <li key={entry.id} className={`cal-list__item cal-colour--${entry.colour ?? "grey"}`}>
                    <span className="cal-list__when">{entry.when}</span>
                    <span className="cal-kind">{entry.kindLabel}</span>
                    <span className="fr-sr-only"> : </span>
                    {entry.url ? (
                      <Link to={entry.url} className="fr-link cal-list__title">
                        {entry.title}
                      </Link>
                    ) : (
                      <span className="cal-list__title">{entry.title}</span>
                    )}
                    {entry.description ? (
                      <p className="fr-text--sm fr-mb-0 cal-list__description">{entry.description}</p>
                    ) : null}
                  </li>
                ))}
              </ul>
            </section>
          ))
        )}
      </section>
    </>
  );
}
