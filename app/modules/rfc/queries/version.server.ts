/**
 * The header of a version page, on the read connection (decision 021): the version, its group,
 * its cycle's state and the facts the page shows of it, from the engine's projection, never from
 * the snapshot (decision 017), and the organisations invited to its cycle.
 */
import { sql } from "kysely";
import type { SessionUser } from "~/modules/auth/session.server";
import type { ProjectedFields } from "~/modules/workflow/definition.server";
import { success, type Result } from "~/utils/result";
import { isoInstant, readDb } from "~/utils/read-db.server";
import type { RfcCycleContext, RfcOutcome } from "../../../../workflows/rfc-cycle";
import { notFound, readableRfc, type ReadableRfc } from "../policy.server";

/** What the version page shows of its cycle: the fields the cycle projects. */
export type CycleFacts = Pick<RfcCycleContext, "openedAt" | "deadline" | "closedAt" | "outcome" | "conclusion">;

export type VersionHeader = {
  id: string;
  workflowId: string;
  number: number;
  content: string;
  changeNote: string;
  updatedAt: string;
  /** How many versions the RFC has: the latest's number. */
  latest: number;
  group: { id: string; code: string; name: string };
  workflow: { type: string; machineVersion: number; status: string; rowVersion: number; fields: ProjectedFields };
  context: CycleFacts;
};

type HeaderRow = {
  id: string;
  workflowId: string;
  number: number;
  content: string;
  changeNote: string;
  updatedAt: string | number;
  groupId: string;
  groupCode: string;
  groupName: string;
  type: string;
  machineVersion: number;
  status: string;
  rowVersion: number;
  fields: string;
  latest: number;
};

/** Version `versionNumber` of an RFC with its cycle's projection, in one statement; null when there is none. */
export async function versionHeader(rfcId: string, versionNumber: number): Promise<VersionHeader | null> {
  const { rows } = await sql<HeaderRow>`
    SELECT v.id, v.workflowId, v.number, v.content, v.changeNote, v.updatedAt,
      g.id AS groupId, g.code AS groupCode, g.name AS groupName,
      w.type, w.machineVersion, w.status, w.rowVersion,
      (SELECT json_group_object(f.name, f.value) FROM WorkflowField f WHERE f.workflowId = w.id) AS fields,
      (SELECT count(*) FROM RfcVersion x WHERE x.rfcId = v.rfcId) AS latest
    FROM RfcVersion v JOIN Rfc r ON r.id = v.rfcId JOIN WorkGroup g ON g.id = r.groupId
      JOIN WorkflowInstance w ON w.id = v.workflowId
    WHERE v.rfcId = ${rfcId} AND v.number = ${versionNumber}`.execute(readDb());
  const row = rows[0];
  if (!row) return null;
  const fields = JSON.parse(row.fields) as ProjectedFields;
  const { type, machineVersion, status, rowVersion } = row;
  return {
    id: row.id,
    workflowId: row.workflowId,
    number: row.number,
    content: row.content,
    changeNote: row.changeNote,
    updatedAt: isoInstant(row.updatedAt),
    latest: Number(row.latest),
    group: { id: row.groupId, code: row.groupCode, name: row.groupName },
    workflow: { type, machineVersion, status, rowVersion, fields },
    context: {
      openedAt: fields.openedAt ?? null,
      deadline: fields.deadline ?? null,
      closedAt: fields.closedAt ?? null,
      outcome: (fields.outcome as RfcOutcome | null) ?? null,
      conclusion: fields.conclusion ?? null,
    },
  };
}

/**
 * A version of an RFC the person may read, with their access, read for a page: INTROUVABLE when
 * the RFC is out of their scope or the version does not exist (as versionInScope, for commands).
 */
export async function readableVersion(
  user: SessionUser,
  number: string,
  versionNumber: number,
): Promise<Result<ReadableRfc & { version: VersionHeader }>> {
  if (!Number.isInteger(versionNumber) || versionNumber < 1) return notFound();
  const found = await readableRfc(user, number);
  if (!found.ok) return found;
  const version = await versionHeader(found.value.rfc.id, versionNumber);
  return version ? success({ ...found.value, version }) : notFound();
}

const inFrench = new Intl.Collator("fr").compare;

export type CycleInvitation = { id: string; name: string; kind: string; answered: boolean };

/**
 * The organisations invited to a version's cycle, by name, each with whether it answered: one of
 * its people posted a live top-level comment on the version (decision 007).
 */
export async function cycleInvitations(versionId: string): Promise<CycleInvitation[]> {
  const { rows } = await sql<Omit<CycleInvitation, "answered"> & { answered: number }>`
    SELECT o.id, o.name, o.kind, EXISTS (SELECT 1 FROM RfcComment c WHERE c.versionId = i.versionId
        AND c.organisationId = i.organisationId AND c.parentId IS NULL AND c.deletedAt IS NULL) AS answered
    FROM RfcInvitation i JOIN Organisation o ON o.id = i.organisationId
    WHERE i.versionId = ${versionId}`.execute(readDb());
  return rows.map((r) => ({ ...r, answered: Number(r.answered) === 1 })).sort((a, b) => inFrench(a.name, b.name));
}
