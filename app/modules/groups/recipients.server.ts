/**
 * Who receives a work group's mails: its members, its pilots, the coordinators (distribution lists:
 * distribution.server.ts). Audiences only; the addressing rules are mail/recipients.server.ts's.
 */
import { addressesOf, uniqueAddresses } from "~/modules/mail/recipients.server";
import type { Tx } from "~/utils/db.server";
import { GROUP_PEOPLE_ROLES } from "./labels";

export const coordinators = (tx: Tx) => addressesOf(tx, { roles: ["COORDINATEUR_CNSA"] });

/** People who act for these organisations in groups (members, pilots, MDPH directors, and the CNSA's coordinators). */
export const organisationPeople = (tx: Tx, organisationIds: string[]) =>
  addressesOf(tx, { organisationIds, roles: [...GROUP_PEOPLE_ROLES, "COORDINATEUR_CNSA"] });

/** The group pilot's people holding the PILOTE_GROUPE role. */
export async function pilotsOf(tx: Tx, groupId: string) {
  const group = await tx.workGroup.findUnique({ where: { id: groupId }, select: { pilotOrganisationId: true } });
  if (!group?.pilotOrganisationId) return [];
  return addressesOf(tx, { organisationIds: [group.pilotOrganisationId], roles: ["PILOTE_GROUPE"] });
}

/** Member and pilot organisations of a group. */
export async function involvedOrganisationIds(tx: Tx, groupId: string) {
  const group = await tx.workGroup.findUnique({
    where: { id: groupId },
    select: { pilotOrganisationId: true, members: { select: { organisationId: true } } },
  });
  if (!group) return [];
  return [
    ...new Set([
      ...group.members.map((m) => m.organisationId),
      ...(group.pilotOrganisationId ? [group.pilotOrganisationId] : []),
    ]),
  ];
}

/** The group's members (people of member and pilot organisations) and the coordinators. */
export async function groupMembersAndCoordinators(tx: Tx, groupId: string) {
  return uniqueAddresses([
    ...(await organisationPeople(tx, await involvedOrganisationIds(tx, groupId))),
    ...(await coordinators(tx)),
  ]);
}
