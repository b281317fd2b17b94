/**
 * The group reads: a group by its code with the person's access, the group as its commands
 * load it, the group as its forms show it, the coordinator's list, the organisations the pickers
 * offer. On Prisma: the commands share `groupByCode` and `loadGroup` inside their transaction;
 * the group's page reads on the read connection (queries/group-page.server.ts).
 */
import { storedWorkflow } from "~/modules/workflow/queries.server";
import { contextOf, type StoredWorkflow } from "~/modules/workflow/engine.server";
import { organisationsByKind } from "~/modules/organisations/directory.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { now as clockNow } from "~/utils/clock.server";
import { prisma, type Tx } from "~/utils/db.server";
import { can } from "~/utils/permissions";
import { refusal, success, type Result } from "~/utils/result";
import { parisDate } from "~/utils/working-days";
import { letterLate, type WorkGroupContext } from "../../../workflows/work-group";
import { parseDistributionLists, type GroupKind } from "./labels";
import { accessOrRefusal, groupWithAccess, type GroupAccess } from "./policy.server";
import { byKindThenName, GROUP_ORGANISATION_KINDS, letterCompleteness, validationProblems } from "./group-rules.server";

export function groupContext(workflow: StoredWorkflow) {
  return contextOf<WorkGroupContext>(workflow);
}

/**
 * The group's id and this person's access to it, by code: INTROUVABLE (404) when unknown or out
 * of scope, INTERDIT (403, with `denied`) when the person reads the group but may not `need`.
 */
export async function groupByCode(
  user: SessionUser,
  code: string,
  need: keyof GroupAccess = "read",
  denied?: string,
): Promise<Result<{ groupId: string; access: GroupAccess }>> {
  const group = await groupWithAccess(user, { code });
  if (!group) return refusal("INTROUVABLE", "Ce groupe de travail est introuvable.");
  const access = accessOrRefusal(group.access, need, denied);
  return access.ok ? success({ groupId: group.groupId, access: access.value }) : access;
}

/**
 * One record of the group (a meeting, an action item), with the person's access to the group:
 * INTROUVABLE (404) when the group is unknown or out of scope, or when `find` finds nothing in it.
 */
export async function recordOfGroup<T>(
  user: SessionUser,
  code: string,
  find: (groupId: string) => Promise<T | null>,
  missing: string,
): Promise<Result<{ record: T; access: GroupAccess }>> {
  const found = await groupByCode(user, code);
  if (!found.ok) return found;
  const record = await find(found.value.groupId);
  return record ? success({ record, access: found.value.access }) : refusal("INTROUVABLE", missing);
}

/** The group, for a step only its pilot or the CNSA coordinator takes; `does` says the step ("organise ses réunions"). */
export const pilotGroup = (user: SessionUser, code: string, does: string) =>
  groupByCode(user, code, "pilot", `Seul le pilote du groupe ou le coordinateur de la CNSA ${does}.`);

/**
 * The group inside a write, for a step a closed group no longer takes: REFUSE (422) with
 * "Ce groupe est clos : il <no longer does>." when it is closed.
 */
export async function openGroupIn(tx: Tx, groupId: string, noLongerDoes: string) {
  const group = await tx.workGroup.findUniqueOrThrow({
    where: { id: groupId },
    include: { workflow: { select: { status: true } } },
  });
  return group.workflow.status === "clos"
    ? refusal("REFUSE", `Ce groupe est clos : il ${noLongerDoes}.`)
    : success(group);
}

const organisationSelect = { id: true, code: true, name: true, shortName: true, kind: true } as const;

export async function loadGroup(groupId: string) {
  return prisma.workGroup.findUniqueOrThrow({
    where: { id: groupId },
    include: {
      workflow: { select: { status: true, rowVersion: true, ...storedWorkflow } },
      pilotOrganisation: { select: organisationSelect },
      members: { include: { organisation: { select: organisationSelect } } },
      deliverables: { orderBy: [{ position: "asc" }, { dueOn: "asc" }] },
    },
  });
}

export type LoadedGroup = Awaited<ReturnType<typeof loadGroup>>;

/**
 * The group as its forms show it (letter, settings, a new meeting), to whoever has `need` on it
 * (`denied` says why not, 403). Its page reads queries/group-page.server.ts.
 */
export async function getGroup(user: SessionUser, code: string, need: keyof GroupAccess = "read", denied?: string) {
  const found = await groupByCode(user, code, need, denied);
  if (!found.ok) return found;
  const { groupId, access } = found.value;
  const group = await loadGroup(groupId);
  const context = groupContext(group.workflow);
  const today = parisDate(clockNow());
  const members = [...group.members].sort(byKindThenName);
  return success({
    id: group.id,
    code: group.code,
    name: group.name,
    kind: group.kind as GroupKind,
    status: group.workflow.status,
    workflowRowVersion: group.workflow.rowVersion,
    rowVersion: group.rowVersion,
    context,
    pilot: group.pilotOrganisation ? { ...group.pilotOrganisation, validated: context.pilotValidated } : null,
    members: members.map((m) => ({
      ...m.organisation,
      role: m.role,
      isPilot: m.organisationId === group.pilotOrganisationId,
    })),
    missionLetter: group.missionLetter,
    letterUpdatedAt: group.letterUpdatedAt,
    letterDueOn: group.letterDueOn,
    letterLate: letterLate({ letterDueOn: group.letterDueOn, validatedAt: context.validatedAt }, today),
    completeness: letterCompleteness(group),
    problems: validationProblems(group, context),
    deliverables: group.deliverables,
    distributionLists: parseDistributionLists(group.distributionLists),
    vendorsJoin: group.vendorsJoin,
    access,
  });
}

/** Every group with what the coordinator's list shows. */
export async function listGroups(user: SessionUser) {
  if (!can(user, "manage:group")) return refusal("INTERDIT", "Vous n'avez pas accès à cette page.");
  const today = parisDate(clockNow());
  const groups = await prisma.workGroup.findMany({
    orderBy: [{ kind: "asc" }, { name: "asc" }],
    include: {
      workflow: { select: { status: true, ...storedWorkflow } },
      pilotOrganisation: { select: organisationSelect },
      _count: { select: { members: true } },
    },
  });
  return success(
    groups.map((g) => {
      const context = groupContext(g.workflow);
      return {
        id: g.id,
        code: g.code,
        name: g.name,
        kind: g.kind as GroupKind,
        status: g.workflow.status,
        pilot: g.pilotOrganisation
          ? {
              name: g.pilotOrganisation.name,
              shortName: g.pilotOrganisation.shortName,
              validated: context.pilotValidated,
            }
          : null,
        memberCount: g._count.members,
        letterDueOn: g.letterDueOn,
        letterLate: letterLate({ letterDueOn: g.letterDueOn, validatedAt: context.validatedAt }, today),
      };
    }),
  );
}

/** Active organisations, grouped by kind, for the member and pilot pickers. */
export function groupOrganisationChoices() {
  return organisationsByKind({ kinds: GROUP_ORGANISATION_KINDS });
}
