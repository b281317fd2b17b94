/**
 * A group's page on the read connection (decision 021): the group and its letter, members,
 * deliverables, meetings (with their counts), action items, RFCs and history. Only the columns
 * the page shows; the action rows' state and due day come from the tables and the engine's
 * projection, never from the 200 actions' snapshots. The group's own workflow is read once,
 * through the engine, for what only its machine knows (the validated pilot, the steps allowed).
 */
import { sql } from "kysely";
import type { SessionUser } from "~/modules/auth/session.server";
import { contextOf, getTimeline } from "~/modules/workflow/engine.server";
import { RFC_STATUS_LABELS } from "~/modules/rfc/labels";
import { now as clockNow } from "~/utils/clock.server";
import { dayLabel } from "~/utils/format";
import { isoInstant, readDb } from "~/utils/read-db.server";
import { success } from "~/utils/result";
import { parisDate } from "~/utils/working-days";
import { addWorkingDays } from "~/utils/working-days.server";
import { letterLate, type WorkGroupContext } from "../../../../workflows/work-group";
import { actionTableRow } from "../action-rows.server";
import { groupByCode } from "../group-queries.server";
import { allowedGroupEvents, byKindThenName, letterCompleteness, validationProblems } from "../group-rules.server";
import {
  DISTRIBUTION_LIST_LABELS,
  GROUP_KIND_LABELS,
  parseDistributionLists,
  VENDORS_JOIN_LABELS,
  type GroupKind,
  type VendorsJoin,
} from "../labels";
import { richHtml } from "../pages.server";

/** The group row with its workflow and pilot. */
function groupRow(groupId: string) {
  return readDb()
    .selectFrom("WorkGroup as g")
    .innerJoin("WorkflowInstance as w", "w.id", "g.workflowId")
    .leftJoin("Organisation as p", "p.id", "g.pilotOrganisationId")
    .select(["g.code", "g.name", "g.kind", "g.missionLetter", "g.letterDueOn", "g.letterUpdatedAt"])
    .select(["g.distributionLists", "g.vendorsJoin", "g.pilotOrganisationId", "g.workflowId"])
    .select(["w.status", "w.rowVersion", "w.type", "w.machineVersion", "w.snapshot"])
    .select(["p.name as pilotName", "p.shortName as pilotShortName"])
    .where("g.id", "=", groupId)
    .executeTakeFirstOrThrow();
}

/** The members (in no order: the page sorts them), the deliverables as the letter orders them, the RFCs newest first. */
function groupLists(groupId: string) {
  const db = readDb();
  return Promise.all([
    db
      .selectFrom("WorkGroupMember as m")
      .innerJoin("Organisation as o", "o.id", "m.organisationId")
      .select(["o.id", "o.name", "o.shortName", "o.kind", "m.role"])
      .where("m.groupId", "=", groupId)
      .execute(),
    db
      .selectFrom("Deliverable")
      .select(["id", "title", "dueOn", "validationDays"])
      .where("groupId", "=", groupId)
      .orderBy("position")
      .orderBy("dueOn")
      .execute(),
    db
      .selectFrom("Rfc")
      .select(["id", "number", "title", "status"])
      .where("groupId", "=", groupId)
      .orderBy(sql`year DESC, seq DESC`)
      .execute(),
  ]);
}

/** The meetings, latest first, with their attendees and the actions they decided, counted in SQL. */
function meetingRows(groupId: string) {
  return readDb()
    .selectFrom("Meeting as m")
    .select([
      "m.id",
      "m.startsAt",
      "m.place",
      sql<number>`(SELECT count(*) FROM MeetingAttendee a WHERE a.meetingId = m.id)`.as("attendees"),
      sql<number>`(SELECT count(*) FROM ActionItem a WHERE a.meetingId = m.id)`.as("actions"),
    ])
    .where("m.groupId", "=", groupId)
    .orderBy("m.startsAt", "desc")
    .execute();
}

