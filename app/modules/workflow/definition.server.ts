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
