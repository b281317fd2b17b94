/**
 * A pilot's objectives page (`/segur/pilotes/<code>/objectifs`), on the read connection
 * (decision 021): its use cases per core service with their outcomes and the events each one
 * takes now (from the projection, decision 017), its establishments for the form, and its rows
 * of the matrix. Whoever may not read the pilot is told it does not exist (404, the policy's
 * rule through pilot-page.server.ts `pilotByCode`).
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { availableEvents } from "~/modules/workflow/engine.server";
import { projectedFields, projectedOf } from "~/modules/workflow/queries.server";
import { compiledOnce } from "~/utils/read-db.server";
import { success, type Result } from "~/utils/result";
import {
  SEGUR_OBJECTIVE_EVENT_LABELS,
  type BoxType,
  type CoreService,
  type Environment,
  type Outcome,
} from "../../../../workflows/segur-objective";
import { SEGUR_OBJECTIVE_WORKFLOW } from "../workflow.server";
import { matrixOf, type MatrixRow } from "./board-matrix.server";
import { pilotByCode } from "./pilot-page.server";
import { pilotLegalEntities } from "./pilot-records.server";

/** Every event of an objective, in the machine's order: the page offers those the state takes. */
const OBJECTIVE_EVENTS = Object.keys(SEGUR_OBJECTIVE_EVENT_LABELS);

export type ObjectiveItem = {
  id: string;
  service: CoreService;
  what: string;
  counterpart: string;
  environment: Environment;
  boxType: BoxType | null;
  legalEntityId: string | null;
  establishment: string | null;
  status: string;
  rowVersion: number;
  outcome: Outcome | null;
  reachedInTestOn: string | null;
  reachedInRealOn: string | null;
  note: string | null;
  notReachedReason: string | null;
  /** The events its state takes now (none once reached for real). */
  events: string[];
};

export type ObjectivesPage = {
  pilot: { id: string; code: string; name: string };
  edit: boolean;
  establishments: { id: string; name: string }[];
  objectives: ObjectiveItem[];
  matrix: MatrixRow[];
};

/** A pilot's use cases, oldest first, with their state and projected facts. */
const objectiveRows = compiledOnce((db, args: { pilotId: string }) =>
  db
    .selectFrom("SegurObjective as o")
    .innerJoin("WorkflowInstance as w", "w.id", "o.workflowId")
    .leftJoin("LegalEntity as le", "le.id", "o.legalEntityId")
    .select(["o.id", "o.legalEntityId", "o.service", "o.what", "o.counterpart", "o.environment"])
    .select(["o.boxType", "le.name as establishment", "w.status", "w.rowVersion", "w.machineVersion"])
    .select(projectedFields("o.workflowId").as("fields"))
    .where("o.pilotId", "=", args.pilotId)
    .orderBy("o.createdAt")
    .orderBy("o.id"),
);

export async function objectivesPage(user: SessionUser, code: string, now: Date): Promise<Result<ObjectivesPage>> {
  const found = await pilotByCode(user, code);
  if (!found.ok) return found;
  const { access, ...pilot } = found.value;
  const [establishments, rows] = await Promise.all([
    pilotLegalEntities([pilot.id]),
    objectiveRows({ pilotId: pilot.id }),
  ]);
  const objectives = rows.map(({ fields: json, machineVersion, ...row }): ObjectiveItem => {
    const fields = projectedOf(json);
    const projected = { type: SEGUR_OBJECTIVE_WORKFLOW, machineVersion, status: row.status, fields };
    return {
      ...row,
      service: row.service as CoreService,
      environment: row.environment as Environment,
      boxType: row.boxType as BoxType | null,
      outcome: fields.outcome as Outcome | null,
      reachedInTestOn: fields.reachedInTestOn ?? null,
      reachedInRealOn: fields.reachedInRealOn ?? null,
      note: fields.note ?? null,
      notReachedReason: fields.notReachedReason ?? null,
      events: access.edit
        ? availableEvents(projected, OBJECTIVE_EVENTS, now)
            .filter((e) => e.possible)
            .map((e) => e.type)
        : [],
    };
  });
  // The page's rows of the board's matrix, from the same use cases.
  const matrix = matrixOf(
    [pilot.id],
    establishments,
    objectives.map((o) => ({ ...o, pilotId: pilot.id })),
  );
  return success({
    pilot,
    edit: access.edit,
    establishments: establishments.map((e) => ({ id: e.id, name: e.name })),
    objectives,
    matrix,
  });
}
