/**
 * The reprise pages' words and dates, in French and Paris time, so that read models and pages
 * only lay them out: countdowns to a dispatch, long dates, why a list leaves before the 25th,
 * the states for filters and the names of a package's files.
 */
import { parisInstant, type IsoDate } from "~/utils/working-days";
import { REPRISE_STATE_LABELS } from "../../../workflows/reprise";

const HOUR_MS = 3_600_000;

/** Whole days and hours from `from` to `to` (rounded down), or `past` when `to` is reached. */
export function countdown(from: Date, to: Date) {
  const ms = to.getTime() - from.getTime();
  if (ms <= 0) return { past: true, days: 0, hours: 0 };
  const totalHours = Math.floor(ms / HOUR_MS);
  return { past: false, days: Math.floor(totalHours / 24), hours: totalHours % 24 };
}

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? "s" : ""}`;

/** "dans 3 jours et 4 heures", "dans 2 jours", "dans 5 heures", "dans moins d'une heure". */
export function countdownText(from: Date, to: Date): string {
  const { past, days, hours } = countdown(from, to);
  if (past) return "heure dépassée";
  if (days === 0 && hours === 0) return "dans moins d'une heure";
  if (days === 0) return `dans ${plural(hours, "heure")}`;
  if (hours === 0) return `dans ${plural(days, "jour")}`;
  return `dans ${plural(days, "jour")} et ${plural(hours, "heure")}`;
}

const longDateTime = new Intl.DateTimeFormat("fr-FR", {
  timeZone: "Europe/Paris",
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
const longDay = new Intl.DateTimeFormat("fr-FR", {
  timeZone: "Europe/Paris",
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
});

/** "mercredi 25 novembre 2026 à 09:00" (Paris). */
export function instantLabel(instant: Date | string): string {
  return longDateTime.format(new Date(instant));
}

/** "jeudi 24 décembre 2026". */
export function weekdayLabel(day: IsoDate): string {
  return longDay.format(parisInstant(day, "12:00"));
}

/** Every state, in the order of the procedure, for filters. */
export const STATE_OPTIONS = Object.entries(REPRISE_STATE_LABELS).map(([value, label]) => ({ value, label }));

/** "Liste priorisée — XLSX" from "liste-priorisee-OPALES-2026-11-rennes.xlsx". */
export function packageFileLabel(filename: string) {
  const extension = filename.split(".").pop()?.toUpperCase() ?? "";
  const what = filename.startsWith("liste-priorisee")
    ? "Liste priorisée des demandes"
    : filename.startsWith("planning-previsionnel")
      ? "Planning prévisionnel d'arrêt des services"
      : filename;
  return { what, format: extension };
}

const FORMAT_ORDER = ["XLSX", "CSV", "PDF"];

/** The package's files as two sets (the list, the planning), each in XLSX, CSV and PDF. */
export function fileSets(files: { id: string; filename: string }[]) {
  const sets = new Map<string, { id: string; filename: string; format: string }[]>();
  for (const file of files) {
    const { what, format } = packageFileLabel(file.filename);
    sets.set(what, [...(sets.get(what) ?? []), { id: file.id, filename: file.filename, format }]);
  }
  return [...sets.entries()]
    .sort(([a], [b]) => (a.startsWith("Liste") ? -1 : b.startsWith("Liste") ? 1 : a.localeCompare(b)))
    .map(([what, list]) => ({
      what,
      files: list.sort((a, b) => FORMAT_ORDER.indexOf(a.format) - FORMAT_ORDER.indexOf(b.format)),
    }));
}

export const SCOPE_LABELS: Record<string, string> = {
  TOUT: "Liste complète",
  RENNES: "Part du centre de Rennes",
  VERSAILLES: "Part du centre de Versailles",
};
