/** The badge colour of each account status; it only repeats the status written in it. */
const PERSON_BADGES: Record<string, string> = {
  actif: "fr-badge--success",
  invitation: "fr-badge--warning",
  inactif: "fr-badge--error",
};

const badgeClass = (small: boolean | undefined, colour: string) => `fr-badge${small ? " fr-badge--sm" : ""} ${colour}`;

/** A person's account status (active, invited, deactivated) as a DSFR badge (small in lists). */
export function PersonStatusBadge({ status, label, small }: { status: string; label: string; small?: boolean }) {
  return <span className={badgeClass(small, PERSON_BADGES[status] ?? "")}>{label}</span>;
}

/** Whether an organisation is active, as a DSFR badge (small in lists). */
export function OrganisationActiveBadge({ active, small }: { active: boolean; small?: boolean }) {
  return active ? (
    <span className={badgeClass(small, "fr-badge--success")}>Active</span>
  ) : (
    <span className={badgeClass(small, "fr-badge--error")}>Désactivée</span>
  );
}
