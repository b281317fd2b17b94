/**
 * Job handlers by kind. Domain modules declare theirs with `defineJobs`; app/composition.server.ts
 * registers them all, once per copy of this module (the Remix build and the server or worker
 * entry each hold one and each run the composition root), so the map needs no globalThis.
 */
import type { Tx } from "~/utils/db.server";

export type JobContext = {
  /** The clock reading taken when the job's transaction started. */
  now: Date;
  job: { id: string; kind: string; dueAt: Date; attempts: number };
  /** What the kind's `prepare` returned, before the transaction; undefined when it has none. */
  prepared?: unknown;
};

/**
 * Database-only work. Use `tx` and nothing else: every statement of the process waits
 * behind the open transaction (prisma/sqlite-adapter.ts), so a query on the shared client
 * or a nested `writeTransaction` would wait for this handler to finish, which it never does
 * until the transaction times out. Keep it short: it holds SQLite's single write lock,
 * and other processes give up after busy_timeout (10 s). Throwing rolls back everything
 * the handler wrote and schedules a retry.
 */
export type JobHandler = (tx: Tx, payload: unknown, context: JobContext) => Promise<void>;

/**
 * What a job of this kind is for, which decides what happens when it runs late (a downtime,
 * or scheduled for a moment already past), docs/decisions/014:
 * - `deadline`: a legal or agreed term (tacit acceptance, a cycle's close, an overdue notice,
 *   the monthly list). It runs as soon as it can, however late: skipping it would leave a
 *   record stuck in a state nobody may leave.
 * - `reminder`: a warning ahead of a deadline. Sent late it would be wrong or useless, so once
 *   its moment has passed by more than REMINDER_GRACE_MS it is dropped, and recorded DROPPED.
 * - `routine`: recurring housekeeping (digest, purge); runs once when late, then reschedules.
 */
export const JOB_NATURES = ["deadline", "reminder", "routine"] as const;
export type JobNature = (typeof JOB_NATURES)[number];

/** A reminder may still leave this long after its time (a short restart, a slow tick). */
export const REMINDER_GRACE_MS = 2 * 60 * 60_000;

/**
 * Optional slow work a job needs before its transaction (building files): run by the worker
 * outside any transaction, so the write lock is not held meanwhile, and handed to the handler
 * as `prepared`. It may only read; the handler decides, in its transaction, what to write.
 */
export type JobPreparation = (payload: unknown) => Promise<unknown>;

export type JobRegistration = { nature: JobNature; handler: JobHandler; prepare?: JobPreparation };

export type JobDefinition = JobRegistration & { kind: string };

const registrations = new Map<string, JobRegistration>();

function checkNature(kind: string, nature: JobNature) {
  if (!JOB_NATURES.includes(nature))
    throw new Error(`Job kind "${kind}" must declare its nature: ${JOB_NATURES.join(", ")}`);
}

/**
 * A domain's job kinds as data: `job(kind, nature, handler)` once per kind inside `declare`.
 * Nothing is registered here; the composition root does it.
 */
export function defineJobs(
  declare: (job: (kind: string, nature: JobNature, handler: JobHandler, prepare?: JobPreparation) => void) => void,
) {
  const definitions: JobDefinition[] = [];
  declare((kind, nature, handler, prepare) => {
    checkNature(kind, nature);
    definitions.push({ kind, nature, handler, ...(prepare ? { prepare } : {}) });
  });
  return definitions;
}

/**
 * Registers the composition root's job kinds. Two definitions of one kind are a wiring error and
 * throw; a kind registered by an earlier run of the composition root is replaced (Vite's dev
 * server evaluates the root again after an edit, with new handler functions).
 */
export function registerJobs(definitions: readonly JobDefinition[]) {
  const kinds = definitions.map((d) => d.kind);
  const twice = kinds.filter((kind, i) => kinds.indexOf(kind) !== i);
  if (twice.length > 0) throw new Error(`Job kinds declared twice: ${[...new Set(twice)].join(", ")}`);
  for (const { kind, nature, handler, prepare } of definitions) {
    checkNature(kind, nature);
    registrations.set(kind, { nature, handler, prepare });
  }
}

/**
 * Registers one handler alone (tests, benchmarks) and declares its nature; returns a function
 * that removes it. The nature is required: the worker never guesses it from the kind's name.
 */
export function registerJobHandler(
  kind: string,
  nature: JobNature,
  handler: JobHandler,
  prepare?: JobPreparation,
): () => void {
  if (registrations.has(kind)) throw new Error(`A handler is already registered for job kind "${kind}"`);
  checkNature(kind, nature);
  const registration = { nature, handler, prepare };
  registrations.set(kind, registration);
  return () => {
    if (registrations.get(kind) === registration) registrations.delete(kind);
  };
}

export function getJobRegistration(kind: string): JobRegistration | undefined {
  return registrations.get(kind);
}

export function getJobHandler(kind: string): JobHandler | undefined {
  return registrations.get(kind)?.handler;
}

/** A reminder run after its moment has passed (beyond the grace) is dropped, not sent late. */
export function isStaleReminder(nature: JobNature, dueAt: Date, at: Date): boolean {
  return nature === "reminder" && at.getTime() - dueAt.getTime() > REMINDER_GRACE_MS;
}

export function registeredJobKinds(): string[] {
  return [...registrations.keys()].sort();
}
