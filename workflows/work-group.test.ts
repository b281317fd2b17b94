import { describe, expect, it } from "vitest";
import { initialTransition, transition, type AnyStateMachine } from "xstate";
import { getShortestPaths } from "xstate/graph";
import {
  letterLate,
  workGroupMachine,
  WORK_GROUP_EVENT_LABELS,
  WORK_GROUP_STATE_LABELS,
  type WorkGroupEvent,
} from "./work-group";
import {
  actionItemMachine,
  ACTION_ITEM_EVENT_LABELS,
  ACTION_ITEM_STATE_LABELS,
  isOverdue,
  type ActionItemEvent,
} from "./action-item";

const now = "2026-11-23T09:00:00.000Z";
const fullLetter = { perimeter: true, roles: true, deliverables: true };

/** Every state reached and every declared transition enabled from a reachable state. */
function expectCovered(
  machine: AnyStateMachine,
  input: unknown,
  events: (state: { context: { dueOn: string } }) => { type: string }[],
  labels: { states: object; events: object },
) {
  const paths = getShortestPaths(machine, {
    input,
    events,
    serializeState: (s) => JSON.stringify([s.value, s.context.pilotValidated ?? null]),
  });
  const reached = new Set(paths.map((p) => String(p.state.value)));
  expect([...reached].sort()).toEqual(Object.keys(labels.states).sort());
  const taken = new Set(
    paths.flatMap((p) =>
      events(p.state)
        .filter((e) => p.state.can(e))
        .map((e) => `${String(p.state.value)} ${e.type}`),
    ),
  );
  const declared = Object.entries(machine.config.states ?? {}).flatMap(([state, node]) =>
    Object.keys((node as { on?: object }).on ?? {}).map((e) => `${state} ${e}`),
  );
  expect(declared.filter((t) => !taken.has(t))).toEqual([]);
  expect(Object.keys(labels.events).sort()).toEqual([...new Set(declared.map((t) => t.split(" ")[1]))].sort());
}

describe("work group", () => {
  const events = (): WorkGroupEvent[] => [
    { type: "VALIDER_PILOTE", now },
    { type: "REDIGER_LETTRE", now },
    { type: "VALIDER", letter: fullLetter, now },
    { type: "ACTIVER", now },
    { type: "CLORE", now },
  ];
  it("reaches every state through every declared transition", () => {
    expectCovered(workGroupMachine, { name: "Sphère emploi", kind: "fonctionnel", letterDueOn: "2007-05-31" }, events, {
      states: WORK_GROUP_STATE_LABELS,
      events: WORK_GROUP_EVENT_LABELS,
    });
  });
  it("is validated only with a validated pilot and a letter stating perimeter, roles and deliverables", () => {
    let [s] = initialTransition(workGroupMachine, {
      name: "Sphère éducation",
      kind: "fonctionnel",
      letterDueOn: "2007-05-31",
    });
    [s] = transition(workGroupMachine, s, { type: "REDIGER_LETTRE", now });
    expect(s.can({ type: "VALIDER", letter: fullLetter, now })).toBe(false); // pilot "à valider"
    [s] = transition(workGroupMachine, s, { type: "VALIDER_PILOTE", now });
    expect(s.can({ type: "VALIDER", letter: { ...fullLetter, deliverables: false }, now })).toBe(false);
    expect(s.can({ type: "VALIDER", letter: fullLetter, now })).toBe(true);
    expect(letterLate(s.context, "2007-06-01")).toBe(true);
    expect(letterLate(s.context, "2007-05-31")).toBe(false);
  });
});

describe("action item", () => {
  // The postponed day is always after the state's own due day, so the event stays meaningful.
  const events = (state?: { context: { dueOn: string } }): ActionItemEvent[] => [
    { type: "COMMENCER", now },
    { type: "TERMINER", doneOn: "2026-11-23", now },
    { type: "REPORTER", dueOn: `${Number((state?.context.dueOn ?? "2026-12-31").slice(0, 4)) + 1}-01-31`, now },
    { type: "ABANDONNER", reason: "Sans objet", now },
  ];
  it("reaches every state through every declared transition", () => {
    expectCovered(
      actionItemMachine,
      { title: "Rédiger la lettre de mission", dueOn: "2026-12-31", organisationIds: ["cnsa"] },
      events,
      { states: ACTION_ITEM_STATE_LABELS, events: ACTION_ITEM_EVENT_LABELS },
    );
  });
  it("is overdue only while open after its due day; it cannot be done in the future nor postponed backwards", () => {
    const [s] = initialTransition(actionItemMachine, { title: "x", dueOn: "2026-12-31", organisationIds: [] });
    expect(isOverdue(s.context, "aFaire", "2026-12-31")).toBe(false);
    expect(isOverdue(s.context, "aFaire", "2027-01-01")).toBe(true);
    expect(isOverdue(s.context, "fait", "2027-01-01")).toBe(false);
    expect(s.can({ type: "TERMINER", doneOn: "2026-11-24", now })).toBe(false);
    expect(s.can({ type: "REPORTER", dueOn: "2026-12-01", now })).toBe(false);
  });
});
