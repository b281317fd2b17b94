import { describe, expect, it } from "vitest";
import { initialTransition, transition } from "xstate";
import { getShortestPaths, getSimplePaths } from "xstate/graph";
import {
  repriseMachine,
  REPRISE_STATE_LABELS,
  REPRISE_EVENT_LABELS,
  type RepriseEvent,
  type RepriseInput,
} from "./reprise";
import { at, dispatch, happyPath } from "../test/support/reprise-paths";

const ITAC: RepriseInput = { application: "ITAC", desiredDate: "2026-12-10", departement: "53" };
const OPALES: RepriseInput = { application: "OPALES", desiredDate: "2026-12-10", departement: "80" };

type Snap = ReturnType<typeof initialTransition<typeof repriseMachine>>[0];

function run(input: RepriseInput, events: RepriseEvent[]): Snap {
  let [snapshot] = initialTransition(repriseMachine, input);
  for (const event of events) {
    expect(snapshot.can(event), `${event.type} from ${JSON.stringify(snapshot.value)}`).toBe(true);
    [snapshot] = transition(repriseMachine, snapshot, event);
  }
  return snapshot;
}

// Events offered in every state when exploring the graph; times are chosen so guards can pass.
function candidateEvents(snapshot: Snap): RepriseEvent[] {
  const c = snapshot.context;
  const day = c.validationDeadline ?? "2026-12-14";
  const [dispatched, confirmed, extracted, shipped, received] = happyPath(c);
  return [
    dispatched,
    { type: "ENVOYER", campaignMonth: "2027-01", answerDeadline: "2027-01-29", now: at("2027-01-25") },
    confirmed,
    { type: "PROPOSER_DATE", date: "2026-12-17", comment: "Charge du centre", now: at("2026-11-27") },
    { type: "FIXER_DATE", date: "2026-12-17", now: at("2026-11-30") },
    extracted,
    shipped,
    { type: "ENVOYER_MOT_DE_PASSE", date: "2026-12-11", reference: "RAR MDP", now: at("2026-12-11") },
    received,
    { type: "VALIDER", now: at("2026-12-15") },
    { type: "SIGNALER_NON_CONFORMITE", text: "Archive illisible", now: at("2026-12-15") },
    { type: "ECHEANCE_VALIDATION", now: at(`${day.slice(0, 8)}${String(Number(day.slice(8)) + 1).padStart(2, "0")}`) },
    { type: "ANNULER", reason: "Projet abandonné", now: at("2026-11-26") },
  ];
}

describe("reprise machine, explored as a graph", () => {
  for (const input of [ITAC, OPALES]) {
    it(`reaches every state and takes every transition (${input.application})`, () => {
      const options = { input, events: candidateEvents, serializeState: (s: Snap) => JSON.stringify(s.value) };
      const shortest = getShortestPaths(repriseMachine, options);
      const reached = new Set(shortest.map((p) => JSON.stringify(p.state.value)));
      for (const state of Object.keys(REPRISE_STATE_LABELS))
        expect(reached.has(JSON.stringify(state)), state).toBe(true);

      // Every declared transition is enabled from some reachable state.
      const taken = new Set<string>();
      for (const path of shortest) {
        for (const event of candidateEvents(path.state)) {
          if (path.state.can(event)) taken.add(`${String(path.state.value)} ${event.type}`);
        }
      }
      const declared = Object.entries(repriseMachine.config.states ?? {}).flatMap(([state, node]) =>
        Object.keys((node as { on?: Record<string, unknown> }).on ?? {}).map((event) => `${state} ${event}`),
      );
      const expected = declared.filter((t) => input.application === "OPALES" || !t.endsWith("ENVOYER_MOT_DE_PASSE"));
      expect(expected.filter((t) => !taken.has(t))).toEqual([]);

      // No dead end: every simple path can be extended until the request is accepted or cancelled.
      const simple = getSimplePaths(repriseMachine, options);
      expect(simple.length).toBeGreaterThan(10);
      for (const path of simple) {
        const final = path.state.status === "done";
        expect(
          final || candidateEvents(path.state).some((event) => path.state.can(event)),
          JSON.stringify(path.state.value),
        ).toBe(true);
      }
    });
  }

  it("tags every reachable state that is not final as open, and only those", () => {
    for (const input of [ITAC, OPALES]) {
      const paths = getShortestPaths(repriseMachine, {
        input,
        events: candidateEvents,
        serializeState: (s: Snap) => JSON.stringify(s.value),
      });
      for (const { state } of paths) {
        expect(state.hasTag("ouverte"), String(state.value)).toBe(state.status !== "done");
        // Waiting for the State's answer, for the MDPH's validation: one state each.
        expect(state.hasTag("attenteEtat"), String(state.value)).toBe(state.value === "transmise");
        expect(state.hasTag("attenteValidation"), String(state.value)).toBe(state.value === "enValidation");
        // A request without a binding date yet is one a monthly list may carry.
        if (state.hasTag("sansDate")) expect(state.hasTag("aInscrire")).toBe(true);
      }
    }
  });

  it("labels every state and every event in French", () => {
    expect(Object.keys(REPRISE_STATE_LABELS).sort()).toEqual(Object.keys(repriseMachine.config.states ?? {}).sort());
    const events = new Set(
      Object.values(repriseMachine.config.states ?? {}).flatMap((n) => Object.keys((n as { on?: object }).on ?? {})),
    );
    expect([...events].sort()).toEqual(Object.keys(REPRISE_EVENT_LABELS).sort());
  });
});

