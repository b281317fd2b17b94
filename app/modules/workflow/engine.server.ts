/**
 * Applies events to persisted workflows, as Stately's pure-transition guide describes:
 * restore the snapshot, refuse what the machine cannot take, compute the next snapshot with
 * `transition`, then save snapshot + status + version + event-log entry + the effects' mails
 * and jobs in ONE transaction. A stale `expectedVersion` is refused, never overwritten.
 * See docs/decisions/003-workflow-engine.md.
 */
import { initialTransition, transition, type AnyStateMachine, type EventObject } from "xstate";
import { prisma, writeTransaction, type Db, type Tx } from "~/utils/db.server";
import { now as clockNow } from "~/utils/clock.server";
import type { Actor } from "~/modules/journal/audit.server";
import { chainHash, GENESIS_HASH, pagesBySeq, verifyChain } from "~/modules/journal/chain.server";
import { getWorkflowDefinition, stateLabel, statusOf, type WorkflowDefinition } from "./definition.server";
import { notifyAfterCommit } from "./after-commit.server";

export type ApplyResult =
  | { ok: true; workflowId: string; status: string; version: number; context: Record<string, unknown> }
  | { ok: false; code: "INTROUVABLE" | "INVALIDE" | "REFUSE" | "PERIME"; message: string };

type Executable = { type: string; params?: unknown };

const SCHEDULER_LABEL = "Planificateur";

function persist(machine: AnyStateMachine, snapshot: unknown) {
  return JSON.stringify(machine.getPersistedSnapshot(snapshot as never));
}

function eventFields(entry: {
  workflowId: string;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  eventType: string;
  fromStatus: string;
  toStatus: string;
  payload: string;
}) {
  return { ...entry };
}

