/**
 * What the RFC pages read: the list, an RFC's overview with its versions, one version with its
 * cycle. Outside the person's scope: INTROUVABLE (404). The list and the overview on Prisma (each
 * version's cycle context from the engine's stored workflow, contextOf, decision 017); the
 * version page's header, invitations and threads on the read connection, in queries/ (decision 021).
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { parseRichText } from "~/modules/richtext/render.server";
import { readSetting } from "~/modules/settings/settings.server";
import { availableEvents, getTimeline } from "~/modules/workflow/engine.server";
import { storedWorkflow } from "~/modules/workflow/queries.server";
import { now as clockNow } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { can } from "~/utils/permissions";
import { success } from "~/utils/result";
import { addCalendarDays, parisDate, parisInstant } from "~/utils/working-days";
import { RFC_CYCLE_STATE_LABELS, RFC_OUTCOME_LABELS } from "../../../workflows/rfc-cycle";
import { RFC_STATUS_LABELS, timeLeftLabel } from "./labels";
import { cycleEventsFor, readableRfc, readableRfcWhere } from "./policy.server";
import { cycleInvitations, readableVersion } from "./queries/version.server";
import { cycleSetting } from "./settings.server";
import { cycleContext } from "./workflow.server";

const DAY_MS = 86_400_000;

export type RfcListItem = {
  number: string;
  title: string;
  group: { code: string; name: string };
  status: string;
  statusLabel: string;
  version: number;
  cycleStatus: string;
  cycleLabel: string;
  deadline: string | null;
  timeLeft: string | null;
};

/** The RFCs this person may read, latest first, with their current version and its deadline. */
export async function listRfcs(
  user: SessionUser,
  now = clockNow(),
  filter: { groupCode?: string } = {},
): Promise<RfcListItem[]> {
  if (!can(user, "read:rfc")) return [];
  const rfcs = await prisma.rfc.findMany({
    where: { AND: [await readableRfcWhere(user), filter.groupCode ? { group: { code: filter.groupCode } } : {}] },
    orderBy: [{ year: "desc" }, { seq: "desc" }],
    include: {
      group: { select: { code: true, name: true } },
      versions: { orderBy: { number: "desc" }, take: 1, include: { workflow: { select: { status: true } } } },
    },
  });
  return rfcs.map((rfc) => {
    const current = rfc.versions[0];
    const status = current?.workflow.status ?? "brouillon";
    return {
      number: rfc.number,
      title: rfc.title,
      group: rfc.group,
      status: rfc.status,
      statusLabel: RFC_STATUS_LABELS[rfc.status] ?? rfc.status,
      version: current?.number ?? 1,
      cycleStatus: status,
      cycleLabel: RFC_CYCLE_STATE_LABELS[status] ?? status,
      deadline: current?.deadline?.toISOString() ?? null,
      timeLeft: status === "ouvert" && current?.deadline ? timeLeftLabel(current.deadline, now) : null,
    };
  });
}

/** The groups this person may write an RFC for (every group for the coordinator), by name. */
export async function groupsForNewRfc(user: SessionUser) {
  if (!can(user, "pilot:group")) return [];
  const where = can(user, "manage:group") ? {} : { pilotOrganisationId: user.organisationId };
  return prisma.workGroup.findMany({ where, select: { code: true, name: true }, orderBy: { name: "asc" } });
}

/**
 * The deadline the opening form proposes: the configured number of days ahead, at 23:59 Paris
 * (a day later if that would fall short of the minimum).
 */
export async function defaultDeadline(now = clockNow()) {
  const { defaultDays, minimumDays } = await readSetting(cycleSetting);
  let day = addCalendarDays(parisDate(now), defaultDays);
  if (parisInstant(day, "23:59").getTime() - now.getTime() < minimumDays * DAY_MS) day = addCalendarDays(day, 1);
  return { date: day, time: "23:59", defaultDays, minimumDays };
}

/** What every RFC page shows of the RFC itself. */
export const rfcSummary = (rfc: { id: string; number: string; title: string; status: string }) => ({
  id: rfc.id,
  number: rfc.number,
  title: rfc.title,
  status: rfc.status,
  statusLabel: RFC_STATUS_LABELS[rfc.status] ?? rfc.status,
});

