/**
 * A group's page data as the Prisma read model and the route built it before the read model of
 * app/modules/groups/queries/group-page.server.ts (issue 10): the oracle its test compares with.
 * Not used by the application.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { timelineItems } from "~/components/timeline";
import { actionRow } from "~/modules/groups/action-rows.server";
import { getGroup } from "~/modules/groups/group-queries.server";
import { allowedGroupEvents } from "~/modules/groups/group-rules.server";
import {
  DISTRIBUTION_LIST_LABELS,
  GROUP_KIND_LABELS,
  VENDORS_JOIN_LABELS,
  type VendorsJoin,
} from "~/modules/groups/labels";
import { richHtml } from "~/modules/groups/pages.server";
import { RFC_STATUS_LABELS } from "~/modules/rfc/labels";
import { getTimeline } from "~/modules/workflow/engine.server";
import { storedWorkflow } from "~/modules/workflow/queries.server";
import { now as clockNow } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { dayLabel } from "~/utils/format";
import { parisDate } from "~/utils/working-days";
import { addWorkingDays } from "~/utils/working-days.server";
import { valueOf } from "./result";

const organisationSelect = { id: true, code: true, name: true, shortName: true, kind: true } as const;

/** The page's `group` as the loader returned it, with only what the page shows of the pilot and the members. */
export async function groupPageThroughPrisma(user: SessionUser, code: string) {
  const g = valueOf(await getGroup(user, code));
  const today = parisDate(clockNow());
  const groupId = g.id;
  const workflow = await prisma.workflowInstance.findFirstOrThrow({
    where: { workGroup: { id: groupId } },
    select: { status: true, ...storedWorkflow },
  });
  const [meetings, actions, rfcs, timeline] = await Promise.all([
    prisma.meeting.findMany({
      where: { groupId },
      orderBy: { startsAt: "desc" },
      include: { _count: { select: { attendees: true, actionItems: true } } },
    }),
    prisma.actionItem.findMany({
      where: { groupId },
      orderBy: [{ dueOn: "asc" }, { createdAt: "asc" }],
      include: {
        workflow: { select: { status: true, ...storedWorkflow } },
        organisations: { include: { organisation: { select: organisationSelect } } },
        meeting: { select: { id: true, startsAt: true } },
      },
    }),
    prisma.rfc.findMany({
      where: { groupId },
      orderBy: [{ year: "desc" }, { seq: "desc" }],
      select: { id: true, number: true, title: true, status: true, updatedAt: true },
    }),
    getTimeline(workflow.id),
  ]);
  return {
    code: g.code,
    name: g.name,
    kindLabel: GROUP_KIND_LABELS[g.kind],
    status: g.status,
    workflowRowVersion: g.workflowRowVersion,
    pilot: g.pilot ? { name: g.pilot.name, shortName: g.pilot.shortName, validated: g.pilot.validated } : null,
    members: g.members.map((m) => ({ id: m.id, name: m.name, role: m.role, isPilot: m.isPilot })),
    letterHtml: richHtml(g.missionLetter),
    letterUpdatedAt: g.letterUpdatedAt?.toISOString() ?? null,
    letterDue: g.letterDueOn ? dayLabel(g.letterDueOn) : null,
    letterLate: g.letterLate,
    letterEditable: g.access.pilot && (g.status === "propose" || g.status === "lettreRedigee"),
    completeness: g.completeness,
    problems: g.problems,
    deliverables: g.deliverables.map((d) => ({
      id: d.id,
      title: d.title,
      due: dayLabel(d.dueOn),
      validationDays: d.validationDays,
      validationEnds: dayLabel(addWorkingDays(d.dueOn, d.validationDays)),
    })),
    lists: g.distributionLists.map((l) => DISTRIBUTION_LIST_LABELS[l]),
    vendors: VENDORS_JOIN_LABELS[g.vendorsJoin as VendorsJoin] ?? g.vendorsJoin,
    meetings: meetings.map((m) => ({
      id: m.id,
      startsAt: m.startsAt.toISOString(),
      place: m.place,
      attendees: m._count.attendees,
      actions: m._count.actionItems,
    })),
    actions: actions.map((a) => actionRow(a, today)),
    rfcs: rfcs.map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      status: RFC_STATUS_LABELS[r.status] ?? r.status,
    })),
    timeline: timelineItems(timeline),
    events: allowedGroupEvents(g.access, workflow, g.pilot !== null),
    canPilot: g.access.pilot,
    canManage: g.access.manage,
    closed: g.status === "clos",
  };
}
