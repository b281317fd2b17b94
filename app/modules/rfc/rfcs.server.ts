/**
 * RFCs as pilots and members use them: create (numbered RFC-YYYY-NNN per Paris year), edit a
 * draft version, open it for comments, extend, withdraw, conclude (new version, adoption,
 * withdrawal). Every change runs in one write transaction with its workflow event, audit
 * entry, mails and jobs; refusals are French messages, never partial changes.
 */
import { storedWorkflow } from "~/modules/workflow/queries.server";
import type { Result } from "~/utils/result";
import type { SessionUser } from "~/modules/auth/session.server";
import { groupAccess } from "~/modules/groups/policy.server";
import { actorOf, recordAudit } from "~/modules/journal/audit.server";
import { readSetting } from "~/modules/settings/settings.server";
import { applyEventInTransaction, getTimeline, startWorkflow } from "~/modules/workflow/engine.server";
import { notifyAfterCommit } from "~/modules/workflow/after-commit.server";
import { parseRichText, plainText, type RichTextDocument } from "~/modules/richtext/render.server";
import { forbidden, notFound } from "~/utils/auth.server";
import { now as clockNow } from "~/utils/clock.server";
import { prisma, writeTransaction, type Tx } from "~/utils/db.server";
import { multiLineProblem, singleLineProblem } from "~/utils/forms";
import { can } from "~/utils/permissions";
import { addCalendarDays, isIsoDate, parisDate, parisInstant } from "~/utils/working-days";
import { RFC_CYCLE_STATE_LABELS, RFC_OUTCOME_LABELS, type RfcOutcome } from "../../../workflows/rfc-cycle";
import { readableRfcWhere, requirePilot, requireRfc } from "./policy.server";
import { CONCLUSION_MAX, RFC_STATUS_LABELS, TEXT_MAX, TITLE_MAX, timeLeftLabel } from "./labels";
import { instantLabel } from "./mails.server";
import { cycleSetting } from "./settings.server";
import { cycleContext, RFC_WORKFLOW } from "./workflow.server";

const DAY_MS = 86_400_000;

function checkTitle(title: string): Result<string> {
  const problem = singleLineProblem(title.trim());
  if (problem) return { ok: false, field: "title", message: problem };
  const value = title.trim().replace(/\s+/g, " ");
  if (value.length < 3)
    return { ok: false, field: "title", message: "Saisissez le titre de la RFC (3 caractères au moins)." };
  if (value.length > TITLE_MAX)
    return { ok: false, field: "title", message: `Le titre dépasse ${TITLE_MAX} caractères.` };
  return { ok: true, value };
}

/** "RFC-2026-004": the Paris year of `now`, then the year's next sequence number. */
export async function nextRfcNumber(tx: Tx, now: Date) {
  const year = Number(parisDate(now).slice(0, 4));
  const last = await tx.rfc.aggregate({ where: { year }, _max: { seq: true } });
  const seq = (last._max.seq ?? 0) + 1;
  return { year, seq, number: `RFC-${year}-${String(seq).padStart(3, "0")}` };
}

/** A group the person pilots (404 when they may not even read it, 403 when they only read it). */
async function requireGroupPilot(user: SessionUser, groupCode: string) {
  const group = await prisma.workGroup.findUnique({
    where: { code: groupCode },
    select: { id: true, code: true, name: true, pilotOrganisationId: true },
  });
  if (!group) throw notFound();
  const access = await groupAccess(user, group.id);
  if (!access.read) throw notFound();
  if (!access.pilot)
    throw forbidden("Seul le pilote du groupe ou la coordination CNSA peut rédiger une RFC pour ce groupe.");
  return group;
}

/** The groups this person may write an RFC for (every group for the coordinator), by name. */
export async function groupsForNewRfc(user: SessionUser) {
  if (!can(user, "pilot:group")) return [];
  const where = can(user, "manage:group") ? {} : { pilotOrganisationId: user.organisationId };
  return prisma.workGroup.findMany({ where, select: { code: true, name: true }, orderBy: { name: "asc" } });
}

