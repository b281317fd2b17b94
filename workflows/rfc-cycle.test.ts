import { describe, expect, it } from "vitest";
import { initialTransition, transition } from "xstate";
import { getShortestPaths } from "xstate/graph";
import {
  acceptsComments,
  RFC_CYCLE_CHECKS,
  RFC_CYCLE_EVENT_LABELS,
  RFC_CYCLE_STATE_LABELS,
  rfcCycleMachine,
  type RfcCycleEvent,
} from "./rfc-cycle";

const input = { reference: "RFC-2026-004", version: 1 };
type Snap = ReturnType<typeof initialTransition<typeof rfcCycleMachine>>[0];
const open: RfcCycleEvent = {
  type: "OUVRIR",
  deadline: "2026-12-15T23:00:00.000Z",
  invitedOrganisationIds: ["cnaf", "msa", "cnaf"],
  minimumDays: 14,
  now: "2026-11-23T09:00:00.000Z",
};

function run(events: RfcCycleEvent[]): Snap {
  let [s] = initialTransition(rfcCycleMachine, input);
  for (const e of events) {
    expect(s.can(e), `${e.type} from ${String(s.value)}`).toBe(true);
    [s] = transition(rfcCycleMachine, s, e);
  }
  return s;
}

const candidates = (): RfcCycleEvent[] => [
  open,
  { type: "PROLONGER", deadline: "2026-12-20T23:00:00.000Z", now: "2026-12-01T09:00:00.000Z" },
  { type: "ECHEANCE", now: "2026-12-20T23:00:00.000Z" },
  {
    type: "CONCLURE",
    outcome: "adoption",
    undisposedComments: 0,
    conclusion: "Adoptée",
    now: "2026-12-22T09:00:00.000Z",
  },
  { type: "RETIRER", conclusion: "Retirée", now: "2026-12-22T09:00:00.000Z" },
];

describe("RFC comment cycle", () => {
  it("reaches every state and enables every declared transition", () => {
    const paths = getShortestPaths(rfcCycleMachine, {
      input,
      events: candidates,
      serializeState: (s: Snap) => String(s.value),
    });
    expect(paths.map((p) => String(p.state.value)).sort()).toEqual(Object.keys(RFC_CYCLE_STATE_LABELS).sort());
    const taken = new Set(
      paths.flatMap((p) =>
        candidates()
          .filter((e) => p.state.can(e))
          .map((e) => `${String(p.state.value)} ${e.type}`),
      ),
    );
    const declared = Object.entries(rfcCycleMachine.config.states ?? {}).flatMap(([state, node]) =>
      Object.keys((node as { on?: object }).on ?? {}).map((e) => `${state} ${e}`),
    );
    expect(declared.filter((t) => !taken.has(t))).toEqual([]);
    expect(Object.keys(RFC_CYCLE_EVENT_LABELS).sort()).toEqual(
      [...new Set(declared.map((t) => t.split(" ")[1]))].sort(),
    );
  });

  it("opens only with someone invited and a deadline at least the minimum duration away", () => {
    const [draft] = initialTransition(rfcCycleMachine, input);
    expect(draft.can({ ...open, invitedOrganisationIds: [] })).toBe(false);
    expect(draft.can({ ...open, deadline: "2026-12-07T08:59:59.000Z" })).toBe(false);
    expect(draft.can({ ...open, deadline: "2026-12-07T09:00:00.000Z" })).toBe(true);
    expect(run([open]).context.invitedOrganisationIds).toEqual(["cnaf", "msa"]);
  });

  it("closes by itself at the deadline, not a second before, and then takes no comment", () => {
    const opened = run([open]);
    expect(opened.can({ type: "ECHEANCE", now: "2026-12-15T22:59:59.999Z" })).toBe(false);
    expect(acceptsComments(opened.context, "ouvert", "2026-12-15T22:59:59.000Z")).toBe(true);
    expect(acceptsComments(opened.context, "ouvert", "2026-12-15T23:00:01.000Z")).toBe(false);
    const closed = run([open, { type: "ECHEANCE", now: "2026-12-15T23:00:00.000Z" }]);
    expect(closed.value).toBe("clos");
    expect(acceptsComments(closed.context, String(closed.value), "2026-12-15T22:00:00.000Z")).toBe(false);
  });

  it("only extends the deadline forward", () => {
    const opened = run([open]);
    expect(
      opened.can({ type: "PROLONGER", deadline: "2026-12-10T00:00:00.000Z", now: "2026-12-01T00:00:00.000Z" }),
    ).toBe(false);
    expect(
      run([open, { type: "PROLONGER", deadline: "2026-12-20T23:00:00.000Z", now: "2026-12-01T09:00:00.000Z" }]).context
        .deadline,
    ).toBe("2026-12-20T23:00:00.000Z");
  });

  it("cannot be concluded while a comment has no disposition", () => {
    const closed = run([open, { type: "ECHEANCE", now: "2026-12-16T00:00:00.000Z" }]);
    expect(
      closed.can({
        type: "CONCLURE",
        outcome: "adoption",
        undisposedComments: 1,
        conclusion: "x",
        now: "2026-12-17T00:00:00.000Z",
      }),
    ).toBe(false);
    const [done] = transition(rfcCycleMachine, closed, {
      type: "CONCLURE",
      outcome: "nouvelle-version",
      undisposedComments: 0,
      conclusion: " Version 2 à venir ",
      now: "2026-12-17T00:00:00.000Z",
    });
    expect(done.context).toMatchObject({ outcome: "nouvelle-version", conclusion: "Version 2 à venir" });
    expect(done.status).toBe("done");
  });
});

describe("the cycle's checks, written once for the guards and the pages", () => {
  it("lets a cycle be extended only before its deadline, with the reason once it passed", () => {
    const context = { deadline: "2026-12-15T23:00:00.000Z" } as Parameters<typeof RFC_CYCLE_CHECKS.deadlineAhead>[0];
    expect(RFC_CYCLE_CHECKS.deadlineAhead(context, "2026-12-15T22:59:59.000Z")).toBeNull();
    expect(RFC_CYCLE_CHECKS.deadlineAhead(context, "2026-12-15T23:00:00.000Z")).toBe(
      "L'échéance est passée : le cycle est clos, il ne peut plus être prolongé.",
    );
    const [opened] = transition(rfcCycleMachine, initialTransition(rfcCycleMachine, input)[0], open);
    const late = { type: "PROLONGER", deadline: "2026-12-20T23:00:00.000Z", now: "2026-12-15T23:00:00.000Z" } as const;
    expect(opened.can(late)).toBe(false);
    expect(opened.can({ ...late, now: "2026-12-15T22:00:00.000Z" })).toBe(true);
  });
});
