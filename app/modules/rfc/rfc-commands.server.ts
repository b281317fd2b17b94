/**
 * Writing an RFC: create it (numbered RFC-YYYY-NNN per Paris year) with its draft version 1,
 * and edit a draft version. Each runs in one write transaction with its audit entry; refusals
 * are Results, never partial changes.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { groupAccess } from "~/modules/groups/policy.server";
import { actorOf, auditBy } from "~/modules/journal/audit.server";
import type { RichTextDocument } from "~/modules/richtext/render.server";
import { startWorkflow } from "~/modules/workflow/engine.server";
import { now as clockNow } from "~/utils/clock.server";
import { prisma, writeTransaction, type Tx } from "~/utils/db.server";
import { INCOMPLETE_FORM, refusal, success, type Result } from "~/utils/result";
import { parisDate } from "~/utils/working-days";
import { checkChangeNote, checkTitle } from "./forms.server";
import { notFound, pilotedRfc } from "./policy.server";
import { versionIn } from "./versions.server";
import { RFC_WORKFLOW } from "./workflow.server";

export const DRAFT_PILOT_ONLY = "Seul le pilote du groupe ou la coordination CNSA rédige les versions de la RFC.";

/** "RFC-2026-004": the Paris year of `now`, then the year's next sequence number. */
export async function nextRfcNumber(tx: Tx, now: Date) {
  const year = Number(parisDate(now).slice(0, 4));
  const last = await tx.rfc.aggregate({ where: { year }, _max: { seq: true } });
  const seq = (last._max.seq ?? 0) + 1;
  return { year, seq, number: `RFC-${year}-${String(seq).padStart(3, "0")}` };
}

type PilotedGroup = { id: string; code: string; name: string; pilotOrganisationId: string | null };

/** A group the person pilots: INTROUVABLE when they may not even read it, INTERDIT when they only read it. */
export async function groupForNewRfc(user: SessionUser, groupCode: string): Promise<Result<PilotedGroup>> {
  const group = await prisma.workGroup.findUnique({
    where: { code: groupCode },
    select: { id: true, code: true, name: true, pilotOrganisationId: true },
  });
  if (!group) return notFound();
  const access = await groupAccess(user, group.id);
  if (!access.read) return notFound();
  if (!access.pilot)
    return refusal("INTERDIT", "Seul le pilote du groupe ou la coordination CNSA peut rédiger une RFC pour ce groupe.");
  return success(group);
}

export async function createRfc(
  user: SessionUser,
  groupCode: string,
  input: { title: string; document: RichTextDocument },
  now = clockNow(),
): Promise<Result<{ number: string }>> {
  const group = await groupForNewRfc(user, groupCode);
  if (!group.ok) return group;
  const title = checkTitle(input.title);
  if (!title.ok) return title;
  return writeTransaction((tx) =>
    createRfcIn(tx, user, group.value, { title: title.value, document: input.document }, now),
  );
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
  await auditBy(
    tx,
    user,
    {
      action: "rfc-creee",
      entityType: "Rfc",
      entityId: rfc.id,
      data: { numero: number, titre: input.title, groupe: group.code },
    },
    now,
  );
  return success({ number });
}

export async function updateDraft(
  user: SessionUser,
  number: string,
  versionNumber: number,
  input: { title: string; document: RichTextDocument; changeNote: string; expectedUpdatedAt: string },
): Promise<Result> {
  const found = await pilotedRfc(user, number);
  if (!found.ok) return found;
  const { rfc } = found.value;
  const title = checkTitle(input.title);
  if (!title.ok) return title;
  const changeNote = checkChangeNote(input.changeNote);
  if (!changeNote.ok) return changeNote;
  const expected = new Date(input.expectedUpdatedAt);
  if (Number.isNaN(expected.getTime())) return refusal("INVALIDE", INCOMPLETE_FORM);
  const now = clockNow();
  return writeTransaction(async (tx): Promise<Result> => {
    const loaded = await versionIn(tx, rfc.id, versionNumber);
    if (!loaded.ok) return loaded;
    const version = loaded.value;
    if (version.status !== "brouillon")
      return refusal(
        "REFUSE",
        "Cette version est figée : elle a été ouverte aux commentaires. Les modifications passent par une nouvelle version.",
      );
    const updated = await tx.rfcVersion.updateMany({
      where: { id: version.id, updatedAt: expected },
      data: { content: JSON.stringify(input.document), changeNote: versionNumber > 1 ? input.changeNote.trim() : "" },
    });
    if (updated.count !== 1)
      return refusal(
        "PERIME",
        "Cette version a été modifiée par quelqu'un d'autre pendant que vous la rédigiez. Rechargez la page pour voir son état actuel, puis reportez vos modifications.",
      );
    if (title.value !== rfc.title) await tx.rfc.update({ where: { id: rfc.id }, data: { title: title.value } });
    await auditBy(
      tx,
      user,
      {
        action: "rfc-version-modifiee",
        entityType: "RfcVersion",
        entityId: version.id,
        data: { numero: rfc.number, version: versionNumber },
      },
      now,
    );
    return success();
  });
}
