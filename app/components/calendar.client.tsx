/**
 * The interactive calendar (react-big-calendar), an enhancement of the server-rendered list on
 * /calendrier: a client-only module (`.client.tsx`), because react-big-calendar reads `window`
 * while rendering. The route renders it once mounted; without JavaScript the list alone works.
 *
 * It is controlled by the URL: the view and the date come from the route's loader, and
 * any navigation inside the calendar (a day's "+ n de plus", a date in the month grid) changes
 * the URL, so back/forward and shared links work. The route's own toolbar (plain links) replaces
 * react-big-calendar's, so the same controls serve with and without JavaScript.
 *
 * Times are Paris wall-clock times ("2026-05-14T09:00") turned into local Dates with the same
 * numbers: react-big-calendar only knows the browser's zone, and the app shows Paris times
 * whatever that zone is.
 */
import { Link, useNavigate } from "@remix-run/react";
import { format, getDay, parse, startOfWeek } from "date-fns";
import { fr } from "date-fns/locale";
import { cloneElement, isValidElement, useCallback, useEffect, useMemo, useRef, type ReactNode } from "react";
import {
  Calendar,
  dateFnsLocalizer,
  type AgendaTimeProps,
  type EventProps,
  type EventWrapperProps,
  type Formats,
  type Messages,
  type View,
} from "react-big-calendar";

/** One entry as the route's loader serialises it. */
export type CalendarViewEntry = {
  id: string;
  title: string;
  kind: string;
  /** French label of the kind, always written next to the colour. */
  kindLabel: string;
  /** A DSFR illustration colour ("green-emeraude"), or null for the neutral grey. */
  colour: string | null;
  allDay: boolean;
  /** Paris wall-clock "YYYY-MM-DDTHH:mm"; for all-day entries, midnight of the first day… */
  start: string;
  /** …and midnight of the day after the last (exclusive). */
  end: string;
  /** "Toute la journée", "09:00 – 10:30"…: the agenda's time column, as the list writes it. */
  when: string;
  url?: string;
  description?: string;
};

export type CalendarViewName = "month" | "week" | "agenda";

type RbcEvent = CalendarViewEntry & { startDate: Date; endDate: Date };

const localizer = dateFnsLocalizer({ format, parse, startOfWeek, getDay, locales: { fr } });

export const CALENDAR_MESSAGES: Messages<RbcEvent> = {
  today: "Aujourd'hui",
  previous: "Précédent",
  next: "Suivant",
  month: "Mois",
  week: "Semaine",
  day: "Jour",
  agenda: "Agenda",
  date: "Date",
  time: "Heure",
  event: "Événement",
  allDay: "Toute la journée",
  yesterday: "Hier",
  tomorrow: "Demain",
  noEventsInRange: "Aucun événement sur cette période",
  showMore: (count) => `+ ${count} de plus`,
};

// date-fns patterns in French; the defaults of the localizer are American ("h:mma", "MMMM dd").
const hm = (date: Date) => format(date, "HH:mm", { locale: fr });
const FORMATS: Formats = {
  dateFormat: "d",
  dayFormat: "EEE d",
  weekdayFormat: "EEEE",
  timeGutterFormat: "HH:mm",
  agendaDateFormat: "EEEE d MMMM",
  agendaTimeFormat: "HH:mm",
  agendaTimeRangeFormat: ({ start, end }) => `${hm(start)} – ${hm(end)}`,
  eventTimeRangeFormat: ({ start, end }) => `${hm(start)} – ${hm(end)}`,
  eventTimeRangeStartFormat: ({ start }) => `${hm(start)} –`,
  eventTimeRangeEndFormat: ({ end }) => `– ${hm(end)}`,
};

/** "2026-05-14T09:00" (or "2026-05-14") read as a local Date showing those numbers. */
export function wallClockDate(wall: string): Date {
  const [day, time = "00:00"] = wall.split("T");
  const [y, m, d] = day!.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  return new Date(y!, m! - 1, d!, hh!, mm!);
}

function isoDay(date: Date): string {
  return format(date, "yyyy-MM-dd");
}

