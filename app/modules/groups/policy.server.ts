/**
 * The groups and RFC policy (decision 018): who sees and does what in work groups and RFCs,
 * built on the grants of app/utils/permissions.ts. Deny by default:
 * - the CNSA coordinator manages and pilots every group;
 * - a PILOTE_GROUPE of the group's pilot organisation pilots it (letter, meetings, RFCs,
 *   dispositions) once the group exists, even while the pilot is still "à valider";
 * - people of a member (or pilot) organisation read the group, its meetings and RFCs;
 * - member organisations of the steering body read every group (it oversees them all);
 * - an RFC is also readable by the organisations invited to one of its cycles, and an
 *   adopted RFC by every MDPH director, who records the MDPH's position on it.
 * Records outside a person's scope answer 404, never 403, so that their existence leaks not.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { can, dependsOnMembership } from "~/utils/permissions";
import { prisma } from "~/utils/db.server";
import { sql, type RawBuilder } from "kysely";
import { readDb } from "~/utils/read-db.server";
import { rememberedForRequest } from "~/utils/request-scope.server";
import { refusal, success, type Result } from "~/utils/result";

export const STEERING_GROUP_CODE = "instance-pilotage";

export type GroupAccess = { read: boolean; pilot: boolean; manage: boolean };

const NONE: GroupAccess = { read: false, pilot: false, manage: false };

type GroupFacts = { pilotOrganisationId: string | null; memberOrganisationIds: string[] };

/** Organisations that sit on the steering body. */
export async function steeringOrganisationIds(): Promise<Set<string>> {
  const members = await prisma.workGroupMember.findMany({
    where: { group: { code: STEERING_GROUP_CODE } },
    select: { organisationId: true },
  });
  return new Set(members.map((m) => m.organisationId));
}

/**
 * The person with the fact that `member` grants need: whether their organisation sits in (or
 * pilots) a work group. Queried only for roles that hold such a grant.
 */
export async function withGroupFacts<U extends SessionUser>(user: U): Promise<U & { inWorkGroup: boolean }> {
  if (!dependsOnMembership(user)) return { ...user, inWorkGroup: false };
  const inWorkGroup = await rememberedForRequest(`inWorkGroup:${user.organisationId}`, async () => {
    const row = await readDb()
      .selectNoFrom(inAWorkGroup(user.organisationId).as("inWorkGroup"))
      .executeTakeFirstOrThrow();
    return Number(row.inWorkGroup) === 1;
  });
  return { ...user, inWorkGroup };
}

/**
 * Read models: whether the organisation (an id, or a column such as `sql.ref("u.organisationId")`)
 * pilots or sits in a work group, the fact `member` grants need. The session check reads it with
 * the person (auth/session.server.ts), so that the layout's menu costs no statement of its own.
 */
export const inAWorkGroup = (organisation: string | RawBuilder<unknown>) =>
  sql<number>`(EXISTS (SELECT 1 FROM WorkGroup g WHERE g.pilotOrganisationId = ${organisation})
    OR EXISTS (SELECT 1 FROM WorkGroupMember m WHERE m.organisationId = ${organisation}))`;

/** Pure rule, given the facts about one group. */
export function accessTo(user: SessionUser, group: GroupFacts, steering: Set<string>): GroupAccess {
  if (can(user, "manage:group")) return { read: true, pilot: true, manage: true };
  const ownOrganisation = user.organisationId;
  const involved =
    group.pilotOrganisationId === ownOrganisation || group.memberOrganisationIds.includes(ownOrganisation);
  const pilot = can(user, "pilot:group") && group.pilotOrganisationId === ownOrganisation;
  const read = can(user, "read:group") && (involved || steering.has(ownOrganisation));
  return read || pilot ? { read: true, pilot, manage: false } : NONE;
}