export async function groupForNewRfc(user: SessionUser, groupCode: string) {
  return requireGroupPilot(user, groupCode);
}

export async function createRfc(
  user: SessionUser,
  groupCode: string,
  input: { title: string; document: RichTextDocument },
  now = clockNow(),
): Promise<Result<{ number: string }>> {
  const group = await requireGroupPilot(user, groupCode);
  const title = checkTitle(input.title);
  if (!title.ok) return title;
  return writeTransaction((tx) => createRfcIn(tx, user, group, { title: title.value, document: input.document }, now));
}

/** Creates the RFC and its draft version 1 inside the caller's transaction (the person may pilot the group). */
export async function createRfcIn(
  tx: Tx,
  user: SessionUser,
  group: { id: string; code: string; pilotOrganisationId: string | null },
  input: { title: string; document: RichTextDocument },
  now: Date,
): Promise<Result<{ number: string }>> {
  const { year, seq, number } = await nextRfcNumber(tx, now);
  const workflow = await startWorkflow(tx, {
    type: RFC_WORKFLOW,
    input: { reference: number, version: 1 },
    organisationId: group.pilotOrganisationId,
    actor: actorOf(user),
    now,
  });
  const rfc = await tx.rfc.create({
    data: { number, year, seq, groupId: group.id, title: input.title, createdById: user.id, createdAt: now },
  });
  await tx.rfcVersion.create({
    data: {
      rfcId: rfc.id,
      number: 1,
      content: JSON.stringify(input.document),
      workflowId: workflow.id,
      createdById: user.id,
      createdAt: now,
    },
  });
  await recordAudit(
    tx,
    {
      actor: actorOf(user),
      action: "rfc-creee",
      entityType: "Rfc",
      entityId: rfc.id,
      organisationId: user.organisationId,
      data: { numero: number, titre: input.title, groupe: group.code },
    },
    now,
  );
  return { ok: true, value: { number } };
}

/** A version of a readable RFC, with its cycle; 404 when absent. */
export async function versionIn(tx: Tx, rfcId: string, versionNumber: number) {
  if (!Number.isInteger(versionNumber) || versionNumber < 1) throw notFound();
  const version = await tx.rfcVersion.findUnique({
    where: { rfcId_number: { rfcId, number: versionNumber } },
    include: { workflow: true },
  });
  if (!version) throw notFound();
  return { ...version, status: version.workflow.status, context: cycleContext(version.workflow) };
}

/**
 * An action's first check: the RFC, the person's access and the version's id; 404 when the RFC
 * is out of the person's scope or the version does not exist, before anything posted is read.
 */
export async function requireVersion(user: SessionUser, number: string, versionNumber: number) {
  const { rfc, access } = await requireRfc(user, number);
  const version = await versionIn(prisma, rfc.id, versionNumber);
  return { rfc, access, versionId: version.id };
}

