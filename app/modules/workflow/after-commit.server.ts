/**
 * After a transaction that queued mails or jobs commits, the worker is woken so it does not
 * wait for its next tick. Listeners live on globalThis (the Remix build and the worker may
 * each load this module).
 */
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
