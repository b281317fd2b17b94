/** The badge colour of each outbox status; it only repeats the status written in it. */
const MAIL_BADGES: Record<string, string> = {
  PENDING: "fr-badge--info",
  SENDING: "fr-badge--new",
  SENT: "fr-badge--success",
  FAILED: "fr-badge--error",
  LOCAL: "fr-badge--warning",
};

/** A mail's status as a DSFR badge (small in lists). */
export function MailStatusBadge({ status, label, small }: { status: string; label: string; small?: boolean }) {
  return <span className={`fr-badge${small ? " fr-badge--sm" : ""} ${MAIL_BADGES[status] ?? ""}`}>{label}</span>;
}