const URL_VIEW: Record<CalendarViewName, string> = { month: "mois", week: "semaine", agenda: "agenda" };

function EventContent({ event }: EventProps<RbcEvent>) {
  // The kind is written, not only coloured (RGAA 3.1: information must not rely on colour alone).
  const inner = (
    <>
      <span className="cal-event__kind">{event.kindLabel}</span>
      <span className="fr-sr-only"> : </span>
      <span className="cal-event__title">{event.title}</span>
    </>
  );
  return event.url ? (
    <Link to={event.url} className="cal-event__link">
      {inner}
    </Link>
  ) : (
    <span className="cal-event__text">{inner}</span>
  );
}

/**
 * react-big-calendar wraps each event of the week view in `<div role="button" tabIndex={0}>`.
 * An entry with a url already carries a real link (EventContent), and one without has nothing
 * to activate: the wrapper's role and tab stop would only add an empty or nested control
 * (axe "nested-interactive"), so they are dropped here.
 */
function EventWrapper({ children }: EventWrapperProps<RbcEvent> & { children?: ReactNode }) {
  if (!isValidElement<{ role?: string; tabIndex?: number }>(children)) return <>{children}</>;
  return cloneElement(children, { role: undefined, tabIndex: undefined });
}

/**
 * The agenda's time column: the same words as the list ("Toute la journée" rather than the
 * localizer's label followed by a "»" continuation mark for an all-day entry).
 */
function AgendaTime({ event, label }: AgendaTimeProps) {
  // The types give the library's generic Event; the calendar only ever receives RbcEvents.
  return <span className="cal-agenda-time">{(event as Partial<RbcEvent>).when ?? label}</span>;
}

/** "vendredi 1er mai": French writes the first of the month "1er", which date-fns cannot. */
function AgendaDate({ day }: { day: Date }) {
  const n = day.getDate();
  return <>{`${format(day, "EEEE", { locale: fr })} ${n === 1 ? "1er" : n} ${format(day, "MMMM", { locale: fr })}`}</>;
}

/** Week-day headings without react-big-calendar's `role="columnheader"` (see repairAccessibility). */
function Header({ label }: { label: string }) {
  return <span>{label}</span>;
}

const COMPONENTS = {
  event: EventContent,
  eventWrapper: EventWrapper,
  header: Header,
  week: { header: Header, event: EventContent },
  month: { header: Header, event: EventContent },
  agenda: { event: EventContent, time: AgendaTime, date: AgendaDate },
};

const TABLE_ROLES = new Set(["table", "rowgroup", "row", "cell", "columnheader", "gridcell", "rowheader"]);

// The agenda does not scroll (app/styles/calendar.css lets it grow), and the month view does
// not either (no `showAllEvents`): the week's hour grid is the one scrolling region.
const SCROLLABLE_LABELS: [selector: string, label: string][] = [
  [".rbc-time-content", "Grille horaire de la semaine (faire défiler avec les flèches)"],
];

/**
 * Accessibility repairs that react-big-calendar offers no prop for (docs/stack.md, pitfall 9),
 * applied after every render through a MutationObserver because navigation creates new nodes.
 *
 * - ARIA table roles. The week view puts `role="rowgroup"` and `role="row"` (DateContentRow)
 *   with no `table` around them and no cells inside, and its day headings are `columnheader`s
 *   outside any row: axe aria-required-children and aria-required-parent, both critical. The
 *   month view's `table`/`row`/`cell` tree fails too as soon as a week holds an event link or a
 *   "+ n de plus" button (children a `row` may not have: aria-required-children, critical);
 *   and even valid it would mislead, since the events sit outside the cells (a screen reader
 *   moving cell by cell hears day numbers only), under an English label ("Month View").
 *   Rather than fake a grid, the roles are removed in every view: the calendar becomes a plain
 *   group of texts, links and buttons, and the list under it (real headings and lists,
 *   rendered on the server) is the structured equivalent; the group's description says so.
 *   (Checked with axe 4.13 on month, week and agenda: without these repairs the month and
 *   week views fail as described; with them no violation is left.)
 * - Scrollable region. The week's hour grid scrolls (overflow: auto) but cannot take focus, so
 *   keyboard users cannot scroll it (axe scrollable-region-focusable, serious): it gets
 *   `tabindex="0"`, `role="region"` and a French name.
 *
 * Idempotent: it only writes what differs, so its own mutations settle at once.
 */
