/**
 * The header of a version page, on the read connection (decision 021): the version, its group,
 * its cycle's state and the facts the page shows of it, from the engine's projection, never from
 * the snapshot (decision 017), and the organisations invited to its cycle.
 */
import { sql } from "kysely";
import type { ProjectedFields } from "~/modules/workflow/definition.server";
import { isoInstant, readDb } from "~/utils/read-db.server";
import type { RfcCycleContext, RfcOutcome } from "../../../../workflows/rfc-cycle";

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

/** Version `versionNumber` of an RFC with its cycle's projection, in one statement; null when there is none. */
export async function versionHeader(rfcId: string, versionNumber: number): Promise<VersionHeader | null> {
  const row = await readDb()
    .selectFrom("RfcVersion as v")
    .innerJoin("Rfc as r", "r.id", "v.rfcId")
    .innerJoin("WorkGroup as g", "g.id", "r.groupId")
    .innerJoin("WorkflowInstance as w", "w.id", "v.workflowId")
    .select([
      "v.id",
      "v.workflowId",
      "v.number",
      "v.content",
      "v.changeNote",
      "v.updatedAt",
      "g.id as groupId",
      "g.code as groupCode",
      "g.name as groupName",
      "w.type",
      "w.machineVersion",
      "w.status",
      "w.rowVersion",
      sql<string>`(SELECT json_group_object(f.name, f.value) FROM WorkflowField f WHERE f.workflowId = w.id)`.as(
        "fields",
      ),
      sql<number>`(SELECT count(*) FROM RfcVersion x WHERE x.rfcId = v.rfcId)`.as("latest"),
    ])
    .where("v.rfcId", "=", rfcId)
    .where("v.number", "=", versionNumber)
    .executeTakeFirst();
  if (!row) return null;
  const fields = JSON.parse(row.fields) as ProjectedFields;
  return {
    id: row.id,
    workflowId: row.workflowId,
    number: row.number,
    content: row.content,
    changeNote: row.changeNote,
    updatedAt: isoInstant(row.updatedAt),
    latest: Number(row.latest),
    group: { id: row.groupId, code: row.groupCode, name: row.groupName },
    workflow: {
      type: row.type,
      machineVersion: row.machineVersion,
      status: row.status,
      rowVersion: row.rowVersion,
      fields,
    },
    context: {
      openedAt: fields.openedAt ?? null,
      deadline: fields.deadline ?? null,
      closedAt: fields.closedAt ?? null,
      outcome: (fields.outcome as RfcOutcome | null) ?? null,
      conclusion: fields.conclusion ?? null,
    },
  };
}

const inFrench = new Intl.Collator("fr").compare;

export type CycleInvitation = { id: string; name: string; kind: string; answered: boolean };

/**
 * The organisations invited to a version's cycle, by name, each with whether it answered: one of
 * its people posted a live top-level comment on the version (decision 007).
 */
export async function cycleInvitations(versionId: string): Promise<CycleInvitation[]> {
  const rows = await readDb()
    .selectFrom("RfcInvitation as i")
    .innerJoin("Organisation as o", "o.id", "i.organisationId")
    .select([
      "o.id",
      "o.name",
      "o.kind",
      sql<number>`EXISTS (SELECT 1 FROM RfcComment c WHERE c.versionId = i.versionId
        AND c.organisationId = i.organisationId AND c.parentId IS NULL AND c.deletedAt IS NULL)`.as("answered"),
    ])
    .where("i.versionId", "=", versionId)
    .execute();
  return rows
    .map((r) => ({ id: r.id, name: r.name, kind: r.kind, answered: Number(r.answered) === 1 }))
    .sort((a, b) => inFrench(a.name, b.name));
}
