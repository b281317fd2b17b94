/**
 * Applies events to persisted workflows, as Stately's pure-transition guide describes:
 * restore the snapshot, refuse what the machine cannot take, compute the next snapshot with
 * `transition`, then save snapshot + status + version + event-log entry + the effects' mails
 * and jobs in ONE transaction. A stale `expectedRowVersion` is refused, never overwritten.
 * See docs/decisions/003-workflow-engine.md.
 */
import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine, type EventObject } from "xstate";
import { prisma, writeTransaction, type Db, type Tx } from "~/utils/db.server";
import { now as clockNow } from "~/utils/clock.server";
import { isoInstant, readDb } from "~/utils/read-db.server";
import type { Actor } from "~/modules/journal/audit.server";
import { chainHash, GENESIS_HASH, pagesBySeq, verifyChain } from "~/modules/journal/chain.server";
import {
  getWorkflowDefinition,
  type EffectContext,
  stateLabel,
  statusOf,
  type PersistedSnapshot,
  type ProjectedFields,
  type WorkflowDefinition,
} from "./definition.server";
import { notifyAfterCommit } from "./after-commit.server";

export type ApplyResult =
  | { ok: true; workflowId: string; status: string; rowVersion: number; context: Record<string, unknown> }
  | { ok: false; code: "INTROUVABLE" | "INVALIDE" | "REFUSE" | "PERIME" | "VERSION_MACHINE"; message: string };

/** What the engine needs of a stored instance to read it. */
export type StoredWorkflow = { id?: string; type: string; machineVersion: number; snapshot: string };

const NO_MIGRATION =
  "Ce dossier a été enregistré par une version antérieure de Passerelles que la version actuelle ne sait pas reprendre. Aucune action n'est possible pour l'instant ; l'incident est consigné pour l'équipe technique.";

type Executable = { type: string; params?: unknown };

const SCHEDULER_LABEL = "Planificateur";

function persist(machine: AnyStateMachine, snapshot: unknown) {
  return JSON.stringify(machine.getPersistedSnapshot(snapshot as never));
}

/**
 * The stored snapshot brought to the code's machine version by the definition's migrations
 * (n → n + 1, in order), or null when one is missing. The only place a snapshot is parsed.
 */
function migrated(definition: WorkflowDefinition, stored: StoredWorkflow): PersistedSnapshot | null {
  let snapshot = JSON.parse(stored.snapshot) as PersistedSnapshot;
  if (stored.machineVersion > definition.version) return null;
  for (let version = stored.machineVersion; version < definition.version; version++) {
    const migrate = definition.migrations?.[version];
    if (!migrate) return null;
    snapshot = migrate(snapshot);
  }
  return snapshot;
}

function warnNoMigration(definition: WorkflowDefinition, stored: StoredWorkflow) {
  console.warn(
    `[workflow] ${definition.type} ${stored.id ?? ""} stored at machine version ${stored.machineVersion}, code is at ${definition.version}, no migration: refused`,
  );
}

/** The machine's snapshot of a stored workflow, migrated; null (logged) when it cannot be. */
function restore(definition: WorkflowDefinition, stored: StoredWorkflow): AnyMachineSnapshot | null {
  const snapshot = migrated(definition, stored);
  if (!snapshot) {
    warnNoMigration(definition, stored);
    return null;
  }
  return definition.machine.resolveState(snapshot as never);
}

/**
 * The context of a stored workflow, migrated to the code's machine version. Read models use it
 * for what they display; queries filter on tags and projected fields instead. Throws when no
 * migration exists: a page cannot show a record whose shape it does not know.
 */
export function contextOf<C = Record<string, unknown>>(stored: StoredWorkflow): C {
  const definition = getWorkflowDefinition(stored.type);
  const snapshot = migrated(definition, stored);
  if (!snapshot) {
    warnNoMigration(definition, stored);
    throw new Error(
      `Workflow ${stored.type} ${stored.id ?? ""}: no migration from machine version ${stored.machineVersion}`,
    );
  }
  return snapshot.context as C;
}

/** The state tags of a snapshot, sorted (machines declare them on their states). */
function tagsOf(snapshot: AnyMachineSnapshot): string[] {
  return [...snapshot.tags].sort();
}

/** What the engine projects of a snapshot: its tags and the definition's fields. */
export function projectionOf(definition: WorkflowDefinition, snapshot: AnyMachineSnapshot) {
  return {
    tags: tagsOf(snapshot),
    fields: definition.project?.(snapshot.context as Record<string, unknown>) ?? ({} as ProjectedFields),
  };
}

