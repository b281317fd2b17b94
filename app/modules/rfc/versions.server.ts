/**
 * One version of an RFC with its cycle, as commands and read models load it (on the client they
 * are given: the transaction's inside a write). Absent: INTROUVABLE (404).
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { prisma, type Tx } from "~/utils/db.server";
import { success, type Result } from "~/utils/result";
import { notFound, readableRfc, type ReadableRfc } from "./policy.server";
import { cycleContext } from "./workflow.server";

/** A version of an RFC, with its cycle's state and context. */
export async function versionIn(tx: Tx, rfcId: string, versionNumber: number) {
  if (!Number.isInteger(versionNumber) || versionNumber < 1) return notFound();
  const version = await tx.rfcVersion.findUnique({
    where: { rfcId_number: { rfcId, number: versionNumber } },
    include: { workflow: true },
  });
  if (!version) return notFound();
  return success({ ...version, status: version.workflow.status, context: cycleContext(version.workflow) });
}

export type LoadedVersion = Extract<Awaited<ReturnType<typeof versionIn>>, { ok: true }>["value"];

/**
 * A version of an RFC the person may read, with their access: a page's or an action's first
 * check. INTROUVABLE when the RFC is out of the person's scope or the version does not exist,
 * before anything posted is read.
 */
export async function versionInScope(
  user: SessionUser,
  number: string,
  versionNumber: number,
): Promise<Result<ReadableRfc & { version: LoadedVersion }>> {
  const found = await readableRfc(user, number);
  if (!found.ok) return found;
  const version = await versionIn(prisma, found.value.rfc.id, versionNumber);
  if (!version.ok) return version;
  return success({ ...found.value, version: version.value });
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

/** Top-level, live comments of a version that still have no disposition. */
export function undisposedCount(tx: Tx, versionId: string) {
  return tx.rfcComment.count({ where: { versionId, parentId: null, deletedAt: null, disposition: null } });
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
  return [...new Map(members.map((o) => [o.id, o])).values()].sort((a, b) => a.name.localeCompare(b.name, "fr"));
}
