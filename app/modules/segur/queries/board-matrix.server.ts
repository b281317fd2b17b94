/**
 * 002's objectives matrix on the read connection (decision 021): one row per establishment of
 * each pilot (a legal entity of its sites: pilot-records.server.ts `pilotLegalEntities`), one
 * cell per core service, the cell the best outcome its use cases reached with the others listed
 * (`objectiveCell`). Outcomes come from the objectives' projected field, never their snapshots.
 */
import { sql } from "kysely";
import { readDb } from "~/utils/read-db.server";
import type { PilotEstablishment } from "./pilot-records.server";
import {
  CORE_SERVICES,
  objectiveCell,
  type Cell,
  type CoreService,
  type Outcome,
} from "../../../../workflows/segur-objective";

export type MatrixRow = {
  pilotId: string;
  /** null: the empty row of a pilot without any establishment yet (its sites give it its establishments). */
  legalEntityId: string | null;
  establishment: string | null;
  cells: Record<CoreService, Cell>;
};

/** What the matrix needs of a use case: its pilot and establishment, its service, what, and its projected outcome. */
export type MatrixObjective = {
  pilotId: string;
  legalEntityId: string | null;
  establishment: string | null;
  service: string;
  what: string;
  outcome: Outcome | null;
};

/** The matrix rows of the pilots, in their order, each pilot's establishments by name (`pilotLegalEntities`). */
export async function objectivesMatrix(
  pilotIds: readonly string[],
  establishments: readonly PilotEstablishment[],
): Promise<MatrixRow[]> {
  if (pilotIds.length === 0) return [];
  const objectives = await readDb()
    .selectFrom("SegurObjective as o")
    .leftJoin("LegalEntity as le", "le.id", "o.legalEntityId")
    .select(["o.pilotId", "o.legalEntityId", "le.name as establishment", "o.service", "o.what"])
    .select(
      sql<Outcome | null>`(SELECT f.value FROM WorkflowField f WHERE f.workflowId = o.workflowId AND f.name = 'outcome')`.as(
        "outcome",
      ),
    )
    .where("o.pilotId", "in", pilotIds)
    .orderBy("o.createdAt")
    .orderBy("o.id")
    .execute();
  return matrixOf(pilotIds, establishments, objectives);
}

/**
 * The rows, pure: one per establishment of each pilot and per other legal entity its use cases
 * name (null: the whole pilot), a pilot with neither getting one empty row; each cell the
 * `objectiveCell` of the row's use cases of that service.
 */
export function matrixOf(
  pilotIds: readonly string[],
  establishments: readonly PilotEstablishment[],
  objectives: readonly MatrixObjective[],
): MatrixRow[] {
  type Building = MatrixRow & { objectives: MatrixObjective[] };
  const byPilot = new Map<string, Map<string | null, Building>>(pilotIds.map((id) => [id, new Map()]));
  const rowOf = (pilotId: string, legalEntityId: string | null, establishment: string | null) => {
    const rows = byPilot.get(pilotId)!;
    let row = rows.get(legalEntityId);
    if (!row) {
      row = { pilotId, legalEntityId, establishment, cells: {} as MatrixRow["cells"], objectives: [] };
      rows.set(legalEntityId, row);
    }
    return row;
  };
  for (const e of establishments) rowOf(e.pilotId, e.id, e.name);
  for (const o of objectives) rowOf(o.pilotId, o.legalEntityId, o.establishment).objectives.push(o);
  return pilotIds.flatMap((pilotId) => {
    if (byPilot.get(pilotId)!.size === 0) rowOf(pilotId, null, null);
    return [...byPilot.get(pilotId)!.values()].map(({ objectives: mine, ...row }) => ({
      ...row,
      cells: Object.fromEntries(
        CORE_SERVICES.map((service) => [service, objectiveCell(mine.filter((o) => o.service === service))]),
      ) as MatrixRow["cells"],
    }));
  });
}
