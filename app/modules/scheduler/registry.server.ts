/**
 * Job handlers by kind. The map lives on globalThis: the Remix server bundle and the
 * worker entry are built separately, so one process may hold two copies of this module,
 * and a handler registered through one copy must be found through the other.
 *
 * Register handlers once per process, from its start-up code (the worker entry), not at
 * the top level of a module that both bundles import: that module would then run twice in
 * the same process and the second registration would throw.
 */
import type { Tx } from "~/utils/db.server";

export type JobContext = {
  /** The clock reading taken when the job's transaction started. */
  now: Date;
  job: { id: string; kind: string; dueAt: Date; attempts: number };
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

export type JobRegistration = { nature: JobNature; handler: JobHandler };

const store = globalThis as unknown as { __passerellesJobs?: Map<string, JobRegistration> };
const registrations: Map<string, JobRegistration> = (store.__passerellesJobs ??= new Map());

/**
 * Registers the handler of a kind and declares its nature; returns a function that removes it
 * (tests). The nature is required: the worker never guesses it from the kind's name.
 */
export function registerJobHandler(kind: string, nature: JobNature, handler: JobHandler): () => void {
  if (registrations.has(kind)) throw new Error(`A handler is already registered for job kind "${kind}"`);
  if (!JOB_NATURES.includes(nature))
    throw new Error(`Job kind "${kind}" must declare its nature: ${JOB_NATURES.join(", ")}`);
  const registration = { nature, handler };
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
