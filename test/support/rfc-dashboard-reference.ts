/**
 * The RFC panels of the dashboards as the Prisma read models computed them before they moved to
 * the read connection (app/modules/rfc/dashboard.server.ts): the oracle of their test.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import type { AwaitingItem, PilotCycle, PositionToRecord, ResponseRate } from "~/modules/rfc/dashboard.server";
import { timeLeftLabel } from "~/modules/rfc/labels";
import { RFC_WORKFLOW, versionPath } from "~/modules/rfc/workflow.server";
import { tagged } from "~/modules/workflow/queries.server";
import { now as clockNow } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { can } from "~/utils/permissions";
import { RFC_CYCLE_STATE_LABELS } from "../../workflows/rfc-cycle";

/** Open cycles where the person's organisation is invited and has not answered yet, soonest deadline first. */
export async function awaitingAnswerThroughPrisma(user: SessionUser, now: Date = clockNow()): Promise<AwaitingItem[]> {
  if (!can(user, "comment:rfc")) return [];
  const versions = await prisma.rfcVersion.findMany({
    where: {
      workflow: { type: "rfc-cycle", status: "ouvert" },
      deadline: { gt: now },
      invitations: { some: { organisationId: user.organisationId } },
      comments: { none: { organisationId: user.organisationId, parentId: null, deletedAt: null } },
    },
    orderBy: { deadline: "asc" },
    include: { rfc: { select: { number: true, title: true, group: { select: { name: true } } } } },
  });
  return versions.map((v) => ({
    number: v.rfc.number,
    title: v.rfc.title,
    group: v.rfc.group.name,
    version: v.number,
    deadline: v.deadline!.toISOString(),
    timeLeft: timeLeftLabel(v.deadline, now),
    href: versionPath(v.rfc.number, v.number),
  }));
}

/** Cycles not yet concluded in the groups the person pilots (every group for the coordinator). */
export async function pilotCyclesThroughPrisma(user: SessionUser, now: Date = clockNow()): Promise<PilotCycle[]> {
  if (!can(user, "pilot:group")) return [];
  const groupFilter = can(user, "manage:group") ? {} : { group: { pilotOrganisationId: user.organisationId } };
  const versions = await prisma.rfcVersion.findMany({
    where: { workflow: { type: RFC_WORKFLOW, ...tagged("enCours") }, rfc: groupFilter },
    include: {
      rfc: { select: { number: true, title: true, group: { select: { name: true } } } },
      workflow: { select: { status: true } },
      _count: { select: { comments: { where: { parentId: null, deletedAt: null } } } },
    },
  });
  const undisposed = await prisma.rfcComment.groupBy({
    by: ["versionId"],
    where: { versionId: { in: versions.map((v) => v.id) }, parentId: null, deletedAt: null, disposition: null },
    _count: true,
  });
  const missing = new Map(undisposed.map((u) => [u.versionId, u._count]));
  const order: Record<string, number> = { clos: 0, ouvert: 1, brouillon: 2 };
  return versions
    .map((v) => ({
      number: v.rfc.number,
      title: v.rfc.title,
      group: v.rfc.group.name,
      version: v.number,
      status: v.workflow.status,
      statusLabel: RFC_CYCLE_STATE_LABELS[v.workflow.status] ?? v.workflow.status,
      deadline: v.deadline?.toISOString() ?? null,
      timeLeft: v.workflow.status === "ouvert" ? timeLeftLabel(v.deadline, now) : null,
      comments: v._count.comments,
      undisposed: missing.get(v.id) ?? 0,
      href: versionPath(v.rfc.number, v.number),
    }))
    .sort(
      (a, b) =>
        order[a.status] - order[b.status] ||
        (a.deadline ?? "9").localeCompare(b.deadline ?? "9") ||
        a.number.localeCompare(b.number),
    );
}

/** Per invited organisation, across the cycles open now: cycles invited to, answered, rate (0–1). Lowest rate first. */
export async function responseRatesThroughPrisma(now: Date = clockNow()): Promise<ResponseRate[]> {
  const open = await prisma.rfcVersion.findMany({
    where: { workflow: { type: "rfc-cycle", status: "ouvert" }, deadline: { gt: now } },
    select: { id: true },
  });
  const ids = open.map((v) => v.id);
  if (ids.length === 0) return [];
  const [invitations, answers] = await Promise.all([
    prisma.rfcInvitation.findMany({
      where: { versionId: { in: ids } },
      select: { versionId: true, organisationId: true, organisation: { select: { name: true } } },
    }),
    prisma.rfcComment.findMany({
      where: { versionId: { in: ids }, parentId: null, deletedAt: null },
      select: { versionId: true, organisationId: true },
      distinct: ["versionId", "organisationId"],
    }),
  ]);
  const answered = new Set(answers.map((a) => `${a.versionId}|${a.organisationId}`));
  const rows = new Map<string, ResponseRate>();
  for (const i of invitations) {
    const row = rows.get(i.organisationId) ?? {
      organisationId: i.organisationId,
      organisation: i.organisation.name,
      invited: 0,
      answered: 0,
      rate: 0,
    };
    row.invited += 1;
    if (answered.has(`${i.versionId}|${i.organisationId}`)) row.answered += 1;
    row.rate = row.answered / row.invited;
    rows.set(i.organisationId, row);
  }
  return [...rows.values()].sort((a, b) => a.rate - b.rate || a.organisation.localeCompare(b.organisation, "fr"));
}

/** Adopted RFCs on which the director's MDPH has not recorded its position. */
export async function positionsToRecordThroughPrisma(user: SessionUser): Promise<PositionToRecord[]> {
  if (!can(user, "record:rfc-position") || user.organisation.kind !== "MDPH") return [];
  const rfcs = await prisma.rfc.findMany({
    where: { status: "ADOPTEE", positions: { none: { organisationId: user.organisationId } } },
    orderBy: { adoptedAt: "desc" },
    select: { number: true, title: true, adoptedAt: true },
  });
  return rfcs.map((r) => ({
    number: r.number,
    title: r.title,
    adoptedAt: r.adoptedAt?.toISOString() ?? null,
    href: `/rfc/${r.number}#position`,
  }));
}
