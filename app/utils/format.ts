/** French formatting of dates (always Europe/Paris, whatever the browser's zone). */
import { keptPerArgument } from "./memo";

const dateTime = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", dateStyle: "short", timeStyle: "short" });
const date = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", dateStyle: "long" });
const shortDate = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", dateStyle: "short" });

export function formatDateTime(value: string | Date | null | undefined) {
  return value ? dateTime.format(new Date(value)) : "—";
}

export function formatDate(value: string | Date | null | undefined) {
  return value ? date.format(new Date(value)) : "—";
}

/**
 * "15 décembre 2026" for a Paris calendar day ("2026-12-15"), "—" when there is none. Noon UTC
 * falls on the same day in Paris all year (UTC+1 or UTC+2), so no time-zone arithmetic is needed.
 */
export function dayLabel(day: string | null | undefined) {
  return day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? dayWording(day) : "—";
}
// Tables repeat the same few days on every request: each is formatted once (Intl costs µs a call).
const dayWording = keptPerArgument((day) => date.format(new Date(`${day}T12:00:00Z`)));

export function formatShortDate(value: string | Date | null | undefined) {
  return value ? shortDate.format(new Date(value)) : "—";
}

/** A size in bytes the way French pages write it (octets, Ko, Mo). */
export function formatBytes(bytes: number) {
  if (bytes < 1024) return `${bytes} octets`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} Ko`;
  return `${(bytes / 1024 / 1024).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} Mo`;
}