export async function updateDraft(
  user: SessionUser,
  number: string,
  versionNumber: number,
  input: { title: string; document: RichTextDocument; changeNote: string; expectedUpdatedAt: string },
): Promise<Result> {
  const { rfc, access } = await requireRfc(user, number);
  requirePilot(access);
  const title = checkTitle(input.title);
  if (!title.ok) return title;
  if (input.changeNote.length > CONCLUSION_MAX)
    return { ok: false, field: "changeNote", message: `La note de modification dépasse ${CONCLUSION_MAX} caractères.` };
  if (multiLineProblem(input.changeNote))
    return { ok: false, field: "changeNote", message: multiLineProblem(input.changeNote)! };
  const expected = new Date(input.expectedUpdatedAt);
  if (Number.isNaN(expected.getTime()))
    return { ok: false, message: "Le formulaire est incomplet : rechargez la page, puis recommencez." };
  const now = clockNow();
  return writeTransaction(async (tx): Promise<Result> => {
    const version = await versionIn(tx, rfc.id, versionNumber);
    if (version.status !== "brouillon")
      return {
        ok: false,
        message:
          "Cette version est figée : elle a été ouverte aux commentaires. Les modifications passent par une nouvelle version.",
      };
    const updated = await tx.rfcVersion.updateMany({
      where: { id: version.id, updatedAt: expected },
      data: { content: JSON.stringify(input.document), changeNote: versionNumber > 1 ? input.changeNote.trim() : "" },
    });
    if (updated.count !== 1)
      return {
        ok: false,
        message:
          "Cette version a été modifiée par quelqu'un d'autre pendant que vous la rédigiez. Rechargez la page pour voir son état actuel, puis reportez vos modifications.",
      };
    if (title.value !== rfc.title) await tx.rfc.update({ where: { id: rfc.id }, data: { title: title.value } });
    await recordAudit(
      tx,
      {
        actor: actorOf(user),
        action: "rfc-version-modifiee",
        entityType: "RfcVersion",
        entityId: version.id,
        organisationId: user.organisationId,
        data: { numero: rfc.number, version: versionNumber },
      },
      now,
    );
    return { ok: true, value: undefined };
  });
}

