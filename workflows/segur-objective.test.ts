import { describe, expect, it } from "vitest";
import {
  SEGUR_OBJECTIVE_LABELS,
  objectiveCell,
  objectiveInputProblems,
  segurObjectiveFieldProblems,
  segurObjectiveMachine,
  type SegurObjectiveEvent,
  type SegurObjectiveInput,
} from "./segur-objective";
import { at } from "../test/support/reprise-paths";
import { expectFullyExplored, runEvents } from "../test/support/machine-graph";

const PMI: SegurObjectiveInput = {
  service: "MSSANTE",
  what: "Transmettre des informations de suivi d'un jeune au service de PMI du département",
  counterpart: "Service de PMI du département",
  environment: "REEL",
  boxType: "ORGANISATIONNELLE",
};

const inTest: SegurObjectiveEvent = {
  type: "ATTEINT_EN_TEST",
  reachedOn: "2022-05-10",
  note: "",
  now: at("2022-05-10"),
};
const inReal: SegurObjectiveEvent = {
  type: "ATTEINT_EN_REEL",
  reachedOn: "2022-06-20",
  note: " Message reçu par la PMI ",
  now: at("2022-06-20"),
};
const missed: SegurObjectiveEvent = { type: "NON_ATTEINT", reason: "API MSSanté en transition", now: at("2022-07-08") };
const resumed: SegurObjectiveEvent = { type: "REPRENDRE", now: at("2022-09-01") };
const candidates = () => [inTest, inReal, missed, resumed];

const run = (events: SegurObjectiveEvent[], input = PMI) => runEvents(segurObjectiveMachine, input, events);

describe("Ségur objective machine, explored as a graph", () => {
  it("reaches every state and takes every transition, never stuck", () =>
    expectFullyExplored(segurObjectiveMachine, PMI, candidates, SEGUR_OBJECTIVE_LABELS));
});

describe("Ségur objective rules", () => {
  it("records each ending with its outcome code", () => {
    expect(run([inReal]).context).toMatchObject({
      outcome: "ATTEINT_REEL",
      reachedInRealOn: "2022-06-20",
      note: "Message reçu par la PMI",
    });
    expect(run([inTest]).context).toMatchObject({ outcome: "ATTEINT_TEST", reachedInTestOn: "2022-05-10" });
    expect(run([missed]).context.outcome).toBe("NON_ATTEINT");
  });

  it("promotes a use case reached in test once it runs for real, keeping the test date, never earlier", () => {
    const promoted = run([inTest, inReal]);
    expect(promoted.value).toBe("atteintReel");
    expect(promoted.context).toMatchObject({ reachedInTestOn: "2022-05-10", reachedInRealOn: "2022-06-20" });
    const early = { ...inReal, reachedOn: "2022-05-01" };
    expect(run([inTest]).can(early)).toBe(false);
    expect(segurObjectiveFieldProblems(run([inTest]).context, early, "2022-06-20").reachedOn).toBe(
      "Le cas d'usage ne peut pas avoir été atteint en réel avant de l'être en test.",
    );
    // Real is the end: it does not go back to test.
    expect(promoted.can(inTest)).toBe(false);
  });

  it("requires the reason of an objective not reached, and keeps every reason when it is taken up again", () => {
    expect(run([]).can({ ...missed, reason: "  " })).toBe(false);
    expect(segurObjectiveFieldProblems(run([]).context, { ...missed, reason: "" }, "2022-07-08")).toEqual({
      reason: "Indiquez pourquoi l'objectif n'est pas atteint.",
    });
    const again = run([missed, resumed, { ...missed, reason: "Pas de professionnel externe mobilisé" }]);
    expect(again.context.notReachedReasons).toEqual([
      { on: "2022-07-08", reason: "API MSSanté en transition" },
      { on: "2022-07-08", reason: "Pas de professionnel externe mobilisé" },
    ]);
    expect(run([missed, resumed]).context.outcome).toBeNull();
  });

  it("refuses a date in the future", () => {
    expect(run([]).can({ ...inTest, reachedOn: "2022-05-11" })).toBe(false);
    expect(run([]).can({ ...inTest, reachedOn: "10/05/2022" })).toBe(false);
  });

  it("asks a use case for what, with whom, the environment, and a box type for MSSanté only", () => {
    expect(objectiveInputProblems(PMI)).toEqual({});
    expect(objectiveInputProblems({ ...PMI, boxType: null })).toEqual({
      boxType: "Choisissez le type de boîte aux lettres MSSanté.",
    });
    expect(objectiveInputProblems({ ...PMI, service: "INS" })).toEqual({
      boxType: "Seul un cas d'usage MSSanté a un type de boîte aux lettres.",
    });
    expect(
      objectiveInputProblems({ service: "DMP", what: " ", counterpart: "", environment: "X", boxType: null }),
    ).toEqual({
      what: "Décrivez le cas d'usage.",
      counterpart: "Indiquez avec qui l'échange a lieu.",
      environment: "Choisissez l'environnement visé.",
    });
  });
});

describe("the board's cell rule", () => {
  it("combines the use cases of one service into the best outcome reached, listing the others", () => {
    expect(
      objectiveCell([
        { what: "Qualifier l'INS à l'admission", outcome: "NON_ATTEINT" },
        { what: "Qualifier l'INS des jeunes accueillis", outcome: "ATTEINT_TEST" },
        { what: "Qualifier l'INS en foyer", outcome: null },
        { what: "Qualifier l'INS par lecture de la carte Vitale", outcome: "ATTEINT_TEST" },
      ]),
    ).toEqual({
      outcome: "ATTEINT_TEST",
      best: ["Qualifier l'INS des jeunes accueillis", "Qualifier l'INS par lecture de la carte Vitale"],
      others: [
        { what: "Qualifier l'INS à l'admission", outcome: "NON_ATTEINT" },
        { what: "Qualifier l'INS en foyer", outcome: "EN_COURS" },
      ],
    });
  });

  it("orders real before test before not reached before in progress", () => {
    const cell = (...outcomes: ("ATTEINT_REEL" | "ATTEINT_TEST" | "NON_ATTEINT" | null)[]) =>
      objectiveCell(outcomes.map((outcome, i) => ({ what: `cas ${i}`, outcome }))).outcome;
    expect(cell(null, "NON_ATTEINT", "ATTEINT_TEST", "ATTEINT_REEL")).toBe("ATTEINT_REEL");
    expect(cell(null, "NON_ATTEINT", "ATTEINT_TEST")).toBe("ATTEINT_TEST");
    expect(cell(null, "NON_ATTEINT")).toBe("NON_ATTEINT");
    expect(cell(null)).toBe("EN_COURS");
    expect(objectiveCell([])).toEqual({ outcome: "AUCUN", best: [], others: [] });
  });
});
