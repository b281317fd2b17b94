/**
 * What the dashboards show about RFC cycles: the member's cycles awaiting their organisation's
 * answer, the pilot's cycles and comments without disposition, the coordinator's response
 * rates for open cycles, the MDPH director's positions to record. Each list links to a record.
 */
import { RFC_WORKFLOW } from "./workflow.server";
import { tagged } from "~/modules/workflow/queries.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { now as clockNow } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { can } from "~/utils/permissions";
import { RFC_CYCLE_STATE_LABELS } from "../../../workflows/rfc-cycle";
import { timeLeftLabel } from "./labels";
import { versionPath } from "./workflow.server";

export type AwaitingItem = {
  number: string;
  title: string;
  group: string;
  version: number;
  deadline: string;
  timeLeft: string;
  href: string;
};

/** Open cycles where the person's organisation is invited and has not answered yet, soonest deadline first. */
export async function awaitingAnswer(user: SessionUser, now: Date = clockNow()): Promise<AwaitingItem[]> {
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

export type PilotCycle = {
  number: string;
  title: string;
  group: string;
  version: number;
  status: string;
  statusLabel: string;
  deadline: string | null;
  timeLeft: string | null;
  comments: number;
  undisposed: number;
  href: string;
};

/** Cycles not yet concluded in the groups the person pilots (every group for the coordinator). */
export async function pilotCycles(user: SessionUser, now: Date = clockNow()): Promise<PilotCycle[]> {
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

export type ResponseRate = {
  organisationId: string;
  organisation: string;
  invited: number;
  answered: number;
  rate: number;
};

/** Per invited organisation, across the cycles open now: cycles invited to, answered, rate (0–1). Lowest rate first. */
export async function responseRates(now: Date = clockNow()): Promise<ResponseRate[]> {
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

export type PositionToRecord = { number: string; title: string; adoptedAt: string | null; href: string };

/** Adopted RFCs on which the director's MDPH has not recorded its position. */
export async function positionsToRecord(user: SessionUser): Promise<PositionToRecord[]> {
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
