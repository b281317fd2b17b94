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

const store = globalThis as unknown as { __passerellesJobHandlers?: Map<string, JobHandler> };
const handlers: Map<string, JobHandler> = (store.__passerellesJobHandlers ??= new Map());

/** Registers the handler of a kind; returns a function that removes it (tests). */
export function registerJobHandler(kind: string, handler: JobHandler): () => void {
  if (handlers.has(kind)) throw new Error(`A handler is already registered for job kind "${kind}"`);
  handlers.set(kind, handler);
  return () => {
    if (handlers.get(kind) === handler) handlers.delete(kind);
  };
}

export function getJobHandler(kind: string): JobHandler | undefined {
  return handlers.get(kind);
}

export function registeredJobKinds(): string[] {
  return [...handlers.keys()].sort();
}
