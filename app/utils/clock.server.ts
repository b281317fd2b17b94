/**
 * The application's clock. Every deadline, reminder and job reads the time here, never
 * `new Date()` directly, so tests can move time. The clock lives on globalThis so that the
 * Remix build and the worker share it within one process.
 */
type ClockState = { offsetMs: number; frozenAt: number | null };

const store = globalThis as unknown as { __passerellesClock?: ClockState };
const state: ClockState = (store.__passerellesClock ??= { offsetMs: 0, frozenAt: null });

export function now(): Date {
  return new Date(state.frozenAt ?? Date.now() + state.offsetMs);
}

/** Tests only: make the clock read `at` from now on (it keeps running unless frozen). */
export function setClock(at: Date, options: { frozen?: boolean } = {}) {
  if (options.frozen) {
    state.frozenAt = at.getTime();
    state.offsetMs = 0;
  } else {
    state.frozenAt = null;
    state.offsetMs = at.getTime() - Date.now();
  }
}

export function resetClock() {
  state.frozenAt = null;
  state.offsetMs = 0;
}
