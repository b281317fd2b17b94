/**
 * What the engine needs to know about a workflow: the pure machine from `workflows/`, the
 * shape of its events, French labels for its states and events, and the effects — the
 * implementations of the machine's named actions, which write mails and jobs inside the
 * transaction that records the transition.
 */
import type { AnyStateMachine, EventObject } from "xstate";
import type { z } from "zod";
import type { Tx } from "~/utils/db.server";
import type { Actor } from "~/modules/journal/audit.server";
import type { StateCheck } from "../../../workflows/checks";

export type EffectContext = {
  tx: Tx;
  workflowId: string;
  organisationId: string | null;
  /** Context of the machine after the transition. */
  context: Record<string, unknown>;
  status: string;
  event: EventObject & Record<string, unknown>;
  params: Record<string, unknown> | undefined;
  actor: Actor;
  now: Date;
};

export type Effect = (ctx: EffectContext) => Promise<void>;

/** A snapshot as stored in WorkflowInstance.snapshot (XState's persisted shape). */
export type PersistedSnapshot = { value: unknown; context: Record<string, unknown> } & Record<string, unknown>;

/** Projected fields: ISO dates and instants, enums; compared as text in SQL. */
export type ProjectedFields = Record<string, string | null>;

export type WorkflowDefinition = {
  type: string;
  /** Bump when the machine changes in a way that stored snapshots must be migrated. */
  version: number;
  machine: AnyStateMachine;
  /** Validates the events that people and jobs send (without `now`, which the engine adds). */
  eventSchema: z.ZodType<EventObject>;
  stateLabels: Record<string, string>;
  eventLabels: Record<string, string>;
  effects: Record<string, Effect>;
  /**
   * Optional: an action of `effects` done for many transitions at once (the engine's
   * applyEventToManyInTransaction), with the same outcome as running the single effect for
   * each in turn — fewer statements, same mails and jobs.
   */
  effectsForMany?: Record<string, (runs: EffectContext[]) => Promise<void>>;
  /**
   * The context fields that queries need (dates included): the engine writes them into
   * WorkflowField on start and on every transition, in the transition's transaction.
   */
  project?: (context: Record<string, unknown>) => ProjectedFields;
  /**
   * Copies of projected fields that the domain row keeps for its many readers (e.g.
   * ActionItem.dueOn): written by the engine right after the projection, never by an effect.
   */
  copyToRecord?: (tx: Tx, workflowId: string, fields: ProjectedFields) => Promise<void>;
  /** `migrations[n]` turns a stored version-n snapshot into version n + 1; pure. */
  migrations?: Record<number, (snapshot: PersistedSnapshot) => PersistedSnapshot>;
  /**
   * Per guard name, the precondition with its French reason, from the machine's file: the
   * engine answers "which events now, and why not" with them. A guard without one is taken as
   * passing until the person submits (it only checks what they type).
   */
  checks?: Record<string, StateCheck<never>>;
};

/**
 * Filled by app/composition.server.ts, the one place that lists the application's workflows.
 * A plain module-level map: each bundle that holds a copy of this module (the Remix build, the
 * server and worker entries) runs its own copy of the composition root, which fills it.
 */
const registry = new Map<string, WorkflowDefinition>();

/** Types a definition where a domain module declares it; registering is the composition root's job. */
export function defineWorkflow(definition: WorkflowDefinition): WorkflowDefinition {
  return definition;
}

/** Adds a definition, or replaces the one of the same type (the composition root may run again). */
export function registerWorkflow(definition: WorkflowDefinition) {
  registry.set(definition.type, definition);
  return definition;
}

export function getWorkflowDefinition(type: string): WorkflowDefinition {
  const definition = registry.get(type);
  if (!definition)
    throw new Error(`Unknown workflow type: ${type} (registered by app/composition.server.ts: was it loaded?)`);
  return definition;
}

export function registeredWorkflowTypes(): string[] {
  return [...registry.keys()].sort();
}

/** "enCours.attenteReponse" for nested states; parallel regions joined with "|". */
export function statusOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (value && typeof value === "object") {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, child]) => {
        const inner = statusOf(child);
        return inner ? `${key}.${inner}` : key;
      })
      .join("|");
  }
  return "";
}

export function stateLabel(definition: WorkflowDefinition, status: string) {
  return definition.stateLabels[status] ?? definition.stateLabels[status.split(".")[0]] ?? status;
}
