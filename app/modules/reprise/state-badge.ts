/**
 * The badge of a reprise request's state, the same on every page (lists, panels, the request's
 * own page): its French label and its DSFR classes. Not server-only: pages render it too.
 */
import { REPRISE_STATE_LABELS } from "../../../workflows/reprise";

/** The colour only repeats the words. */
const STATE_BADGES: Record<string, string> = {
  demandee: "fr-badge--info",
  transmise: "fr-badge--new",
  contreProposition: "fr-badge--warning",
  datee: "fr-badge--info",
  extraite: "fr-badge--info",
  expediee: "fr-badge--info",
  enValidation: "fr-badge--warning",
  acceptee: "fr-badge--success",
  annulee: "",
};

export function stateLabel(status: string) {
  return REPRISE_STATE_LABELS[status] ?? status;
}

/** Small (`fr-badge--sm`) in lists and panels; full size as the heading of the request's page. */
export function stateBadgeClassName(status: string, { small = true }: { small?: boolean } = {}) {
  return `fr-badge${small ? " fr-badge--sm" : ""} fr-badge--no-icon ${STATE_BADGES[status] ?? ""}`.trim();
}

export function stateBadge(status: string) {
  return { status, label: stateLabel(status), className: stateBadgeClassName(status) };
}
