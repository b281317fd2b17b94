/**
 * Who receives the RFC mails: the people of organisations (by role), the group's pilots, the
 * coordinators, the MDPH directors. Only active people who have set their password (an
 * invitation not yet accepted receives nothing), of active organisations.
 */
import type { Tx } from "~/utils/db.server";

/** The roles that take part in comment cycles. */
export const CYCLE_ROLES = ["MEMBRE_GT", "PILOTE_GROUPE", "DIRECTEUR_MDPH", "COORDINATEUR_CNSA"] as const;

export function unique(addresses: string[]) {
  return [...new Set(addresses.filter(Boolean).map((a) => a.toLowerCase()))];
}

async function emails(
  tx: Tx,
  where: { organisationIds?: string[]; roles: readonly string[]; organisationKind?: string },
) {
  const users = await tx.user.findMany({
    where: {
      active: true,
      passwordHash: { not: null },
      organisation: { active: true, ...(where.organisationKind ? { kind: where.organisationKind } : {}) },
      roles: { some: { role: { in: [...where.roles] } } },
      ...(where.organisationIds ? { organisationId: { in: where.organisationIds } } : {}),
    },
    select: { email: true },
    orderBy: { email: "asc" },
  });
  return unique(users.map((u) => u.email));
}

/** The people of these organisations who take part in cycles. */
export const peopleOfOrganisations = (tx: Tx, organisationIds: string[]) =>
  organisationIds.length === 0 ? Promise.resolve([]) : emails(tx, { organisationIds, roles: CYCLE_ROLES });

export const coordinators = (tx: Tx) => emails(tx, { roles: ["COORDINATEUR_CNSA"] });

export const mdphDirectors = (tx: Tx) => emails(tx, { roles: ["DIRECTEUR_MDPH"], organisationKind: "MDPH" });

/** The pilots of the group (its pilot organisation's PILOTE_GROUPE people) and the coordinators. */
export async function pilotsOf(tx: Tx, groupId: string) {
  const group = await tx.workGroup.findUnique({ where: { id: groupId }, select: { pilotOrganisationId: true } });
  const pilots = group?.pilotOrganisationId
    ? await emails(tx, { organisationIds: [group.pilotOrganisationId], roles: ["PILOTE_GROUPE"] })
    : [];
  return unique([...pilots, ...(await coordinators(tx))]);
}
