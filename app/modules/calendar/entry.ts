/**
 * One dated item shown on the calendar page and in the ICS feeds. Each domain module
 * contributes entries through a provider (app/modules/calendar/providers.server.ts).
 */
export type CalendarEntry = {
  /** Stable across calls: the ICS UID is derived from it. */
  id: string;
  title: string;
  start: Date;
  end: Date;
  allDay: boolean;
  /** What produced it, e.g. "jour-ferie", "reprise", "rfc"; used for colour and filtering. */
  kind: string;
  /** Absolute path inside the app, e.g. "/reprises/abc". */
  url?: string;
  description?: string;
};
