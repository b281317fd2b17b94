/**
 * The application's clock. Every deadline, reminder and job reads the time here, never
 * `new Date()` or `Date.now()` directly (eslint refuses both elsewhere), so tests can move
 * time. The clock lives on globalThis so that the Remix build and the worker share it
 * within one process.
 *
 * A test world starts at a fixed instant, PASSERELLES_CLOCK_START, so that no test depends
 * on today's date: Vitest's setup sets it, and so does the end-to-end server. It is honoured
 * only under Vitest or with the test routes on (never in a production build), and the
 * clock keeps running from it. The first process to read it notes the system time it stood
 * for (PASSERELLES_CLOCK_ANCHOR), so child processes it starts read the same time.
 */
type ClockState = { offsetMs: number; frozenAt: number | null };

function startState(): ClockState {
  const start = process.env.PASSERELLES_CLOCK_START;
  const testing = process.env.VITEST === "true" || process.env.PASSERELLES_TEST_ROUTES === "1";
  if (!start || !testing) return { offsetMs: 0, frozenAt: null };
  const at = Date.parse(start);
  if (Number.isNaN(at)) throw new Error(`PASSERELLES_CLOCK_START invalide : ${start}`);
  const anchor = Number((process.env.PASSERELLES_CLOCK_ANCHOR ??= String(Date.now())));
  return { offsetMs: at - anchor, frozenAt: null };
}

const store = globalThis as unknown as { __passerellesClock?: ClockState };
const state: ClockState = (store.__passerellesClock ??= startState());

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

/** Back to the start: the test world's start instant, or the system's time outside tests. */
export function resetClock() {
  Object.assign(state, startState());
}