/** Organisations a pilot may invite: the group's members and pilot, plus the national sets. */
export async function invitableOrganisations(groupId: string) {
  const group = await prisma.workGroup.findUniqueOrThrow({
    where: { id: groupId },
    select: {
      pilotOrganisation: { select: { id: true, name: true, shortName: true, code: true } },
      members: { select: { organisation: { select: { id: true, name: true, shortName: true, code: true } } } },
    },
  });
  const members = [
    ...group.members.map((m) => m.organisation),
    ...(group.pilotOrganisation ? [group.pilotOrganisation] : []),
  ];
  const unique = [...new Map(members.map((o) => [o.id, o])).values()].sort((a, b) =>
    a.name.localeCompare(b.name, "fr"),
  );
  return unique;
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

/** A Paris date and time from a form, or null when either is malformed. */
export function deadlineFrom(date: unknown, time: unknown): Date | null {
  if (!isIsoDate(date) || typeof time !== "string" || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return null;
  return parisInstant(date, time);
}

export type OpenInput = {
  deadline: Date;
  organisationIds: string[];
  allMdph: boolean;
  allConseils: boolean;
  expectedVersion: number;
};

/** Applies a cycle event to a version inside the transaction, as a Result. */
async function applyToVersion(
  tx: Tx,
  user: SessionUser | null,
  workflowId: string,
  event: Record<string, unknown>,
  expectedVersion: number | undefined,
  now: Date,
): Promise<Result> {
  const applied = await applyEventInTransaction(tx, {
    workflowId,
    event,
    actor: user ? actorOf(user) : null,
    expectedVersion,
    now,
  });
  return applied.ok ? { ok: true, value: undefined } : { ok: false, code: applied.code, message: applied.message };
}

export async function openCycle(
  user: SessionUser,
  number: string,
  versionNumber: number,
  input: OpenInput,
  now = clockNow(),
): Promise<Result<{ invited: number }>> {
  const { rfc, access } = await requireRfc(user, number);
  requirePilot(access);
  if (Number.isNaN(input.deadline.getTime()))
    return { ok: false, field: "deadline", message: "Saisissez la date et l'heure de l'échéance." };
  const result = await writeTransaction(async (tx): Promise<Result<{ invited: number }>> => {
    const allowed = new Set((await invitableOrganisations(rfc.groupId)).map((o) => o.id));
    if (input.organisationIds.some((id) => !allowed.has(id)))
      return {
        ok: false,
        field: "invites",
        message: "Seules les organisations membres du groupe peuvent être choisies une à une.",
      };
    const national = await tx.organisation.findMany({
      where: {
        active: true,
        kind: { in: [...(input.allMdph ? ["MDPH"] : []), ...(input.allConseils ? ["CONSEIL_DEPARTEMENTAL"] : [])] },
      },
      select: { id: true },
    });
    const invited = [...new Set([...input.organisationIds, ...national.map((o) => o.id)])];
    return openCycleIn(
      tx,
      user,
      rfc,
      versionNumber,
      { deadline: input.deadline, invited, expectedVersion: input.expectedVersion },
      now,
    );
  });
  if (result.ok) notifyAfterCommit();
  return result;
}

/**
 * Opens the version for comments inside the caller's transaction: the minimum duration from the
 * settings, the frozen draft, the invitations, the workflow event (mails and jobs), the audit.
 */
export async function openCycleIn(
  tx: Tx,
  user: SessionUser,
  rfc: { id: string; number: string },
  versionNumber: number,
  input: { deadline: Date; invited: string[]; expectedVersion?: number },
  now: Date,
): Promise<Result<{ invited: number }>> {
  const { minimumDays } = await readSetting(cycleSetting);
  const earliest = new Date(now.getTime() + minimumDays * DAY_MS);
  if (input.deadline < earliest) {
    return {
      ok: false,
      field: "deadline",
      message: `Laissez au moins ${minimumDays} jours pour répondre : choisissez une échéance au plus tôt le ${instantLabel(earliest)}.`,
    };
  }
  if (input.deadline.getTime() - now.getTime() > 365 * DAY_MS)
    return { ok: false, field: "deadline", message: "Choisissez une échéance dans l'année qui vient." };
  if (input.invited.length === 0)
    return { ok: false, field: "invites", message: "Invitez au moins une organisation à commenter." };
  const version = await versionIn(tx, rfc.id, versionNumber);
  if (version.status !== "brouillon")
    return { ok: false, message: "Cette version a déjà été ouverte aux commentaires." };
  if (plainText(parseRichText(version.content) ?? { type: "doc" }).length === 0)
    return { ok: false, message: "Rédigez le texte de la version avant de l'ouvrir aux commentaires." };
  const applied = await applyToVersion(
    tx,
    user,
    version.workflowId,
    { type: "OUVRIR", deadline: input.deadline.toISOString(), invitedOrganisationIds: input.invited, minimumDays },
    input.expectedVersion,
    now,
  );
  if (!applied.ok) return applied;
  const invited = [...new Set(input.invited)];
  await tx.rfcInvitation.createMany({
    data: invited.map((organisationId) => ({ versionId: version.id, organisationId })),
  });
  await recordAudit(
    tx,
    {
      actor: actorOf(user),
      action: "rfc-cycle-ouvert",
      entityType: "RfcVersion",
      entityId: version.id,
      organisationId: user.organisationId,
      data: {
        numero: rfc.number,
        version: versionNumber,
        echeance: input.deadline.toISOString(),
        invitees: invited.length,
      },
    },
    now,
  );
  return { ok: true, value: { invited: invited.length } };
}

export async function extendCycle(
  user: SessionUser,
  number: string,
  versionNumber: number,
  input: { deadline: Date; expectedVersion: number },
  now = clockNow(),
): Promise<Result> {
  const { rfc, access } = await requireRfc(user, number);
  requirePilot(access);
  if (Number.isNaN(input.deadline.getTime()))
    return { ok: false, field: "deadline", message: "Saisissez la date et l'heure de la nouvelle échéance." };
  const result = await writeTransaction(async (tx): Promise<Result> => {
    const version = await versionIn(tx, rfc.id, versionNumber);
    if (version.status !== "ouvert")
      return { ok: false, message: "Seul un cycle ouvert aux commentaires peut être prolongé." };
    const current = version.context.deadline ? new Date(version.context.deadline) : null;
    if (current && input.deadline <= current)
      return {
        ok: false,
        field: "deadline",
        message: `Choisissez une échéance postérieure à l'échéance actuelle (${instantLabel(current)}).`,
      };
    if (current && current <= now)
      return { ok: false, message: "L'échéance est passée : le cycle est clos, il ne peut plus être prolongé." };
    const applied = await applyToVersion(
      tx,
      user,
      version.workflowId,
      { type: "PROLONGER", deadline: input.deadline.toISOString() },
      input.expectedVersion,
      now,
    );
    if (!applied.ok) return applied;
    await recordAudit(
      tx,
      {
        actor: actorOf(user),
        action: "rfc-cycle-prolonge",
        entityType: "RfcVersion",
        entityId: version.id,
        organisationId: user.organisationId,
        data: {
          numero: rfc.number,
          version: versionNumber,
          echeance: input.deadline.toISOString(),
          precedente: version.context.deadline,
        },
      },
      now,
    );
    return { ok: true, value: undefined };
  });
  if (result.ok) notifyAfterCommit();
  return result;
}

/** Top-level, live comments of a version that still have no disposition. */
export function undisposedCount(tx: Tx, versionId: string) {
  return tx.rfcComment.count({ where: { versionId, parentId: null, deletedAt: null, disposition: null } });
}

export function undisposedMessage(count: number) {
  return count === 1
    ? "1 commentaire n'a pas encore de réponse : enregistrez une disposition pour chaque commentaire avant de conclure."
    : `${count} commentaires n'ont pas encore de réponse : enregistrez une disposition pour chaque commentaire avant de conclure.`;
}

export type ConcludeInput = { outcome: RfcOutcome; conclusion: string; expectedVersion?: number };

/**
 * Concludes the version's cycle. Withdrawal is possible at any stage before the conclusion;
 * once the cycle is closed, every outcome waits for a disposition on each comment.
 */
export async function concludeCycle(
  user: SessionUser,
  number: string,
  versionNumber: number,
  input: ConcludeInput,
  now = clockNow(),
): Promise<Result<{ next: number | null }>> {
  const { rfc, access } = await requireRfc(user, number);
  requirePilot(access);
  const conclusion = input.conclusion.trim();
  const field =
    input.outcome === "nouvelle-version"
      ? "Décrivez les modifications que la nouvelle version apportera."
      : input.outcome === "adoption"
        ? "Rédigez la conclusion de l'adoption."
        : "Indiquez le motif du retrait.";
  if (conclusion === "") return { ok: false, field: "conclusion", message: field };
  if (conclusion.length > CONCLUSION_MAX)
    return { ok: false, field: "conclusion", message: `${CONCLUSION_MAX} caractères au plus.` };
  if (multiLineProblem(conclusion)) return { ok: false, field: "conclusion", message: multiLineProblem(conclusion)! };
  const result = await writeTransaction((tx) =>
    concludeCycleIn(tx, user, rfc, versionNumber, { ...input, conclusion }, now),
  );
  if (result.ok) notifyAfterCommit();
  return result;
}

/** Concludes the cycle inside the caller's transaction (the person pilots the group). */
export async function concludeCycleIn(
  tx: Tx,
  user: SessionUser,
  rfc: { id: string; number: string },
  versionNumber: number,
  input: ConcludeInput,
  now: Date,
): Promise<Result<{ next: number | null }>> {
  const conclusion = input.conclusion.trim();
  const version = await versionIn(tx, rfc.id, versionNumber);
  if (version.status === "conclu") return { ok: false, message: "Ce cycle est déjà conclu." };
  if (input.outcome !== "retrait" && version.status !== "clos") {
    return {
      ok: false,
      message:
        "Le cycle ne peut être conclu qu'une fois clos, à l'échéance : la conclusion suit les réponses aux commentaires.",
    };
  }
  const missing = version.status === "clos" ? await undisposedCount(tx, version.id) : 0;
  if (missing > 0) return { ok: false, message: undisposedMessage(missing) };
  const event =
    input.outcome === "retrait"
      ? { type: "RETIRER", conclusion }
      : { type: "CONCLURE", outcome: input.outcome, undisposedComments: missing, conclusion };
  const applied = await applyToVersion(tx, user, version.workflowId, event, input.expectedVersion, now);
  if (!applied.ok) return applied;
  await recordAudit(
    tx,
    {
      actor: actorOf(user),
      action: "rfc-cycle-conclu",
      entityType: "RfcVersion",
      entityId: version.id,
      organisationId: user.organisationId,
      data: { numero: rfc.number, version: versionNumber, issue: input.outcome, conclusion },
    },
    now,
  );
  return { ok: true, value: { next: input.outcome === "nouvelle-version" ? versionNumber + 1 : null } };
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

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

export async function rfcOverview(user: SessionUser, number: string) {
  const { rfc, access } = await requireRfc(user, number);
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
  return {
    rfc: {
      id: rfc.id,
      number: rfc.number,
      title: rfc.title,
      status: rfc.status,
      statusLabel: RFC_STATUS_LABELS[rfc.status] ?? rfc.status,
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
  };
}

export type CycleView = Awaited<ReturnType<typeof versionView>>;

/** One version with its cycle: what the version page shows, beside the comments. */
export async function versionView(user: SessionUser, number: string, versionNumber: number, now = clockNow()) {
  const { rfc, access } = await requireRfc(user, number);
  const version = await versionIn(prisma, rfc.id, versionNumber);
  const [group, invitations, versionCount, answered, timeline] = await Promise.all([
    prisma.workGroup.findUniqueOrThrow({ where: { id: rfc.groupId }, select: { id: true, code: true, name: true } }),
    prisma.rfcInvitation.findMany({
      where: { versionId: version.id },
      include: { organisation: { select: { id: true, name: true, shortName: true, kind: true } } },
    }),
    prisma.rfcVersion.count({ where: { rfcId: rfc.id } }),
    answeredOrganisationIds(prisma, version.id),
    getTimeline(version.workflowId),
  ]);
  const invited = invitations.some((i) => i.organisationId === user.organisationId) && can(user, "comment:rfc");
  const at = now.toISOString();
  const open = version.status === "ouvert" && version.context.deadline !== null && at < version.context.deadline;
  const document = parseRichText(version.content) ?? { type: "doc" as const, content: [] };
  return {
    rfc: {
      id: rfc.id,
      number: rfc.number,
      title: rfc.title,
      status: rfc.status,
      statusLabel: RFC_STATUS_LABELS[rfc.status] ?? rfc.status,
    },
    group,
    access,
    version: {
      id: version.id,
      number: version.number,
      document,
      changeNote: version.changeNote,
      updatedAt: version.updatedAt.toISOString(),
      status: version.status,
      statusLabel: RFC_CYCLE_STATE_LABELS[version.status] ?? version.status,
      workflowVersion: version.workflow.version,
      context: version.context,
      timeLeft: version.status === "ouvert" ? timeLeftLabel(version.context.deadline, now) : null,
      isLatest: version.number === versionCount,
      latest: versionCount,
    },
    invitations: invitations
      .map((i) => ({
        id: i.organisationId,
        name: i.organisation.name,
        kind: i.organisation.kind,
        answered: answered.has(i.organisationId),
      }))
      .sort((a, b) => a.name.localeCompare(b.name, "fr")),
    /** The person may post: their organisation is invited and the cycle takes comments now. */
    canComment: invited && open,
    invited,
    acceptingComments: open,
    timeline,
  };
}

/**
 * Organisations that have answered a cycle: one of their people posted a live top-level
 * comment on the version (decision 007).
 */
export async function answeredOrganisationIds(db: Tx, versionId: string): Promise<Set<string>> {
  const rows = await db.rfcComment.findMany({
    where: { versionId, parentId: null, deletedAt: null },
    select: { organisationId: true },
    distinct: ["organisationId"],
  });
  return new Set(rows.map((r) => r.organisationId));
}
