/**
 * Who receives the RFC mails: the people of organisations (by role), the group's pilots, the
 * coordinators, the MDPH directors. Audiences only; the addressing rules (active people who have
 * set their password, of active organisations) are mail/recipients.server.ts's.
 */
import { coordinators, pilotsOf as groupPilotsOf } from "~/modules/groups/recipients.server";
import { addressesOf, uniqueAddresses } from "~/modules/mail/recipients.server";
import type { Tx } from "~/utils/db.server";

/** The roles that take part in comment cycles. */
export const CYCLE_ROLES = ["MEMBRE_GT", "PILOTE_GROUPE", "DIRECTEUR_MDPH", "COORDINATEUR_CNSA"] as const;

/** The people of these organisations who take part in cycles. */
export const peopleOfOrganisations = (tx: Tx, organisationIds: string[]) =>
  addressesOf(tx, { organisationIds, roles: CYCLE_ROLES });

export const mdphDirectors = (tx: Tx) => addressesOf(tx, { organisationKind: "MDPH", roles: ["DIRECTEUR_MDPH"] });

/** Who answers for a cycle: the group's pilots and the coordinators. */
export async function cycleOwners(tx: Tx, groupId: string) {
  return uniqueAddresses([...(await groupPilotsOf(tx, groupId)), ...(await coordinators(tx))]);
}