async function appendEvent(
  tx: Tx,
  entry: {
    workflowId: string;
    at: Date;
    actor: Actor;
    eventType: string;
    fromStatus: string;
    toStatus: string;
    payload: unknown;
  },
) {
  const last = await tx.workflowEvent.findFirst({ orderBy: { seq: "desc" }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS_HASH;
  const fields = {
    workflowId: entry.workflowId,
    at: entry.at,
    actorId: entry.actor?.id ?? null,
    actorLabel: entry.actor?.label ?? SCHEDULER_LABEL,
    eventType: entry.eventType,
    fromStatus: entry.fromStatus,
    toStatus: entry.toStatus,
    payload: JSON.stringify(entry.payload ?? {}),
  };
  await tx.workflowEvent.create({ data: { ...fields, prevHash, hash: chainHash(prevHash, eventFields(fields)) } });
}

async function runEffects(
  tx: Tx,
  definition: WorkflowDefinition,
  actions: Executable[],
  base: {
    workflowId: string;
    organisationId: string | null;
    context: Record<string, unknown>;
    status: string;
    event: EventObject & Record<string, unknown>;
    actor: Actor;
    now: Date;
  },
) {
  for (const action of actions) {
    if (action.type.startsWith("xstate.")) continue;
    const effect = definition.effects[action.type];
    if (!effect) throw new Error(`Workflow ${definition.type}: no effect implements action "${action.type}"`);
    await effect({ tx, ...base, params: action.params as Record<string, unknown> | undefined });
  }
}

/** Creates a workflow in its initial state, inside the caller's transaction. */
export async function startWorkflow(
  tx: Tx,
  {
    type,
    input,
    organisationId = null,
    actor,
    now = clockNow(),
    id,
  }: { type: string; input?: unknown; organisationId?: string | null; actor: Actor; now?: Date; id?: string },
) {
  const definition = getWorkflowDefinition(type);
  const [snapshot, actions] = initialTransition(definition.machine, input as never);
  const status = statusOf(snapshot.value);
  const instance = await tx.workflowInstance.create({
    data: {
      id,
      type,
      machineVersion: definition.version,
      status,
      snapshot: persist(definition.machine, snapshot),
      organisationId,
    },
  });
  const event = { type: "xstate.init", now: now.toISOString() };
  await appendEvent(tx, {
    workflowId: instance.id,
    at: now,
    actor,
    eventType: "CREATION",
    fromStatus: "",
    toStatus: status,
    payload: input ?? {},
  });
  await runEffects(tx, definition, actions as Executable[], {
    workflowId: instance.id,
    organisationId,
    context: snapshot.context as Record<string, unknown>,
    status,
    event,
    actor,
    now,
  });
  // The caller commits; it calls notifyAfterCommit() afterwards if it wants the worker woken at once.
  return instance;
}

/**
 * Applies one event inside the caller's write transaction (the scheduler's jobs use this).
 * Throws nothing for refusals: the result says what happened.
 */
export async function applyEventInTransaction(
  tx: Tx,
  {
    workflowId,
    event,
    actor,
    expectedVersion,
    now = clockNow(),
  }: { workflowId: string; event: unknown; actor: Actor; expectedVersion?: number; now?: Date },
): Promise<ApplyResult> {
  const instance = await tx.workflowInstance.findUnique({ where: { id: workflowId } });
  if (!instance) return { ok: false, code: "INTROUVABLE", message: "Ce dossier est introuvable." };
  const definition = getWorkflowDefinition(instance.type);
  if (instance.machineVersion !== definition.version) {
    throw new Error(
      `Workflow ${workflowId} stored with machine version ${instance.machineVersion}, code is at ${definition.version}: migrate it first`,
    );
  }
  if (expectedVersion !== undefined && expectedVersion !== instance.version) {
    return {
      ok: false,
      code: "PERIME",
      message:
        "Ce dossier a été modifié par quelqu'un d'autre pendant que vous le consultiez. Rechargez la page pour voir son état actuel, puis recommencez.",
    };
  }
  const parsed = definition.eventSchema.safeParse(event);
  if (!parsed.success) {
    return {
      ok: false,
      code: "INVALIDE",
      message: "Cette action n'est pas reconnue ou ses informations sont incomplètes.",
    };
  }
  const timed = { ...(parsed.data as EventObject & Record<string, unknown>), now: now.toISOString() };
  const restored = definition.machine.resolveState(JSON.parse(instance.snapshot));
  if (!restored.can(timed)) {
    const label = definition.eventLabels[timed.type] ?? timed.type;
    return {
      ok: false,
      code: "REFUSE",
      message: `L'action « ${label} » n'est pas possible dans l'état actuel du dossier (${stateLabel(definition, instance.status)}).`,
    };
  }
  const [next, actions] = transition(definition.machine, restored, timed);
  const status = statusOf(next.value);
  const updated = await tx.workflowInstance.updateMany({
    where: { id: workflowId, version: instance.version },
    data: { snapshot: persist(definition.machine, next), status, version: { increment: 1 } },
  });
  if (updated.count !== 1) {
    return {
      ok: false,
      code: "PERIME",
      message: "Ce dossier vient d'être modifié par quelqu'un d'autre. Rechargez la page et recommencez.",
    };
  }
  const { type, now: _now, ...payload } = timed;
  await appendEvent(tx, {
    workflowId,
    at: now,
    actor,
    eventType: type,
    fromStatus: instance.status,
    toStatus: status,
    payload,
  });
  await runEffects(tx, definition, actions as Executable[], {
    workflowId,
    organisationId: instance.organisationId,
    context: next.context as Record<string, unknown>,
    status,
    event: timed,
    actor,
    now,
  });
  return {
    ok: true,
    workflowId,
    status,
    version: instance.version + 1,
    context: next.context as Record<string, unknown>,
  };
}

/** Applies one event in its own write transaction, then wakes the mail sender. */
export async function applyEvent(args: {
  workflowId: string;
  event: unknown;
  actor: Actor;
  expectedVersion?: number;
  now?: Date;
}) {
  const result = await writeTransaction((tx) => applyEventInTransaction(tx, args));
  if (result.ok) notifyAfterCommit();
  return result;
}

export type TimelineEntry = {
  seq: number;
  at: string;
  actorLabel: string;
  eventLabel: string;
  fromLabel: string;
  toLabel: string;
  payload: Record<string, unknown>;
};

export async function getTimeline(workflowId: string): Promise<TimelineEntry[]> {
  const instance = await prisma.workflowInstance.findUnique({ where: { id: workflowId }, select: { type: true } });
  if (!instance) return [];
  const definition = getWorkflowDefinition(instance.type);
  const events = await prisma.workflowEvent.findMany({ where: { workflowId }, orderBy: { seq: "asc" } });
  return events.map((event) => ({
    seq: event.seq,
    at: event.at.toISOString(),
    actorLabel: event.actorLabel,
    eventLabel:
      event.eventType === "CREATION" ? "Création" : (definition.eventLabels[event.eventType] ?? event.eventType),
    fromLabel: event.fromStatus ? stateLabel(definition, event.fromStatus) : "",
    toLabel: stateLabel(definition, event.toStatus),
    payload: JSON.parse(event.payload) as Record<string, unknown>,
  }));
}

export function verifyEventChain(db: Db) {
  return verifyChain(
    pagesBySeq((afterSeq, take) =>
      db.workflowEvent.findMany({ where: { seq: { gt: afterSeq } }, orderBy: { seq: "asc" }, take }),
    ),
    (entry) =>
      eventFields({
        workflowId: entry.workflowId,
        at: entry.at,
        actorId: entry.actorId,
        actorLabel: entry.actorLabel,
        eventType: entry.eventType,
        fromStatus: entry.fromStatus,
        toStatus: entry.toStatus,
        payload: entry.payload,
      }),
  );
}
