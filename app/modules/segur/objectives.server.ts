/**
 * A Ségur pilot's objectives (workflows/segur-objective.ts): per core service (INS, DMP, MSSanté,
 * PSC) the pilot adds use cases — what, with which counterpart, in which environment, for
 * MSSanté which box type, for which of its establishments (the board's row) — then records each
 * one's outcome: reached in the real environment, in a test environment, or not reached with its
 * reason (shared/sources/002). Only the pilot's running people act (`editPilot`: a reader is told
 * they may not, 403; anyone who does not see the pilot, that it does not exist, 404).
 *
 * The service's rule the machine leaves to it: objectives keep moving after the pilot's end (002:
 * "les actions et l'accompagnement des éditeurs se poursuivent"), not once it is abandoned.
 * Refusals come in French before the engine is asked (its own refusal is generic).
 */
import type { z } from "zod";
import type { SessionUser } from "~/modules/auth/session.server";
import { applyAudited } from "~/modules/groups/transitions.server";
import { actorOf, auditBy } from "~/modules/journal/audit.server";
import { contextOf, startWorkflow } from "~/modules/workflow/engine.server";
import { storedWorkflow } from "~/modules/workflow/queries.server";
import type { Tx } from "~/utils/db.server";
import { invalidFields, refusal, success, type Result } from "~/utils/result";
import { parisDate } from "~/utils/working-days";
import { hasProblems } from "../../../workflows/checks";
import {
  objectiveInputProblems,
  segurObjectiveFieldProblems,
  type BoxType,
  type CoreService,
  type Environment,
  type SegurObjectiveContext,
  type SegurObjectiveInput,
} from "../../../workflows/segur-objective";
import { editPilot } from "./commands.server";
import { legalEntitiesInPilot } from "./designated-people.server";
import { SEGUR_OBJECTIVE_WORKFLOW, segurObjectiveEventSchema } from "./workflow.server";

/** The objective's state once an outcome is recorded. */
type Recorded = Result<{ status: string }>;

/** An outcome as a person's form gives it, parsed with `segurObjectiveEventSchema`. */
export type SegurObjectiveCommand = z.infer<typeof segurObjectiveEventSchema>;

/** A new use case as a form gives it: the machine's input checks every code (`objectiveInputProblems`). */
export type NewObjective = {
  service: string;
  what: string;
  counterpart: string;
  environment: string;
  /** MSSanté only; empty or null otherwise. */
  boxType: string | null;
  /** The establishment (legal entity) it is for; may be left out when the pilot has only one. */
  legalEntityId: string | null;
};

export const OBJECTIVE_NOT_FOUND = "Cet objectif est introuvable.";
const EDITORS_ONLY =
  "Seules les personnes de l'établissement et de l'éditeur du pilote enregistrent ses objectifs et leurs résultats.";
export const ABANDONED_PILOT = "Ce pilote est abandonné : ses objectifs ne changent plus.";
export const NO_ESTABLISHMENT =
  "Ce pilote n'a pas encore d'établissement : ajoutez-lui un site avant de lui fixer des objectifs.";
/** The pilot machine's state for an abandoned pilot (its `clos` tag also covers a finished one, which still moves). */
const ABANDONED = "abandonne";
const WHAT_MAX = 300;
const COUNTERPART_MAX = 200;

/** Whether the pilot was abandoned: its objectives stay as they were. */
async function abandoned(tx: Tx, pilotId: string) {
  const pilot = await tx.segurPilot.findUnique({
    where: { id: pilotId },
    select: { workflow: { select: { status: true } } },
  });
  return pilot?.workflow?.status === ABANDONED;
}

/**
 * The establishment of the row: the one given, which must be the pilot's, or the pilot's only one
 * (`legalEntitiesInPilot`: those of its sites). A pilot without sites has no establishment yet.
 */