/** The action items by due day, with their state and their actors' short names (in the join table's order). */
function actionRows(groupId: string) {
  return readDb()
    .selectFrom("ActionItem as a")
    .innerJoin("WorkflowInstance as w", "w.id", "a.workflowId")
    .select([
      "a.id",
      "a.title",
      "a.dueOn",
      "w.status",
      sql<string>`coalesce((SELECT group_concat(shortName, ', ') FROM (SELECT o.shortName FROM ActionItemOrganisation ao
                   JOIN Organisation o ON o.id = ao.organisationId WHERE ao.actionItemId = a.id
                   ORDER BY ao.organisationId)), '')`.as("actors"),
    ])
    .where("a.groupId", "=", groupId)
    .orderBy("a.dueOn", "asc")
    .orderBy("a.createdAt", "asc")
    .execute();
}

/** Everything the group's page shows, to whoever reads the group (404 out of scope). */
export async function groupPageView(user: SessionUser, code: string) {
  const found = await groupByCode(user, code);
  if (!found.ok) return found;
  const { groupId, access } = found.value;
  const today = parisDate(clockNow());
  const [group, [memberList, deliverables, rfcs], meetings, actions] = await Promise.all([
    groupRow(groupId),
    groupLists(groupId),
    meetingRows(groupId),
    actionRows(groupId),
  ]);
  const timeline = await getTimeline(group.workflowId);
  const workflow = {
    id: group.workflowId,
    type: group.type,
    machineVersion: group.machineVersion,
    snapshot: group.snapshot,
  };
  const context = contextOf<WorkGroupContext>(workflow);
  const members = memberList
    .map((m) => ({ role: m.role, organisation: { id: m.id, kind: m.kind, name: m.name, shortName: m.shortName } }))
    .sort(byKindThenName);
  const pilot = group.pilotShortName
    ? { name: group.pilotName!, shortName: group.pilotShortName, validated: context.pilotValidated }
    : null;
  const facts = {
    missionLetter: group.missionLetter,
    members,
    deliverables,
    pilotOrganisationId: group.pilotOrganisationId,
    pilotOrganisation: pilot,
    workflow: { status: group.status },
  };
  return success({
    code: group.code,
    name: group.name,
    kindLabel: GROUP_KIND_LABELS[group.kind as GroupKind],
    status: group.status,
    workflowRowVersion: group.rowVersion,
    pilot,
    members: members.map((m) => ({
      id: m.organisation.id,
      name: m.organisation.name,
      role: m.role,
      isPilot: m.organisation.id === group.pilotOrganisationId,
    })),
    letterHtml: richHtml(group.missionLetter),
    letterUpdatedAt: group.letterUpdatedAt === null ? null : isoInstant(group.letterUpdatedAt),
    letterDue: group.letterDueOn ? dayLabel(group.letterDueOn) : null,
    letterLate: letterLate({ letterDueOn: group.letterDueOn, validatedAt: context.validatedAt }, today),
    letterEditable: access.pilot && (group.status === "propose" || group.status === "lettreRedigee"),
    completeness: letterCompleteness(facts),
    problems: validationProblems(facts, context),
    deliverables: deliverables.map((d) => ({
      id: d.id,
      title: d.title,
      due: dayLabel(d.dueOn),
      validationDays: d.validationDays,
      validationEnds: dayLabel(addWorkingDays(d.dueOn, d.validationDays)),
    })),
    lists: parseDistributionLists(group.distributionLists).map((l) => DISTRIBUTION_LIST_LABELS[l]),
    vendors: VENDORS_JOIN_LABELS[group.vendorsJoin as VendorsJoin] ?? group.vendorsJoin,
    meetings: meetings.map((m) => ({
      ...m,
      startsAt: isoInstant(m.startsAt),
      attendees: +m.attendees,
      actions: +m.actions,
    })),
    actions: actions.map((a) => actionTableRow(a, today)),
    rfcs: rfcs.map((r) => ({ ...r, status: RFC_STATUS_LABELS[r.status] ?? r.status })),
    /** The engine's entries, payloads included: the route keeps what the page shows (timelineItems). */
    timeline,
    events: allowedGroupEvents(access, workflow, group.pilotOrganisationId !== null),
    canPilot: access.pilot,
    canManage: access.manage,
    closed: group.status === "clos",
  });
}

export type GroupPageView = Extract<Awaited<ReturnType<typeof groupPageView>>, { ok: true }>["value"];