/** Read models: whether the organisation sits on the steering body. */
export const onSteeringBody = (organisationId: string) =>
  sql<number>`EXISTS (SELECT 1 FROM WorkGroupMember m JOIN WorkGroup s ON s.id = m.groupId
    WHERE s.code = ${STEERING_GROUP_CODE} AND m.organisationId = ${organisationId})`;

/** Read models: whether the organisation sits in the group aliased `g` of the query. */
const sitsInGroup = (organisationId: string) =>
  sql<number>`EXISTS (SELECT 1 FROM WorkGroupMember m WHERE m.groupId = g.id AND m.organisationId = ${organisationId})`;

/**
 * The groups with the facts of each that decide this person's access (their organisation pilots
 * it, sits in it, sits on the steering body): one statement on the read connection, for accessOf.
 */
function groupsWithAccessFacts(user: SessionUser) {
  const organisation = user.organisationId;
  return readDb()
    .selectFrom("WorkGroup as g")
    .select([
      "g.id",
      "g.pilotOrganisationId",
      sitsInGroup(organisation).as("member"),
      onSteeringBody(organisation).as("steering"),
    ]);
}

/** accessTo on a row of groupsWithAccessFacts. */
function accessOf(
  user: SessionUser,
  row: { pilotOrganisationId: string | null; member: number; steering: number },
): GroupAccess {
  const own = (fact: number) => (Number(fact) === 1 ? [user.organisationId] : []);
  return accessTo(
    user,
    { pilotOrganisationId: row.pilotOrganisationId, memberOrganisationIds: own(row.member) },
    new Set(own(row.steering)),
  );
}

/** A group, by id or by code, with this person's access to it; null when there is no such group. */
export async function groupWithAccess(
  user: SessionUser,
  group: { id: string } | { code: string },
): Promise<{ groupId: string; access: GroupAccess } | null> {
  const row = await groupsWithAccessFacts(user)
    .$if("id" in group, (q) => q.where("g.id", "=", (group as { id: string }).id))
    .$if("code" in group, (q) => q.where("g.code", "=", (group as { code: string }).code))
    .executeTakeFirst();
  return row ? { groupId: row.id, access: accessOf(user, row) } : null;
}

export async function groupAccess(user: SessionUser, groupId: string): Promise<GroupAccess> {
  return (await groupWithAccess(user, { id: groupId }))?.access ?? NONE;
}

/** What a person outside a group's scope is told: as if the page did not exist (404). */
export const OUT_OF_SCOPE = "Page introuvable.";

/**
 * The group's access when the person may `need` it: INTROUVABLE (404) when they may not even
 * read the group, INTERDIT (403, with `denied`) when they read it but may not do this.
 */
export async function accessFor(
  user: SessionUser,
  groupId: string,
  need: keyof GroupAccess = "read",
  denied?: string,
): Promise<Result<GroupAccess>> {
  return accessOrRefusal(await groupAccess(user, groupId), need, denied);
}

/** The access when it grants `need`; else INTROUVABLE (404) to a non-reader, INTERDIT (403, with `denied`) to a reader. */
export function accessOrRefusal(
  access: GroupAccess,
  need: keyof GroupAccess,
  denied = "Vous n'avez pas accès à cette page.",
): Result<GroupAccess> {
  if (!access.read) return refusal("INTROUVABLE", OUT_OF_SCOPE);
  return access[need] ? success(access) : refusal("INTERDIT", denied);
}

/** Groups this person may read, as ids (small: a handful of groups nationally). */
export function readableGroupIds(user: SessionUser): Promise<string[]> {
  // Once per page: the calendar's group and RFC sources both ask it.
  return rememberedForRequest(`readableGroupIds:${user.id}`, async () => {
    const groups = await groupsWithAccessFacts(user).execute();
    return groups.filter((g) => accessOf(user, g).read).map((g) => g.id);
  });
}

export type RfcAccess = GroupAccess & { invited: boolean; position: boolean };

/** The facts about one RFC that decide who may do what on it. */
export type RfcFacts = { status: string; group: GroupFacts; invitedOrganisationIds: Set<string> };

