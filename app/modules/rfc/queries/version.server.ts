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
import { rfcAccessColumns, rfcAccessOf, type RfcAccessRow } from "~/modules/groups/policy.server";
import { notFound, RFC_NUMBER, rfcOfRow, type ReadableRfc } from "../policy.server";

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

type HeaderRow = RfcAccessRow & {
  // The RFC (Rfc's own column names, as rfcOfRow reads them).
  rfcId: string;
  rfcNumber: string;
  year: number;
  seq: number;
  rfcGroupId: string;
  title: string;
  adoptedAt: string | number | null;
  createdById: string;
  createdAt: string | number;
  rfcUpdatedAt: string | number;
  // The version and its cycle: null when the RFC has no version of that number.
  id: string | null;
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

/**
 * The RFC of this number, the person's access to it (rfcAccessColumns) and its version
 * `versionNumber` with its cycle's projection, in one statement.
 */
async function headerRow(user: SessionUser, number: string, versionNumber: number): Promise<HeaderRow | undefined> {
  const { rows } = await sql<HeaderRow>`
    SELECT r.id AS rfcId, r.number AS rfcNumber, r.year, r.seq, r.groupId AS rfcGroupId, r.title, r.adoptedAt,
      r.createdById, r.createdAt, r.updatedAt AS rfcUpdatedAt, ${rfcAccessColumns(user.organisationId)},
      v.id, v.workflowId, v.number, v.content, v.changeNote, v.updatedAt,
      g.id AS groupId, g.code AS groupCode, g.name AS groupName,
      w.type, w.machineVersion, w.status, w.rowVersion,
      (SELECT json_group_object(f.name, f.value) FROM WorkflowField f WHERE f.workflowId = w.id) AS fields,
      (SELECT count(*) FROM RfcVersion x WHERE x.rfcId = r.id) AS latest
    FROM Rfc r JOIN WorkGroup g ON g.id = r.groupId
      LEFT JOIN RfcVersion v ON v.rfcId = r.id AND v.number = ${versionNumber}
      LEFT JOIN WorkflowInstance w ON w.id = v.workflowId
    WHERE r.number = ${number}`.execute(readDb());
  return rows[0];
}

function versionHeaderOf(row: HeaderRow & { id: string }): VersionHeader {
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
 * A version of an RFC the person may read, with their access, read for a page in one statement:
 * INTROUVABLE when the RFC is out of their scope or the version does not exist (as readableRfc
 * and versionInScope, for commands).
 */
export async function readableVersion(
  user: SessionUser,
  number: string,
  versionNumber: number,
): Promise<Result<ReadableRfc & { version: VersionHeader }>> {
  if (!Number.isInteger(versionNumber) || versionNumber < 1 || !RFC_NUMBER.test(number)) return notFound();
  const row = await headerRow(user, number, versionNumber);
  if (!row) return notFound();
  const access = rfcAccessOf(user, row);
  if (!access.read || row.id === null) return notFound();
  const rfc = rfcOfRow({
    id: row.rfcId,
    number: row.rfcNumber,
    year: row.year,
    seq: row.seq,
    groupId: row.rfcGroupId,
    title: row.title,
    status: row.rfcStatus,
    adoptedAt: row.adoptedAt,
    createdById: row.createdById,
    createdAt: row.createdAt,
    updatedAt: row.rfcUpdatedAt,
  });
  return success({ rfc, access, version: versionHeaderOf({ ...row, id: row.id }) });
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