export function repairAccessibility(root: HTMLElement) {
  for (const element of root.querySelectorAll<HTMLElement>("[role]")) {
    if (TABLE_ROLES.has(element.getAttribute("role") ?? "")) element.removeAttribute("role");
  }
  for (const element of root.querySelectorAll<HTMLElement>("[aria-sort]")) element.removeAttribute("aria-sort");
  for (const element of root.querySelectorAll<HTMLElement>("[aria-label='Month View']"))
    element.removeAttribute("aria-label");
  for (const [selector, label] of SCROLLABLE_LABELS) {
    for (const element of root.querySelectorAll<HTMLElement>(selector)) {
      if (element.getAttribute("tabindex") !== "0") element.setAttribute("tabindex", "0");
      if (element.getAttribute("role") !== "region") element.setAttribute("role", "region");
      if (element.getAttribute("aria-label") !== label) element.setAttribute("aria-label", label);
    }
  }
}

function useAccessibilityRepairs() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    repairAccessibility(root);
    const observer = new MutationObserver(() => repairAccessibility(root));
    observer.observe(root, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ["role", "aria-label", "tabindex"],
    });
    return () => observer.disconnect();
  }, []);
  return ref;
}

export function InteractiveCalendar({
  view,
  date,
  entries,
  agendaLength,
  label,
  descriptionId,
}: {
  view: CalendarViewName;
  /** "YYYY-MM-DD": a day of the period shown (the first day for the agenda). */
  date: string;
  entries: CalendarViewEntry[];
  /** Days the agenda shows after `date` (react-big-calendar shows `date` plus this many). */
  agendaLength: number;
  /** Accessible name of the calendar, e.g. "Calendrier, mai 2026". */
  label: string;
  /** Id of the text that points to the list equivalent. */
  descriptionId?: string;
}) {
  const navigate = useNavigate();
  const ref = useAccessibilityRepairs();
  const events = useMemo<RbcEvent[]>(
    () =>
      entries.map((entry) => ({ ...entry, startDate: wallClockDate(entry.start), endDate: wallClockDate(entry.end) })),
    [entries],
  );
  const current = useMemo(() => wallClockDate(date), [date]);

  const go = useCallback(
    (nextView: View, nextDate: Date) => {
      const target = (nextView as CalendarViewName) in URL_VIEW ? (nextView as CalendarViewName) : "week";
      navigate({ search: `?vue=${URL_VIEW[target]}&date=${isoDay(nextDate)}` }, { preventScrollReset: true });
    },
    [navigate],
  );

  return (
    <div
      ref={ref}
      className={`cal-interactive cal-interactive--${view}`}
      role="group"
      aria-label={label}
      aria-describedby={descriptionId}
    >
      <Calendar<RbcEvent>
        localizer={localizer}
        culture="fr"
        messages={CALENDAR_MESSAGES}
        formats={FORMATS}
        events={events}
        startAccessor="startDate"
        endAccessor="endDate"
        allDayAccessor="allDay"
        titleAccessor="title"
        tooltipAccessor={(event) => `${event.kindLabel} : ${event.title}`}
        views={["month", "week", "agenda"]}
        view={view}
        date={current}
        length={agendaLength}
        toolbar={false}
        onNavigate={(nextDate, nextView) => go(nextView, nextDate)}
        onView={(nextView) => go(nextView, current)}
        // A day of the month grid (its number or "+ n de plus") opens its week.
        getDrilldownView={(_date, currentView) => (currentView === "month" ? "week" : null)}
        onDrillDown={(day) => go("week", day)}
        eventPropGetter={(event) => ({ className: `cal-event cal-colour--${event.colour ?? "grey"}` })}
        components={COMPONENTS}
        scrollToTime={new Date(1970, 0, 1, 8, 0)}
        popup={false}
      />
    </div>
  );
}
