/**
 * After a transaction that queued mails or jobs commits, the worker is woken so it does not
 * wait for its next tick. Listeners live on globalThis (the Remix build and the worker may
 * each load this module).
 */
import { writeTransaction, type Tx } from "~/utils/db.server";
import type { Result } from "~/utils/result";

type Listener = () => void;
const store = globalThis as unknown as { __passerellesWake?: Set<Listener> };
const listeners = (store.__passerellesWake ??= new Set());

export function onAfterCommit(listener: Listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function notifyAfterCommit() {
  for (const listener of listeners) queueMicrotask(listener);
}

/**
 * A command's write transaction, and the worker woken once it commits what it queued; a
 * refusal rolls nothing forward, so it wakes nobody.
 */
export async function writeThenWake<T>(work: (tx: Tx) => Promise<Result<T>>): Promise<Result<T>> {
  const result = await writeTransaction(work);
  if (result.ok) notifyAfterCommit();
  return result;
}
