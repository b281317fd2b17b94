/**
 * The work-group cast most group tests need (needs the reference data loaded): the CNSA
 * coordinator, France Travail's pilot, and a member of DGEFP and of CNAF — the "sphère emploi"
 * pilot and member, and an organisation outside it.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { createGroup } from "~/modules/groups/group-commands.server";
import type { GroupKind } from "~/modules/groups/labels";
import { prisma } from "~/utils/db.server";
import { person } from "./people";

export async function groupCast() {
  return {
    coordinator: await person("coord@cnsa.example", "cnsa", ["COORDINATEUR_CNSA"]),
    pilot: await person("pilote@france-travail.example", "france-travail", ["PILOTE_GROUPE", "MEMBRE_GT"]),
    dgefp: await person("membre@dgefp.example", "dgefp", ["MEMBRE_GT"]),
    cnaf: await person("membre@cnaf.example", "cnaf", ["MEMBRE_GT"]),
  };
}

/**
 * A group created by `coordinator` from organisation codes, announced to its members only and
 * never to vendors (what most tests need); throws when the creation is refused.
 */
export async function newGroup(
  coordinator: SessionUser,
  group: { name: string; code: string; kind: GroupKind; members: readonly string[]; pilot: string },
) {
  const id = async (code: string) => (await prisma.organisation.findUniqueOrThrow({ where: { code } })).id;
  const created = await createGroup(coordinator, {
    name: group.name,
    code: group.code,
    kind: group.kind,
    memberOrganisationIds: await Promise.all(group.members.map(id)),
    pilotOrganisationId: await id(group.pilot),
    distributionLists: ["MEMBRES"],
    vendorsJoin: "JAMAIS",
  });
  if (!created.ok) throw new Error(created.message);
  return created.value;
}
