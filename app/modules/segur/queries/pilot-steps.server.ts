/**
 * A pilot's prerequisite steps on the read connection (decision 021), from the tables and the
 * engine's projection (decision 017), never a snapshot: each step's subject (legal entity, site,
 * person), its state and projected facts (channel, dates, who asked, the blockage in progress),
 * and what it waits for — the graph's own answer (`obtainedFor`, `missingPredecessors`,
 * `predecessorRefusal` of workflows/segur-prerequisites.ts) on the legal entity's obtained
 * steps, as the service's gate computes it (steps.server.ts `missingPredecessorsOf`).
 */
import { sql } from "kysely";
import { carriesTag, projectedFields, projectedOf } from "~/modules/workflow/queries.server";
import { compiledOnce } from "~/utils/read-db.server";
import {
  SEGUR_STEPS,
  STEP_CODES,
  missingPredecessors,
  obtainedFor,
  predecessorRefusal,
  type RecordedStep,
  type StepCode,
  type StepScope,
} from "../../../../workflows/segur-prerequisites";

/** One step of a pilot as its pages show it. */
export type PilotStep = {
  id: string;
  workflowId: string;
  pilotId: string;
  stepCode: StepCode;
  scope: StepScope;
  legalEntityId: string;
  legalEntityName: string;
  siteId: string | null;
  siteName: string | null;
  personId: string | null;
  personName: string | null;
  /** The step machine's state (aFaire, demande, bloque, obtenu, sansObjet). */
  status: string;
  rowVersion: number;
  machineVersion: number;
  /** The projected facts (workflow.server.ts `stepFacts`): channel, askedOn, actedBy, obtainedOn, blockedOn, blockerType, blockReason. */
  fields: Record<string, string | null>;
  /** Not yet asked: the hard predecessors not obtained for its subject (empty: it can start now). */
  waitingFor: StepCode[];
  /** The graph's French sentence naming them; null when nothing is missing. */
  refusal: string | null;
};

/** The steps of these pilots (or the one of this id) with their subjects and projected facts, in no particular order. */
async function stepRows(pilotIds: readonly string[], stepId?: string) {
  if (pilotIds.length === 0) return [];
  return stepsOfPilots({ pilotIds: JSON.stringify(pilotIds), stepId: stepId ?? null });
}

// The ids as one JSON array value: each statement keeps one shape, built and compiled once.
const stepsOfPilots = compiledOnce((db, args: { pilotIds: string; stepId: string | null }) =>
  db
    .selectFrom("SegurStep as s")
    .innerJoin("WorkflowInstance as w", "w.id", "s.workflowId")
    .innerJoin("LegalEntity as e", "e.id", "s.legalEntityId")
    .leftJoin("Site as site", "site.id", "s.siteId")
    .leftJoin("DesignatedPerson as p", "p.id", "s.designatedPersonId")
    .where("s.pilotId", "in", sql<string>`(SELECT value FROM json_each(${args.pilotIds}))`)
    .where(sql<boolean>`(${args.stepId} IS NULL OR s.id = ${args.stepId})`)
    .select([
      "s.id",
      "s.workflowId",
      "s.pilotId",
      "s.stepCode",
      "e.id as legalEntityId",
      "e.name as legalEntityName",
      "s.siteId",
      "site.name as siteName",
      "s.designatedPersonId as personId",
      sql<string | null>`p.firstName || ' ' || p.lastName`.as("personName"),
      "w.status",
      "w.rowVersion",
      "w.machineVersion",
      projectedFields("s.workflowId").as("fields"),
    ]),
);

/** The obtained steps of these legal entities, in every pilot: what the gate counts (steps.server.ts). */
async function obtainedSteps(legalEntityIds: readonly string[]): Promise<RecordedStep[]> {
  if (legalEntityIds.length === 0) return [];
  const rows = await obtainedOf({ legalEntityIds: JSON.stringify(legalEntityIds) });
  return rows.map((row) => ({
    stepCode: row.stepCode as StepCode,
    legalEntityId: row.legalEntityId!,
    siteId: row.siteId,
    personId: row.designatedPersonId,
    obtained: true,
  }));
}

const obtainedOf = compiledOnce((db, args: { legalEntityIds: string }) =>
  db
    .selectFrom("SegurStep as s")
    .where("s.legalEntityId", "in", sql<string>`(SELECT value FROM json_each(${args.legalEntityIds}))`)
    .where(carriesTag("s.workflowId", "obtenue"))
    .select(["s.stepCode", "s.legalEntityId", "s.siteId", "s.designatedPersonId"]),
);

// One collator for every comparison: localeCompare(…, "fr") would build one per call.
const inFrench = new Intl.Collator("fr").compare;

/** Orders steps by subject (legal entity, then site, then person) and by the graph's order. */
const graphOrder = (a: PilotStep, b: PilotStep) =>
  inFrench(a.legalEntityName, b.legalEntityName) ||
  inFrench(a.siteName ?? "", b.siteName ?? "") ||
  inFrench(a.personName ?? "", b.personName ?? "") ||
  STEP_CODES.indexOf(a.stepCode) - STEP_CODES.indexOf(b.stepCode);

/**
 * The steps of these pilots (or one of them, by id), each with what it waits for: only a step
 * still to do waits; one asked, blocked, obtained or waived waits for nothing.
 */
export async function pilotSteps(pilotIds: readonly string[], stepId?: string): Promise<PilotStep[]> {
  const rows = await stepRows(pilotIds, stepId);
  const recorded = await obtainedSteps([...new Set(rows.map((row) => row.legalEntityId))]);
  return rows
    .map((row): PilotStep => {
      const stepCode = row.stepCode as StepCode;
      const subject = { legalEntityId: row.legalEntityId, siteId: row.siteId, personId: row.personId };
      const waitingFor =
        row.status === "aFaire" ? missingPredecessors(stepCode, obtainedFor(stepCode, subject, recorded)) : [];
      return {
        ...row,
        ...subject,
        stepCode,
        scope: SEGUR_STEPS[stepCode].scope,
        fields: projectedOf(row.fields),
        waitingFor,
        refusal: predecessorRefusal(waitingFor),
      };
    })
    .sort(graphOrder);
}

/** The steps that can start now: to do, with every hard predecessor obtained. */
export const startable = (steps: readonly PilotStep[]) =>
  steps.filter((s) => s.status === "aFaire" && s.waitingFor.length === 0);

/** The steps blocked now, oldest blockage first. */
export const blocked = (steps: readonly PilotStep[]) =>
  steps
    .filter((s) => s.status === "bloque")
    .sort((a, b) => (a.fields.blockedOn ?? "").localeCompare(b.fields.blockedOn ?? ""));

/** The subject a step is about, in French: its site, its person, or its legal entity. */
export const subjectOf = (step: Pick<PilotStep, "legalEntityName" | "siteName" | "personName">) =>
  step.siteName ?? step.personName ?? step.legalEntityName;
