/**
 * A machine's states and events in French, declared beside the machine. Typed against the
 * machine: a state or an event without its label, or a label of a state that no longer exists,
 * does not compile. Pure: no I/O.
 */
import type { AnyStateMachine, EventFrom, StateValueFrom } from "xstate";

export type MachineLabels = {
  /** Looked up by the stored status, which may be any string (an older machine's state). */
  stateLabels: Readonly<Record<string, string>>;
  eventLabels: Readonly<Record<string, string>>;
};

export function machineLabels<M extends AnyStateMachine>(
  _machine: M,
  labels: {
    states: Record<Extract<StateValueFrom<M>, string>, string>;
    events: Record<EventFrom<M>["type"], string>;
  },
): MachineLabels {
  return { stateLabels: labels.states, eventLabels: labels.events };
}