describe("reprise rules", () => {
  it("keeps the validation window the server counted at reception, and cuts access from the third week", () => {
    // The server counts the 15 working days on the holiday calendar (rules.server.ts).
    const s = run(ITAC, happyPath(ITAC));
    expect(s.value).toBe("enValidation");
    expect(s.context.receivedOn).toBe("2026-12-14");
    expect(s.context.validationDeadline).toBe("2027-01-06");
    expect(s.context.accessCutFrom).toBe("2026-12-28");
  });

  it("accepts tacitly only once the last working day of the window has passed", () => {
    const s = run(ITAC, happyPath(ITAC));
    expect(s.can({ type: "ECHEANCE_VALIDATION", now: "2027-01-06T22:59:59.000Z" })).toBe(false);
    const [after] = transition(repriseMachine, s, { type: "ECHEANCE_VALIDATION", now: "2027-01-06T23:00:00.000Z" });
    expect(after.value).toBe("acceptee");
    expect(after.context).toMatchObject({ acceptance: "tacite", acceptedOn: "2027-01-07" });
  });

  it("refuses a validation or a complaint after the window", () => {
    const s = run(ITAC, happyPath(ITAC));
    expect(s.can({ type: "VALIDER", now: at("2027-01-06") })).toBe(true);
    expect(s.can({ type: "VALIDER", now: at("2027-01-07") })).toBe(false);
    expect(s.can({ type: "SIGNALER_NON_CONFORMITE", text: "x", now: at("2027-01-07") })).toBe(false);
  });

  it("sends a non-conformity back to planning for a full replay, keeping its history", () => {
    const s = run(ITAC, [
      ...happyPath(ITAC),
      { type: "SIGNALER_NON_CONFORMITE", text: "Fichiers chiffrés illisibles", now: at("2026-12-16") },
    ]);
    expect(s.value).toBe("demandee");
    expect(s.context).toMatchObject({
      finalDate: null,
      shipment: null,
      receivedOn: null,
      validationDeadline: null,
      dispatchCount: 1,
    });
    expect(s.context.nonConformities).toEqual([{ on: "2026-12-16", text: "Fichiers chiffrés illisibles" }]);
    const again = run(ITAC, [
      ...happyPath(ITAC),
      { type: "SIGNALER_NON_CONFORMITE", text: "x", now: at("2026-12-16") },
      dispatch("2026-12", "2026-12-30", "2026-12-24"),
    ]);
    expect(again.value).toBe("transmise");
    expect(again.context.dispatchCount).toBe(2);
  });

  it("carries over an unanswered request, and a dated one only when its date passed unserved", () => {
    const unanswered = run(ITAC, [dispatch(), dispatch("2026-12", "2026-12-30", "2026-12-24")]);
    expect(unanswered.context).toMatchObject({
      campaignMonth: "2026-12",
      dispatchCount: 2,
      answerDeadline: "2026-12-30",
    });
    const dated = run(ITAC, [dispatch(), { type: "CONFIRMER_DATE", now: at("2026-11-27") }]);
    expect(dated.can(dispatch("2026-12", "2026-12-30", "2026-12-10"))).toBe(false);
    expect(dated.can(dispatch("2026-12", "2026-12-30", "2026-12-24"))).toBe(true);
  });

  it("keeps the State service's counter-proposal until the coordinator fixes the binding date", () => {
    const s = run(OPALES, [
      dispatch(),
      { type: "PROPOSER_DATE", date: "2026-12-17", comment: " Charge ", now: at("2026-11-27") },
    ]);
    expect(s.value).toBe("contreProposition");
    expect(s.context).toMatchObject({ proposedDate: "2026-12-17", proposalComment: "Charge" });
    expect(s.can({ type: "CONFIRMER_DATE", now: at("2026-11-28") })).toBe(false);
    const fixed = run(OPALES, [
      dispatch(),
      { type: "PROPOSER_DATE", date: "2026-12-17", now: at("2026-11-27") },
      { type: "FIXER_DATE", date: "2026-12-15", now: at("2026-11-30") },
    ]);
    expect(fixed.context.finalDate).toBe("2026-12-15");
    expect(s.can({ type: "FIXER_DATE", date: "2026-11-01", now: at("2026-11-30") })).toBe(false);
  });

  it("ships on the medium of each application and records the OPALES password letter, once, never for ITAC", () => {
    const extracted = (input: RepriseInput) => run(input, happyPath(input).slice(0, 3));
    // ITAC ships on DVD, OPALES on a USB key; nothing ships with a date in the future.
    const refusedShipments: [RepriseInput, string, string][] = [
      [ITAC, "Clé USB", "2026-12-11"],
      [OPALES, "DVD", "2026-12-11"],
      [OPALES, "Clé USB", "2026-12-12"],
    ];
    for (const [input, medium, date] of refusedShipments)
      expect(extracted(input).can({ type: "EXPEDIER", medium, date, reference: "R", now: at("2026-12-11") })).toBe(
        false,
      );
    const letter: RepriseEvent = {
      type: "ENVOYER_MOT_DE_PASSE",
      date: "2026-12-11",
      reference: "RAR 9",
      now: at("2026-12-11"),
    };
    expect(extracted(ITAC).can(letter)).toBe(false);
    const [withLetter] = transition(repriseMachine, extracted(OPALES), letter);
    expect(withLetter.value).toBe("extraite");
    expect(withLetter.context.passwordLetter).toEqual({ date: "2026-12-11", reference: "RAR 9" });
    expect(withLetter.can(letter)).toBe(false);
  });

  it("refuses a reception dated before the shipment or in the future", () => {
    const shipped = run(ITAC, happyPath(ITAC).slice(0, 4));
    expect(
      shipped.can({
        type: "RECEPTIONNER",
        date: "2026-12-10",
        validationDeadline: "2027-01-04",
        now: at("2026-12-14"),
      }),
    ).toBe(false);
    expect(
      shipped.can({
        type: "RECEPTIONNER",
        date: "2026-12-15",
        validationDeadline: "2027-01-07",
        now: at("2026-12-14"),
      }),
    ).toBe(false);
  });

  it("confirms the desired date only while it is still ahead", () => {
    const sent = run(ITAC, [dispatch()]);
    expect(sent.can({ type: "CONFIRMER_DATE", now: at("2026-12-10") })).toBe(true);
    expect(sent.can({ type: "CONFIRMER_DATE", now: at("2026-12-11") })).toBe(false);
  });

  it("can be cancelled before a date is fixed, not after", () => {
    expect(run(ITAC, [{ type: "ANNULER", reason: "Doublon", now: at("2026-11-20") }]).value).toBe("annulee");
    const dated = run(ITAC, happyPath(ITAC).slice(0, 2));
    expect(dated.can({ type: "ANNULER", reason: "x", now: at("2026-11-28") })).toBe(false);
  });
});