/** Pure rule: the group's access, plus invitations and MDPH positions. */
export function rfcAccessFrom(user: SessionUser, rfc: RfcFacts, steering: Set<string>): RfcAccess {
  const group = accessTo(user, rfc.group, steering);
  const invited = can(user, "comment:rfc") && rfc.invitedOrganisationIds.has(user.organisationId);
  const position = rfc.status === "ADOPTEE" && can(user, "record:rfc-position") && user.organisation.kind === "MDPH";
  const read = group.read || (invited && can(user, "read:rfc")) || position;
  return { ...group, read, invited, position };
}

/** The facts of several RFCs at once (a digest checks many readers against the same RFCs). */
export async function rfcFacts(rfcIds: string[]): Promise<Map<string, RfcFacts>> {
  const rows = await prisma.rfc.findMany({
    where: { id: { in: rfcIds } },
    select: {
      id: true,
      status: true,
      group: { select: { pilotOrganisationId: true, members: { select: { organisationId: true } } } },
      versions: { select: { invitations: { select: { organisationId: true } } } },
    },
  });
  return new Map(
    rows.map((r) => [
      r.id,
      {
        status: r.status,
        group: {
          pilotOrganisationId: r.group.pilotOrganisationId,
          memberOrganisationIds: r.group.members.map((m) => m.organisationId),
        },
        invitedOrganisationIds: new Set(r.versions.flatMap((v) => v.invitations.map((i) => i.organisationId))),
      },
    ]),
  );
}

/**
 * The facts of an RFC that concern the person's organisation (is it the pilot, a member, invited
 * to a cycle, on the steering body), as columns of a statement on `Rfc r JOIN WorkGroup g`: read
 * with `rfcAccessOf`, by rfcAccess and by the RFC pages' one-statement headers.
 */
export const rfcAccessColumns = (organisation: string) =>
  sql`r.status AS rfcStatus, g.pilotOrganisationId, ${sitsInGroup(organisation)} AS member,
    EXISTS (SELECT 1 FROM RfcInvitation i JOIN RfcVersion iv ON iv.id = i.versionId
      WHERE iv.rfcId = r.id AND i.organisationId = ${organisation}) AS invited,
    ${onSteeringBody(organisation)} AS steering`;

export type RfcAccessRow = {
  rfcStatus: string;
  pilotOrganisationId: string | null;
  member: number;
  invited: number;
  steering: number;
};

/** rfcAccessFrom on a row read with rfcAccessColumns. */
export function rfcAccessOf(user: SessionUser, row: RfcAccessRow): RfcAccess {
  const own = (fact: number) => new Set(Number(fact) === 1 ? [user.organisationId] : []);
  const facts: RfcFacts = {
    status: row.rfcStatus,
    group: { pilotOrganisationId: row.pilotOrganisationId, memberOrganisationIds: [...own(row.member)] },
    invitedOrganisationIds: own(row.invited),
  };
  return rfcAccessFrom(user, facts, own(row.steering));
}

/**
 * What a person may do on one RFC, read in one statement on the read connection: every RFC page
 * and command asks it first.
 */
export async function rfcAccess(user: SessionUser, rfcId: string): Promise<RfcAccess> {
  const { rows } = await sql<RfcAccessRow>`
    SELECT ${rfcAccessColumns(user.organisationId)}
    FROM Rfc r JOIN WorkGroup g ON g.id = r.groupId WHERE r.id = ${rfcId}`.execute(readDb());
  return rows[0] ? rfcAccessOf(user, rows[0]) : { ...NONE, invited: false, position: false };
}

/** The coordinator and the steering body's members see every group (its deliverables table and calendar). */
export async function seesEveryGroup(user: SessionUser): Promise<boolean> {
  if (can(user, "manage:group")) return true;
  if (!can(user, "read:group")) return false;
  const row = await readDb().selectNoFrom(onSteeringBody(user.organisationId).as("steering")).executeTakeFirstOrThrow();
  return Number(row.steering) === 1;
}
