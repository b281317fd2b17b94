/**
 * What the dashboards show about work groups: open action items, the deadlines table's rows,
 * situations and export columns (its read model: queries/deliverables.server.ts), and an
 * overview of the groups a person may read. Each function scopes by the group access rules.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { prisma } from "~/utils/db.server";
import { now as clockNow } from "~/utils/clock.server";
import type { ExportColumn } from "~/utils/export.server";
import { parisDate, parisInstant, type IsoDate } from "~/utils/working-days";
import { contextOf } from "~/modules/workflow/engine.server";
import { storedWorkflow, tagged } from "~/modules/workflow/queries.server";
import { isOverdue } from "../../../workflows/action-item";
import { letterLate, type WorkGroupContext } from "../../../workflows/work-group";
import { readableGroupIds } from "./policy.server";
import { daysBetween, WORK_GROUP_STATE_LABELS, type GroupKind } from "./labels";
import { can } from "~/utils/permissions";

const isCoordinator = (user: SessionUser) => can(user, "manage:group");

export type ActionRow = {
  id: string;
  title: string;
  url: string;
  group: { code: string; name: string };
  organisations: string[];
  status: string;
  dueOn: IsoDate;
  overdue: boolean;
  /** Calendar days past the due day (0 when not overdue). */
  daysLate: number;
};

/** Open action items matching `where` (Prisma), soonest due first, with the overdue flag. */
export async function openActions(where: object, today: IsoDate): Promise<ActionRow[]> {
  const items = await prisma.actionItem.findMany({
    where: { AND: [where, { workflow: tagged("ouverte") }] },
    orderBy: [{ dueOn: "asc" }, { createdAt: "asc" }],
    include: {
      group: { select: { code: true, name: true } },
      workflow: { select: { status: true } },
      organisations: { include: { organisation: { select: { shortName: true } } } },
    },
  });
  return items.map((item) => {
    // ActionItem.dueOn is the engine's copy of the machine's due day (decision 017).
    const overdue = isOverdue(item, item.workflow.status, today);
    return {
      id: item.id,
      title: item.title,
      url: `/groupes/${item.group.code}/actions/${item.id}`,
      group: item.group,
      organisations: item.organisations.map((o) => o.organisation.shortName).sort((a, b) => a.localeCompare(b, "fr")),
      status: item.workflow.status,
      dueOn: item.dueOn,
      overdue,
      daysLate: overdue ? daysBetween(item.dueOn, today) : 0,
    };
  });
}

/** Open action items of the person's organisation, soonest due first, with the overdue flag. */
export async function myActions(user: SessionUser, today: IsoDate): Promise<ActionRow[]> {
  const readable = await readableGroupIds(user);
  return openActions(
    { groupId: { in: readable }, organisations: { some: { organisationId: user.organisationId } } },
    today,
  );
}

export type LateLetter = {
  code: string;
  name: string;
  letterDueOn: IsoDate;
  daysLate: number;
  status: string;
  statusLabel: string;
  pilot: string | null;
};

export type DeadlineRow = {
  group: { code: string; name: string; kind: GroupKind };
  /** LETTRE: the mission letter's due day; LIVRABLE: a deliverable of the letter. */
  type: "LETTRE" | "LIVRABLE";
  title: string;
  dueOn: IsoDate;
  validationDays: number | null;
  /** Last working day of the validation period (null for the letter). */
  validationEndsOn: IsoDate | null;
  /** For the letter: whether the group is validated. */
  done: boolean;
  status: string;
};

export type GroupOverview = {
  code: string;
  name: string;
  kind: GroupKind;
  status: string;
  statusLabel: string;
  pilot: { shortName: string; validated: boolean } | null;
  /** The person's organisation pilots it. */
  piloting: boolean;
  memberCount: number;
  letterDueOn: IsoDate | null;
  letterLate: boolean;
  openActions: number;
  overdueActions: number;
  nextMeeting: string | null;
};

/** The groups this person may read, with their state and what needs attention. */
export async function groupsOverview(user: SessionUser, at: Date = clockNow()): Promise<GroupOverview[]> {
  const today = parisDate(at);
  const ids = await readableGroupIds(user);
  const groups = await prisma.workGroup.findMany({
    where: { id: { in: ids } },
    orderBy: [{ kind: "asc" }, { name: "asc" }],
    include: {
      workflow: { select: { status: true, ...storedWorkflow } },
      pilotOrganisation: { select: { id: true, shortName: true } },
      _count: { select: { members: true } },
      meetings: { where: { startsAt: { gte: at } }, orderBy: { startsAt: "asc" }, take: 1, select: { startsAt: true } },
      actionItems: { where: { workflow: tagged("ouverte") }, select: { dueOn: true } },
    },
  });
  return groups.map((g) => {
    const context = contextOf<WorkGroupContext>(g.workflow);
    return {
      code: g.code,
      name: g.name,
      kind: g.kind as GroupKind,
      status: g.workflow.status,
      statusLabel: WORK_GROUP_STATE_LABELS[g.workflow.status] ?? g.workflow.status,
      pilot: g.pilotOrganisation
        ? { shortName: g.pilotOrganisation.shortName, validated: context.pilotValidated }
        : null,
      piloting: g.pilotOrganisation?.id === user.organisationId,
      memberCount: g._count.members,
      letterDueOn: g.letterDueOn,
      letterLate: letterLate({ letterDueOn: g.letterDueOn, validatedAt: context.validatedAt }, today),
      openActions: g.actionItems.length,
      overdueActions: g.actionItems.filter((a) => a.dueOn < today).length,
      nextMeeting: g.meetings[0]?.startsAt.toISOString() ?? null,
    };
  });
}

/** Where a deadline stands today, in French. */
export function deadlineSituation(row: DeadlineRow, today: IsoDate): { label: string; late: boolean } {
  if (row.type === "LETTRE") {
    if (row.done) return { label: "Lettre validée", late: false };
    return row.dueOn < today ? { label: "En retard", late: true } : { label: "Attendue", late: false };
  }
  if (today < row.dueOn) return { label: "À venir", late: false };
  if (row.validationEndsOn && today <= row.validationEndsOn) return { label: "En période de validation", late: false };
  return { label: "Période de validation close", late: false };
}

export const DEADLINE_TYPE_LABELS: Record<DeadlineRow["type"], string> = {
  LETTRE: "Lettre de mission",
  LIVRABLE: "Livrable",
};

/** The steering body's table as CSV, XLSX or PDF columns. */
export function deadlineExportColumns(today: IsoDate): ExportColumn<DeadlineRow>[] {
  return [
    { header: "Groupe", value: (r) => r.group.name, width: 32 },
    { header: "Échéance", value: (r) => DEADLINE_TYPE_LABELS[r.type], width: 16 },
    { header: "Intitulé", value: (r) => r.title, width: 40 },
    { header: "Date", value: (r) => parisInstant(r.dueOn), dateFormat: "date", width: 12 },
    { header: "Validation (jours ouvrés)", value: (r) => r.validationDays, width: 12 },
    {
      header: "Fin de la validation",
      value: (r) => (r.validationEndsOn ? parisInstant(r.validationEndsOn) : null),
      dateFormat: "date",
      width: 12,
    },
    { header: "Situation", value: (r) => deadlineSituation(r, today).label, width: 20 },
  ];
}