export async function rfcOverview(user: SessionUser, number: string) {
  const found = await readableRfc(user, number);
  if (!found.ok) return found;
  const { rfc, access } = found.value;
  const [group, versions, positions] = await Promise.all([
    prisma.workGroup.findUniqueOrThrow({ where: { id: rfc.groupId }, select: { code: true, name: true } }),
    prisma.rfcVersion.findMany({
      where: { rfcId: rfc.id },
      orderBy: { number: "asc" },
      include: {
        workflow: { select: { status: true, ...storedWorkflow } },
        _count: { select: { comments: { where: { deletedAt: null } }, invitations: true } },
      },
    }),
    prisma.rfcPosition.groupBy({ by: ["position"], where: { rfcId: rfc.id }, _count: true }),
  ]);
  const createdBy = await prisma.user.findUnique({
    where: { id: rfc.createdById },
    select: { firstName: true, lastName: true, organisation: { select: { name: true } } },
  });
  return success({
    rfc: {
      ...rfcSummary(rfc),
      adoptedAt: rfc.adoptedAt?.toISOString() ?? null,
      createdAt: rfc.createdAt.toISOString(),
      createdBy: createdBy ? `${createdBy.firstName} ${createdBy.lastName} (${createdBy.organisation.name})` : "—",
    },
    group,
    access,
    versions: versions.map((v) => {
      const context = cycleContext(v.workflow);
      return {
        number: v.number,
        status: v.workflow.status,
        statusLabel: RFC_CYCLE_STATE_LABELS[v.workflow.status] ?? v.workflow.status,
        changeNote: v.changeNote,
        openedAt: context.openedAt,
        deadline: context.deadline,
        closedAt: context.closedAt,
        outcome: context.outcome,
        outcomeLabel: context.outcome ? RFC_OUTCOME_LABELS[context.outcome] : null,
        conclusion: context.conclusion,
        comments: v._count.comments,
        invited: v._count.invitations,
      };
    }),
    positions: Object.fromEntries(positions.map((p) => [p.position, p._count])) as Record<string, number>,
  });
}

/** One version with its cycle: what the version page shows, beside the comments (its header on the read connection). */
export async function versionView(user: SessionUser, number: string, versionNumber: number, now = clockNow()) {
  const found = await readableVersion(user, number, versionNumber);
  if (!found.ok) return found;
  const { rfc, access, version } = found.value;
  const [invitations, timeline] = await Promise.all([cycleInvitations(version.id), getTimeline(version.workflowId)]);
  const invited = invitations.some((i) => i.id === user.organisationId) && can(user, "comment:rfc");
  const { id, content, changeNote, updatedAt, latest, context, workflow } = version;
  const { status } = workflow;
  const open = status === "ouvert" && context.deadline !== null && now.toISOString() < context.deadline;
  return success({
    rfc: rfcSummary(rfc),
    group: version.group,
    access,
    version: {
      id,
      number: version.number,
      /** The stored text, for the cached rendering of the version page (version-text.server.ts). */
      content,
      /** Parsed on demand: the version page serves its cached rendering and never needs it. */
      get document() {
        return parseRichText(content) ?? { type: "doc" as const, content: [] };
      },
      changeNote,
      updatedAt,
      status,
      statusLabel: RFC_CYCLE_STATE_LABELS[status] ?? status,
      workflowRowVersion: workflow.rowVersion,
      context,
      timeLeft: status === "ouvert" ? timeLeftLabel(context.deadline, now) : null,
      isLatest: version.number === latest,
      latest,
    },
    /** The cycle events this person may send, possible now or not and why (the engine's answer). */
    events: availableEvents(workflow, cycleEventsFor(access), now),
    invitations,
    /** The person may post: their organisation is invited and the cycle takes comments now. */
    canComment: invited && open,
    invited,
    acceptingComments: open,
    timeline,
  });
}

export type CycleView = Extract<Awaited<ReturnType<typeof versionView>>, { ok: true }>["value"];
