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

export function formatShortDate(value: string | Date | null | undefined) {
  return value ? shortDate.format(new Date(value)) : "—";
}

/** A size in bytes the way French pages write it (octets, Ko, Mo). */
export function formatBytes(bytes: number) {
  if (bytes < 1024) return `${bytes} octets`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} Ko`;
  return `${(bytes / 1024 / 1024).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} Mo`;
}
