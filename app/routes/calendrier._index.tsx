import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useFetcher, useLoaderData, useLocation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import rbcStyles from "react-big-calendar/lib/css/react-big-calendar.css?url";
import { InteractiveCalendar } from "~/components/calendar.client";
import { ServedOnce } from "~/components/served-once";
import { ALL_DAY, byKind, CALENDAR_ENTRIES, dayList } from "~/modules/calendar/day-list";
import { calendarPage } from "~/modules/calendar/page.server";
import calendarStyles from "~/styles/calendar.css?url";
import { requireUser } from "~/utils/auth.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: rbcStyles },
  { rel: "stylesheet", href: calendarStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Calendrier, ${data.period.label} — Passerelles` : "Calendrier — Passerelles" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  return calendarPage(await requireUser(request), new URL(request.url), context);
}

type Entries = NonNullable<Awaited<ReturnType<typeof loader>>["entries"]>;

/** True once the page runs in a browser with JavaScript (false during server rendering). */
function useMounted() {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted;
}

/**
 * The grid's entries: the loader's after a client navigation; after a page load, whose list
 * was served once without them in the data, this loader's data asked once mounted.
 */
function useGridEntries(entries: Entries | null): Entries | null {
  const fetcher = useFetcher<typeof loader>();
  const { search } = useLocation();
  const wanted = entries === null ? `/calendrier?index&${search.slice(1)}` : null;
  const asked = useRef<string | null>(null);
  useEffect(() => {
    if (wanted === null || asked.current === wanted) return;
    asked.current = wanted;
    fetcher.load(wanted);
  });
  return entries ?? fetcher.data?.entries ?? null;
}

export default function CalendarPage() {
  const { view, calendarView, agendaLength, today, period, links, entries } = useLoaderData<typeof loader>();
  const mounted = useMounted();
  const gridEntries = useGridEntries(entries);
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

      {mounted && gridEntries && InteractiveCalendar ? (
        <>
          <p id="calendrier-description" className="fr-sr-only">
            La liste des événements, après le calendrier, donne les mêmes informations jour par jour.
          </p>
          <InteractiveCalendar
            view={calendarView}
            date={period.anchor}
            entries={gridEntries}
            agendaLength={agendaLength}
            label={`Calendrier, ${period.label}`}
            descriptionId="calendrier-description"
          />
        </>
      ) : null}

      <section className="fr-mt-4w" aria-labelledby="liste-evenements">
        <h2 id="liste-evenements" className="fr-h4">
          Liste des événements <span className="fr-sr-only">— {period.label}</span>
        </h2>
        <ServedOnce name={CALENDAR_ENTRIES} value={entries}>
          {(all) => <DayList entries={all} period={period} today={today} />}
        </ServedOnce>
      </section>
    </>
  );
}

/**
 * The period's events day by day, each day's by kind: the page without JavaScript, and the
 * grid's text equivalent. Served once, it is not hydrated: its links are plain links.
 */
function DayList({
  entries,
  period,
  today,
}: {
  entries: Entries;
  period: { first: string; last: string };
  today: string;
}) {
  const days = dayList(entries, period, today);
  if (days.length === 0) return <p>Aucun événement sur cette période.</p>;
  return days.map((day) => (
    <section key={day.date} className="cal-day" aria-labelledby={`jour-${day.date}`}>
      <h3 id={`jour-${day.date}`} className="fr-h6 fr-mb-1w">
        <time dateTime={day.date}>{day.label}</time>
        {day.isToday ? <span className="fr-badge fr-badge--sm fr-badge--info fr-ml-1w">Aujourd'hui</span> : null}
      </h3>
      {byKind(day.entries).map((group) => (
        <div key={group.kind} className={`cal-group cal-colour--${group.colour ?? "grey"}`}>
          <h4 className="cal-kind">
            {group.kindLabel}
            {group.entries.length > 1 ? <span className="cal-kind__count"> ({group.entries.length})</span> : null}
          </h4>
          <ul className="cal-list">
            {group.entries.map((entry) => (
              <li key={entry.id}>
                {entry.when === ALL_DAY ? null : <span className="cal-list__when">{entry.when} </span>}
                {entry.url ? <a href={entry.url}>{entry.title}</a> : entry.title}
                {entry.description ? <p className="cal-list__description">{entry.description}</p> : null}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  ));
}
