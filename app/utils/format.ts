/** French formatting of dates (always Europe/Paris, whatever the browser's zone). */
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
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return "—";
  // Tables repeat the same few days on every request: each is formatted once (Intl costs µs a call).
  let label = dayLabels.get(day);
  if (label === undefined) {
    label = date.format(new Date(`${day}T12:00:00Z`));
    if (dayLabels.size >= 5_000) dayLabels.clear();
    dayLabels.set(day, label);
  }
  return label;
}
const dayLabels = new Map<string, string>();

export function formatShortDate(value: string | Date | null | undefined) {
  return value ? shortDate.format(new Date(value)) : "—";
}

/** A size in bytes the way French pages write it (octets, Ko, Mo). */
export function formatBytes(bytes: number) {
  if (bytes < 1024) return `${bytes} octets`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} Ko`;
  return `${(bytes / 1024 / 1024).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} Mo`;
}