/** Rewrites the projection of one workflow, inside the transaction that changed its snapshot. */
async function writeProjection(
  tx: Tx,
  definition: WorkflowDefinition,
  workflowId: string,
  snapshot: AnyMachineSnapshot,
) {
  const { tags, fields } = projectionOf(definition, snapshot);
  await tx.workflowTag.deleteMany({ where: { workflowId } });
  if (tags.length > 0) await tx.workflowTag.createMany({ data: tags.map((tag) => ({ workflowId, tag })) });
  await tx.workflowField.deleteMany({ where: { workflowId } });
  const entries = Object.entries(fields);
  if (entries.length > 0)
    await tx.workflowField.createMany({ data: entries.map(([name, value]) => ({ workflowId, name, value })) });
  await definition.copyToRecord?.(tx, workflowId, fields);
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

type LogEntry = {
  workflowId: string;
  at: Date;
  actor: Actor;
  eventType: string;
  fromStatus: string;
  toStatus: string;
  payload: unknown;
};

/** The log entry of an event taken; its payload is the event without its type and its clock. */
function logEntry(
  workflowId: string,
  at: Date,
  actor: Actor,
  fromStatus: string,
  toStatus: string,
  { type, now: _now, ...payload }: EventObject & Record<string, unknown>,
): LogEntry {
  return { workflowId, at, actor, eventType: type, fromStatus, toStatus, payload };
}

function appendEvent(tx: Tx, entry: LogEntry) {
  return appendEvents(tx, [entry]);
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
  await writeProjection(tx, definition, instance.id, snapshot);
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

type StoredInstance = StoredWorkflow & {
  id: string;
  status: string;
  rowVersion: number;
  organisationId: string | null;
};

type Decision =
  | {
      ok: true;
      definition: WorkflowDefinition;
      next: AnyMachineSnapshot;
      status: string;
      actions: Executable[];
      timed: EventObject & Record<string, unknown>;
    }
  | Extract<ApplyResult, { ok: false }>;

/** Whether the stored instance takes the event now, and if so its next snapshot: no write. */
function decide(instance: StoredInstance, event: unknown, now: Date, expectedRowVersion?: number): Decision {
  const definition = getWorkflowDefinition(instance.type);
  const restored = restore(definition, instance);
  if (!restored) return { ok: false, code: "VERSION_MACHINE", message: NO_MIGRATION };
  if (expectedRowVersion !== undefined && expectedRowVersion !== instance.rowVersion) {
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
  if (!restored.can(timed)) {
    const label = definition.eventLabels[timed.type] ?? timed.type;
    return {
      ok: false,
      code: "REFUSE",
      message: `L'action « ${label} » n'est pas possible dans l'état actuel du dossier (${stateLabel(definition, instance.status)}).`,
    };
  }
  const [next, actions] = transition(definition.machine, restored, timed);
  return { ok: true, definition, next, status: statusOf(next.value), actions: actions as Executable[], timed };
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
    expectedRowVersion,
    now = clockNow(),
  }: { workflowId: string; event: unknown; actor: Actor; expectedRowVersion?: number; now?: Date },
): Promise<ApplyResult> {
  const instance = await tx.workflowInstance.findUnique({ where: { id: workflowId } });
  if (!instance) return { ok: false, code: "INTROUVABLE", message: "Ce dossier est introuvable." };
  const decided = decide(instance, event, now, expectedRowVersion);
  if (!decided.ok) return decided;
  const { definition, next, status, actions, timed } = decided;
  const updated = await tx.workflowInstance.updateMany({
    where: { id: workflowId, rowVersion: instance.rowVersion },
    // A migrated snapshot is stored at the code's machine version from this write on.
    data: {
      snapshot: persist(definition.machine, next),
      status,
      machineVersion: definition.version,
      rowVersion: { increment: 1 },
    },
  });
  if (updated.count !== 1) {
    return {
      ok: false,
      code: "PERIME",
      message: "Ce dossier vient d'être modifié par quelqu'un d'autre. Rechargez la page et recommencez.",
    };
  }
  await writeProjection(tx, definition, workflowId, next);
  await appendEvent(tx, logEntry(workflowId, now, actor, instance.status, status, timed));
  await runEffects(tx, definition, actions, {
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
    rowVersion: instance.rowVersion + 1,
    context: next.context as Record<string, unknown>,
  };
}

/** Rewrites the projections of many workflows at once, as writeProjection does for one. */
async function writeProjections(
  tx: Tx,
  definition: WorkflowDefinition,
  changed: { workflowId: string; snapshot: AnyMachineSnapshot }[],
) {
  const projected = changed.map(({ workflowId, snapshot }) => ({ workflowId, ...projectionOf(definition, snapshot) }));
  for (const part of chunks(projected, MANY_CHUNK)) {
    const workflowIds = part.map((p) => p.workflowId);
    await tx.workflowTag.deleteMany({ where: { workflowId: { in: workflowIds } } });
    const tags = part.flatMap((p) => p.tags.map((tag) => ({ workflowId: p.workflowId, tag })));
    if (tags.length > 0) await tx.workflowTag.createMany({ data: tags });
    await tx.workflowField.deleteMany({ where: { workflowId: { in: workflowIds } } });
    const fields = part.flatMap((p) =>
      Object.entries(p.fields).map(([name, value]) => ({ workflowId: p.workflowId, name, value })),
    );
    if (fields.length > 0) await tx.workflowField.createMany({ data: fields });
  }
  if (definition.copyToRecord) for (const p of projected) await definition.copyToRecord(tx, p.workflowId, p.fields);
}

/** Appends entries to the event log in their order, each chained to the one before, in one insert per chunk. */
async function appendEvents(tx: Tx, entries: LogEntry[]) {
  const last = await tx.workflowEvent.findFirst({ orderBy: { seq: "desc" }, select: { hash: true } });
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows = entries.map((entry) => {
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
    const hash = chainHash(prevHash, eventFields(fields));
    const row = { ...fields, prevHash, hash };
    prevHash = hash;
    return row;
  });
  // One multi-row INSERT keeps the rows' order, so the seq it assigns follows the chain.
  for (const part of chunks(rows, MANY_CHUNK)) await tx.workflowEvent.createMany({ data: part });
}

const MANY_CHUNK = 500;
/** Snapshots are a few kilobytes each: fewer per statement. */
const SNAPSHOT_CHUNK = 100;

/**
 * Stores the next snapshots of many workflows, each at the row version it was read at, in one
 * UPDATE per chunk (what the one-by-one update does for each, without a Prisma call per row).
 */
async function writeSnapshots(
  tx: Tx,
  taken: { instance: StoredInstance; definition: WorkflowDefinition; next: AnyMachineSnapshot; status: string }[],
) {
  // As Prisma's @updatedAt would: the time of the write.
  const updatedAt = clockNow();
  for (const part of chunks(taken, SNAPSHOT_CHUNK)) {
    const values = part.map(() => "(?, ?, ?, ?, ?)").join(", ");
    const changed = await tx.$executeRawUnsafe(
      `UPDATE WorkflowInstance SET snapshot = v.column3, status = v.column4, machineVersion = v.column5,
         rowVersion = WorkflowInstance.rowVersion + 1, updatedAt = ?
       FROM (VALUES ${values}) AS v
       WHERE WorkflowInstance.id = v.column1 AND WorkflowInstance.rowVersion = v.column2`,
      updatedAt,
      ...part.flatMap(({ instance, definition, next, status }) => [
        instance.id,
        instance.rowVersion,
        persist(definition.machine, next),
        status,
        definition.version,
      ]),
    );
    // Read in this very transaction, which holds the write lock: nobody can have changed them.
    if (changed !== part.length) throw new Error("applyEventToMany: a workflow changed under the transaction");
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += size) parts.push(items.slice(i, i + size));
  return parts;
}

/**
 * Applies one event to many workflows of one type inside the caller's write transaction (the
 * monthly dispatch sends ENVOYER to 200 requests): what applyEventInTransaction does for each,
 * with the reads and writes grouped — the instances read at once, the snapshots updated, the
 * projections and the chained event-log entries written per chunk, in the order of
 * `workflowIds`. Effects run after every write, action by action; an action the definition
 * implements in `effectsForMany` runs once for all the workflows that take it, the others once
 * per workflow. A workflow that cannot take the event is left alone and answered with its
 * refusal, like the one-by-one call. Results come in the order of `workflowIds`.
 */
export async function applyEventToManyInTransaction(
  tx: Tx,
  {
    workflowIds,
    event,
    actor,
    now = clockNow(),
  }: { workflowIds: readonly string[]; event: unknown; actor: Actor; now?: Date },
): Promise<ApplyResult[]> {
  const instances = new Map<string, StoredInstance>();
  for (const part of chunks([...workflowIds], MANY_CHUNK)) {
    const found = await tx.workflowInstance.findMany({ where: { id: { in: part } } });
    for (const instance of found) instances.set(instance.id, instance);
  }
  type Taken = Extract<Decision, { ok: true }> & { instance: StoredInstance };
  const taken: Taken[] = [];
  const results = workflowIds.map((workflowId): ApplyResult | Taken => {
    const instance = instances.get(workflowId);
    if (!instance) return { ok: false, code: "INTROUVABLE", message: "Ce dossier est introuvable." };
    const decided = decide(instance, event, now);
    if (!decided.ok) return decided;
    const accepted = { ...decided, instance };
    taken.push(accepted);
    return accepted;
  });
  if (new Set(workflowIds).size !== workflowIds.length) throw new Error("applyEventToMany: a workflow is listed twice");
  const types = new Set(taken.map((t) => t.definition.type));
  if (types.size > 1) throw new Error(`applyEventToMany: one workflow type at a time, not ${[...types].join(", ")}`);
  if (taken.length > 0) {
    await writeSnapshots(tx, taken);
    const definition = taken[0].definition;
    await writeProjections(
      tx,
      definition,
      taken.map((t) => ({ workflowId: t.instance.id, snapshot: t.next })),
    );
    await appendEvents(
      tx,
      taken.map(({ instance, status, timed }) => logEntry(instance.id, now, actor, instance.status, status, timed)),
    );
    await runEffectsOfMany(tx, definition, taken, { actor, now });
  }
  return results.map((result) => {
    if (!("instance" in result)) return result;
    return {
      ok: true,
      workflowId: result.instance.id,
      status: result.status,
      rowVersion: result.instance.rowVersion + 1,
      context: result.next.context as Record<string, unknown>,
    };
  });
}

/**
 * The effects of many transitions: each action type in the order the transitions list them,
 * for every workflow that takes it — at once through `effectsForMany` when the definition has
 * it, else one workflow after the other.
 */
async function runEffectsOfMany(
  tx: Tx,
  definition: WorkflowDefinition,
  taken: {
    instance: StoredInstance;
    next: AnyMachineSnapshot;
    status: string;
    actions: Executable[];
    timed: EventObject & Record<string, unknown>;
  }[],
  { actor, now }: { actor: Actor; now: Date },
) {
  const byAction = new Map<string, EffectContext[]>();
  for (const { instance, next, status, actions, timed } of taken)
    for (const action of actions) {
      if (action.type.startsWith("xstate.")) continue;
      if (!definition.effects[action.type])
        throw new Error(`Workflow ${definition.type}: no effect implements action "${action.type}"`);
      const runs = byAction.get(action.type) ?? [];
      runs.push({
        tx,
        workflowId: instance.id,
        organisationId: instance.organisationId,
        context: next.context as Record<string, unknown>,
        status,
        event: timed,
        params: action.params as Record<string, unknown> | undefined,
        actor,
        now,
      });
      byAction.set(action.type, runs);
    }
  for (const [type, runs] of byAction) {
    const many = definition.effectsForMany?.[type];
    if (many) await many(runs);
    else for (const run of runs) await definition.effects[type](run);
  }
}

/** Applies one event in its own write transaction, then wakes the mail sender. */
export async function applyEvent(args: {
  workflowId: string;
  event: unknown;
  actor: Actor;
  expectedRowVersion?: number;
  now?: Date;
}) {
  const result = await writeTransaction((tx) => applyEventInTransaction(tx, args));
  if (result.ok) notifyAfterCommit();
  return result;
}

export type AvailableEvent = {
  type: string;
  /** French label of the event, from the definition. */
  label: string;
  /** Whether the record's state and its preconditions let the event be sent now. */
  possible: boolean;
  /** When not possible: the French reason to show, or null when the event does not concern this record now. */
  reason: string | null;
};

type TransitionLike = { guard?: unknown };
type NodeLike = { path: string[]; on: Record<string, TransitionLike[]> };

/** The transitions the active states declare for an event, innermost state first (as XState selects them). */
function transitionsFor(snapshot: AnyMachineSnapshot, type: string): TransitionLike[] {
  const nodes = [...(snapshot._nodes as unknown as NodeLike[])].sort((a, b) => b.path.length - a.path.length);
  return nodes.flatMap((node) => node.on[type] ?? []);
}

/** null when the event may be sent now; otherwise the first French reason, or false when there is none. */
function verdictOf(definition: WorkflowDefinition, snapshot: AnyMachineSnapshot, type: string, now: string) {
  let refusal: string | false = false;
  for (const transition of transitionsFor(snapshot, type)) {
    const guard = transition.guard;
    const name = typeof guard === "string" ? guard : (guard as { type?: unknown } | undefined)?.type;
    // No precondition known before the form: what the person types is checked on submit.
    const check = typeof name === "string" ? definition.checks?.[name] : undefined;
    if (!guard || !check) return null;
    const verdict = (check as (context: unknown, now: string) => string | null | false)(snapshot.context, now);
    if (verdict === null) return null;
    if (typeof verdict === "string" && refusal === false) refusal = verdict;
  }
  return refusal;
}

/**
 * "Which of these events may this person send now, and why not the others": `allowed` is what
 * the access policy lets them send; the answer keeps its order. Guards and reasons come from the
 * machine's file (the definition's `checks`), so the page and the engine cannot disagree. Given a
 * workflow read from its projection (list and page read models, decision 017), the state's
 * transitions come from the machine and the checks run on the projected fields: only for
 * definitions whose `checks` read nothing but projected fields (their tests compare both answers).
 */
export function availableEvents(
  workflow: StoredWorkflow | ProjectedWorkflow,
  allowed: readonly string[],
  now = clockNow(),
): AvailableEvent[] {
  const definition = getWorkflowDefinition(workflow.type);
  const snapshot = "snapshot" in workflow ? restore(definition, workflow) : projectedSnapshot(definition, workflow);
  return eventsAnswer(definition, snapshot, allowed, now);
}

/** The answer for each allowed event in a snapshot's state; none possible without a snapshot (no migration). */
function eventsAnswer(
  definition: WorkflowDefinition,
  snapshot: AnyMachineSnapshot | null,
  allowed: readonly string[],
  now: Date,
): AvailableEvent[] {
  return allowed.map((type) => {
    const label = definition.eventLabels[type] ?? type;
    if (!snapshot) return { type, label, possible: false, reason: NO_MIGRATION };
    const verdict = verdictOf(definition, snapshot, type, now.toISOString());
    return { type, label, possible: verdict === null, reason: typeof verdict === "string" ? verdict : null };
  });
}

/** A workflow as its projection gives it: its state, its projected fields and the machine version that wrote them. */
export type ProjectedWorkflow = { type: string; machineVersion: number; status: string; fields: ProjectedFields };

/** The state value a status stands for (statusOf's inverse: "a.b" is { a: "b" }, "|" joins parallel regions). */
function stateValueOf(status: string): unknown {
  const value: Record<string, unknown> = {};
  const regions = status.split("|");
  if (regions.length === 1 && !status.includes(".")) return status;
  for (const region of regions) {
    const [head, ...rest] = region.split(".");
    value[head] = rest.length === 0 ? {} : stateValueOf(rest.join("."));
  }
  return value;
}

/** The machine's snapshot in a projected state, its context the projected fields; null when no migration reaches it. */
function projectedSnapshot(definition: WorkflowDefinition, workflow: ProjectedWorkflow): AnyMachineSnapshot | null {
  const { machineVersion, status, fields } = workflow;
  const steps = Array.from({ length: definition.version - machineVersion }, (_, i) => machineVersion + i);
  if (machineVersion > definition.version || !steps.every((version) => definition.migrations?.[version])) return null;
  return definition.machine.resolveState({ value: stateValueOf(status) as never, context: fields });
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

/** A workflow's log, oldest first, with its French labels: one statement on the read connection (decision 021). */
export async function getTimeline(workflowId: string): Promise<TimelineEntry[]> {
  const events = await readDb()
    .selectFrom("WorkflowEvent as e")
    .innerJoin("WorkflowInstance as w", "w.id", "e.workflowId")
    .select(["w.type", "e.seq", "e.at", "e.actorLabel", "e.eventType", "e.fromStatus", "e.toStatus", "e.payload"])
    .where("e.workflowId", "=", workflowId)
    .orderBy("e.seq")
    .execute();
  if (events.length === 0) return [];
  const definition = getWorkflowDefinition(events[0].type);
  return events.map((event) => ({
    seq: event.seq,
    at: isoInstant(event.at),
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
