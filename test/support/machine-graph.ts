/**
 * A machine's test, written once: events run from the initial state, each of which must be
 * accepted, and the machine's graph explored with xstate/graph from candidate events, to say
 * which states it reaches, which declared transitions no path takes, and where a path gets stuck.
 */
import { expect } from "vitest";
import {
  initialTransition,
  transition,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type EventObject,
  type SnapshotFrom,
} from "xstate";
import { getShortestPaths, getSimplePaths } from "xstate/graph";

type Explorable = { value: unknown; status: string; can: (event: EventObject) => boolean };

/** The snapshot after `events`, each checked as accepted where it is sent. */
export function runEvents<M extends AnyStateMachine>(machine: M, input: unknown, events: readonly EventObject[]) {
  let snapshot: AnyMachineSnapshot = initialTransition(machine, input as never)[0];
  for (const event of events) {
    expect(snapshot.can(event), `${event.type} from ${JSON.stringify(snapshot.value)}`).toBe(true);
    [snapshot] = transition(machine, snapshot as never, event as never);
  }
  return snapshot as SnapshotFrom<M>;
}

/** "state EVENT" for each transition the machine's top-level states declare. */
export function declaredTransitions(machine: AnyStateMachine): string[] {
  return Object.entries(machine.config.states ?? {}).flatMap(([state, node]) =>
    Object.keys((node as { on?: object }).on ?? {}).map((event) => `${state} ${event}`),
  );
}

/**
 * Explores the graph from `input` with the `candidates` events offered in every state: the
 * states reached, the declared transitions no reachable state takes, and the states of simple
 * paths that are neither final nor able to go on.
 */
export function exploreMachine(machine: AnyStateMachine, input: unknown, candidates: () => EventObject[]) {
  const options = {
    input,
    events: candidates,
    serializeState: (s: Explorable) => JSON.stringify(s.value),
  } as never;
  const shortest = getShortestPaths(machine, options).map((p) => p.state as unknown as Explorable);
  const taken = new Set(
    shortest.flatMap((s) => candidates().flatMap((e) => (s.can(e) ? [`${String(s.value)} ${e.type}`] : []))),
  );
  const stuck = getSimplePaths(machine, options)
    .map((p) => p.state as unknown as Explorable)
    .filter((s) => s.status !== "done" && !candidates().some((e) => s.can(e)));
  return {
    reached: [...new Set(shortest.map((s) => String(s.value)))].sort(),
    untaken: declaredTransitions(machine).filter((t) => !taken.has(t)),
    stuck: stuck.map((s) => String(s.value)),
  };
}

/** Every state reached, every declared transition taken, no path stuck, every state and event labelled. */
export function expectFullyExplored(
  machine: AnyStateMachine,
  input: unknown,
  candidates: () => EventObject[],
  labels: { stateLabels: Readonly<Record<string, string>>; eventLabels: Readonly<Record<string, string>> },
) {
  const explored = exploreMachine(machine, input, candidates);
  expect(explored).toEqual({ reached: Object.keys(labels.stateLabels).sort(), untaken: [], stuck: [] });
  const events = new Set(declaredTransitions(machine).map((t) => t.split(" ")[1]));
  expect([...events].sort()).toEqual(Object.keys(labels.eventLabels).sort());
}