async function rowEntity(tx: Tx, pilotId: string, legalEntityId: string | null): Promise<Result<string>> {
  const entities = await legalEntitiesInPilot(tx, pilotId);
  if (entities.length === 0) return refusal("REFUSE", NO_ESTABLISHMENT);
  if (legalEntityId)
    return entities.includes(legalEntityId)
      ? success(legalEntityId)
      : invalidFields({ legalEntityId: "Choisissez un établissement du pilote." });
  if (entities.length > 1) return invalidFields({ legalEntityId: "Choisissez l'établissement concerné." });
  return success(entities[0]);
}

/** What is wrong with a new use case, per field, in French (the machine's checks, then the lengths). */
function newObjectiveProblems(input: NewObjective) {
  const problems = objectiveInputProblems({ ...input, boxType: input.boxType || null });
  if (!problems.what && input.what.trim().length > WHAT_MAX) problems.what = "300 caractères au plus.";
  if (!problems.counterpart && input.counterpart.trim().length > COUNTERPART_MAX)
    problems.counterpart = "200 caractères au plus.";
  return problems;
}

/** Adds a use case to the pilot: a `segur-objectif` workflow in progress and its row. */
export async function addObjective(
  user: SessionUser,
  pilotId: string,
  input: NewObjective,
): Promise<Result<{ id: string }>> {
  return editPilot(user, pilotId, EDITORS_ONLY, async (tx, now): Promise<Result<{ id: string }>> => {
    const problems = newObjectiveProblems(input);
    if (hasProblems(problems)) return invalidFields(problems);
    if (await abandoned(tx, pilotId)) return refusal("REFUSE", ABANDONED_PILOT);
    const entity = await rowEntity(tx, pilotId, input.legalEntityId);
    if (!entity.ok) return entity;
    const useCase: SegurObjectiveInput = {
      service: input.service as CoreService,
      what: input.what.trim(),
      counterpart: input.counterpart.trim(),
      environment: input.environment as Environment,
      boxType: input.service === "MSSANTE" ? (input.boxType as BoxType) : null,
    };
    const workflow = await startWorkflow(tx, {
      type: SEGUR_OBJECTIVE_WORKFLOW,
      input: useCase,
      actor: actorOf(user),
      now,
    });
    const created = await tx.segurObjective.create({
      data: { workflowId: workflow.id, pilotId, legalEntityId: entity.value, ...useCase },
    });
    await auditBy(
      tx,
      user,
      {
        action: "segur:objectif-ajoute",
        entityType: "ObjectifSegur",
        entityId: created.id,
        data: { pilote: pilotId, service: useCase.service },
      },
      now,
    );
    return success({ id: created.id });
  });
}

/**
 * Records an objective's outcome (or takes a not-reached one up again) with a person's command,
 * against the row version the page showed. Refusals: INTROUVABLE (not this pilot's objective, or
 * a pilot the person does not see), INTERDIT (reads but does not edit), INVALIDE with field
 * errors, REFUSE for an abandoned pilot or an outcome the objective's state does not take,
 * PERIME when someone acted in between.
 */
export async function recordObjectiveOutcome(
  user: SessionUser,
  pilotId: string,
  objectiveId: string,
  command: SegurObjectiveCommand,
  expectedRowVersion: number,
): Promise<Recorded> {
  return editPilot(user, pilotId, EDITORS_ONLY, async (tx, now): Promise<Recorded> => {
    const objective = await tx.segurObjective.findFirst({
      where: { id: objectiveId, pilotId },
      select: { service: true, workflow: { select: storedWorkflow } },
    });
    if (!objective) return refusal("INTROUVABLE", OBJECTIVE_NOT_FOUND);
    if (await abandoned(tx, pilotId)) return refusal("REFUSE", ABANDONED_PILOT);
    const context = contextOf<SegurObjectiveContext>(objective.workflow);
    const problems = segurObjectiveFieldProblems(context, command, parisDate(now));
    if (hasProblems(problems)) return invalidFields(problems);
    const audit = (status: string) => ({
      action: `segur:objectif:${command.type}`,
      entityType: "ObjectifSegur",
      entityId: objectiveId,
      organisationId: user.organisationId,
      data: { service: objective.service, statut: status },
    });
    return applyAudited(tx, user, {
      workflowId: objective.workflow.id,
      event: command,
      expectedRowVersion,
      now,
      audit,
    });
  });
}
