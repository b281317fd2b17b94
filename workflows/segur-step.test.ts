import { describe, expect, it } from "vitest";
import { transition } from "xstate";
import {
  SEGUR_STEP_CHECKS,
  SEGUR_STEP_LABELS,
  openBlockage,
  segurStepFieldProblems,
  segurStepMachine,
  type SegurStepEvent,
} from "./segur-step";
import { SEGUR_STEPS, type StepCode } from "./segur-prerequisites";
import { at } from "../test/support/reprise-paths";
import { exploreMachine, expectFullyExplored, runEvents } from "../test/support/machine-graph";

const asked = (code: StepCode, over: Partial<Extract<SegurStepEvent, { type: "DEMANDER" }>> = {}): SegurStepEvent => ({
  type: "DEMANDER",
  channel: SEGUR_STEPS[code].channels[0],
  askedOn: "2026-03-02",
  actedBy: "Directrice générale",
  actedByPersonId: null,
  missingPredecessors: [],
  now: at("2026-03-02"),
  ...over,
});
const obtained = (day = "2026-03-20", over: Partial<Extract<SegurStepEvent, { type: "OBTENIR" }>> = {}) =>
  ({
    type: "OBTENIR",
    obtainedOn: day,
    note: "Carte reçue",
    reference: "DS 123456",
    now: at("2026-03-20"),
    ...over,
  }) satisfies SegurStepEvent;
const blocked = (over: Partial<Extract<SegurStepEvent, { type: "BLOQUER" }>> = {}) =>
  ({
    type: "BLOQUER",
    blockedOn: "2026-03-05",
    reason: "Plateforme de test du CNDA indisponible",
    blocker: "PLATEFORME_TEST_INDISPONIBLE",
    now: at("2026-03-05"),
    ...over,
  }) satisfies SegurStepEvent;
const unblocked = (day = "2026-03-10"): SegurStepEvent => ({
  type: "DEBLOQUER",
  unblockedOn: day,
  now: at("2026-03-10"),
});
const waived: SegurStepEvent = { type: "DECLARER_SANS_OBJET", reason: "Tous en e-CPS", now: at("2026-03-02") };
const resumed: SegurStepEvent = { type: "REPRENDRE", now: at("2026-03-03") };

const run = (code: StepCode, events: SegurStepEvent[]) => runEvents(segurStepMachine, { stepCode: code }, events);

const candidates = (code: StepCode) => (): SegurStepEvent[] => [
  asked(code),
  obtained(),
  blocked(),
  unblocked(),
  waived,
  resumed,
];

describe("Ségur prerequisite step machine, explored as a graph", () => {
  it("reaches every state and takes every transition of a step nothing needs, never stuck", () =>
    expectFullyExplored(segurStepMachine, { stepCode: "cartes-cpx" }, candidates("cartes-cpx"), SEGUR_STEP_LABELS));

  it("never reaches sans objet for a step others need", () => {
    const explored = exploreMachine(segurStepMachine, { stepCode: "contrat-ans" }, candidates("contrat-ans"));
    expect(explored.reached).toEqual(["aFaire", "bloque", "demande", "obtenu"]);
    expect(explored.untaken).toEqual(["aFaire DECLARER_SANS_OBJET", "sansObjet REPRENDRE"]);
  });

  it("tags open, started, blocked, obtained and settled steps for the queries", () => {
    const tags = (events: SegurStepEvent[]) => [...run("cartes-cpx", events).tags].sort();
    expect(tags([])).toEqual(["ouverte"]);
    expect(tags([asked("cartes-cpx")])).toEqual(["engagee", "ouverte"]);
    expect(tags([asked("cartes-cpx"), blocked()])).toEqual(["bloquee", "engagee", "ouverte"]);
    expect(tags([asked("cartes-cpx"), obtained()])).toEqual(["obtenue", "reglee"]);
    expect(tags([waived])).toEqual(["reglee"]);
  });
});

describe("Ségur prerequisite step rules", () => {
  const today = "2026-03-20";

  it("refuses a request while a hard predecessor is missing, with the graph's French message", () => {
    const start = run("carte-cpe", []);
    const early = asked("carte-cpe", { missingPredecessors: ["contrat-ans"] });
    expect(start.can(early)).toBe(false);
    expect(segurStepFieldProblems(start.context, early, today)).toEqual({
      predecessors: "Étape impossible : le contrat ANS doit d'abord être signé.",
    });
    // An event that carries no verdict at all is refused too: the service must compute it.
    const unchecked = { ...asked("carte-cpe"), missingPredecessors: undefined } as unknown as SegurStepEvent;
    expect(start.can(unchecked)).toBe(false);
    expect(start.can(asked("carte-cpe"))).toBe(true);
  });

  it("records the channel, the day asked and who acted; only a channel of the step is taken", () => {
    const s = run("carte-cpe", [
      asked("carte-cpe", { channel: "TOM", actedBy: " Mandataire ANS ", actedByPersonId: "p1" }),
    ]);
    expect(s.context).toMatchObject({
      channel: "TOM",
      askedOn: "2026-03-02",
      actedBy: "Mandataire ANS",
      actedByPersonId: "p1",
    });
    const wrong = asked("carte-cpe", { channel: "F413" });
    expect(run("carte-cpe", []).can(wrong)).toBe(false);
    expect(segurStepFieldProblems(run("carte-cpe", []).context, wrong, today).channel).toBe(
      "Choisissez l'un des canaux prévus pour cette étape.",
    );
  });

  it("refuses a request dated in the future or made by nobody", () => {
    const start = run("contrat-ans", []);
    const future = asked("contrat-ans", { askedOn: "2026-03-03" });
    expect(start.can(future)).toBe(false);
    expect(segurStepFieldProblems(start.context, future, "2026-03-02").askedOn).toBe(
      "La date de la demande ne peut pas être dans le futur.",
    );
    expect(start.can(asked("contrat-ans", { actedBy: "  " }))).toBe(false);
    expect(start.can(asked("contrat-ans", { askedOn: "2026-02-30" }))).toBe(false);
  });

  it("records the day obtained and the evidence, never before the request nor in the future", () => {
    const requested = run("contrat-ans", [asked("contrat-ans")]);
    const before = obtained("2026-03-01");
    expect(requested.can(before)).toBe(false);
    expect(segurStepFieldProblems(requested.context, before, today).obtainedOn).toBe(
      "La date d'obtention ne peut pas précéder la demande (2 mars 2026).",
    );
    expect(requested.can(obtained("2026-03-21"))).toBe(false);
    expect(requested.can(obtained("2026-03-20", { note: "", reference: " " }))).toBe(false);
    const done = run("contrat-ans", [asked("contrat-ans"), obtained("2026-03-02", { note: "", reference: "DS 42" })]);
    expect(done.status).toBe("done");
    expect(done.context).toMatchObject({ obtainedOn: "2026-03-02", evidence: { note: "", reference: "DS 42" } });
  });

  it("records a blockage with its reason and type, then its end, in the step's history", () => {
    const s = run("homologation-ins", [asked("homologation-ins"), blocked(), unblocked("2026-03-10")]);
    expect(s.value).toBe("demande");
    expect(openBlockage(s.context)).toBeNull();
    expect(s.context.blockages).toEqual([
      {
        since: "2026-03-05",
        until: "2026-03-10",
        reason: "Plateforme de test du CNDA indisponible",
        blocker: "PLATEFORME_TEST_INDISPONIBLE",
      },
    ]);
    const again = run("homologation-ins", [
      asked("homologation-ins"),
      blocked(),
      unblocked(),
      blocked({ blocker: "INTERNE" }),
    ]);
    expect(openBlockage(again.context)).toMatchObject({ since: "2026-03-05", until: null, blocker: "INTERNE" });
  });

  it("refuses a blockage before the request, without a reason or of an unknown type, and an unblocking before it", () => {
    const requested = run("homologation-ins", [asked("homologation-ins")]);
    expect(requested.can(blocked({ blockedOn: "2026-03-01" }))).toBe(false);
    expect(requested.can(blocked({ blockedOn: "2026-03-06" }))).toBe(false);
    expect(requested.can(blocked({ reason: "" }))).toBe(false);
    const unknown = blocked({ blocker: "METEO" });
    expect(requested.can(unknown)).toBe(false);
    expect(segurStepFieldProblems(requested.context, unknown, today).blocker).toBe("Choisissez le type de blocage.");
    const isBlocked = run("homologation-ins", [asked("homologation-ins"), blocked()]);
    expect(isBlocked.can(unblocked("2026-03-04"))).toBe(false);
    expect(segurStepFieldProblems(isBlocked.context, unblocked("2026-03-04"), today).unblockedOn).toBe(
      "La date du déblocage ne peut pas précéder le blocage (5 mars 2026).",
    );
  });

  it("ends a blockage when the step is obtained while blocked, not before the blockage began", () => {
    const isBlocked = run("certificats", [asked("certificats"), blocked({ blocker: "DELAI_ANS" })]);
    expect(isBlocked.can(obtained("2026-03-04"))).toBe(false);
    const [done] = transition(segurStepMachine, isBlocked, obtained("2026-03-12"));
    expect(done.value).toBe("obtenu");
    expect(done.context.blockages[0].until).toBe("2026-03-12");
  });

  it("waives only a step nothing needs, with a reason, and lets it be taken up again", () => {
    const needed = run("contrat-ans", []);
    expect(needed.can(waived)).toBe(false);
    expect(SEGUR_STEP_CHECKS.waivable(needed.context)).toBe(
      "Cette étape conditionne « Carte CPE du gestionnaire RPPS+ » : elle ne peut pas être déclarée sans objet.",
    );
    expect(SEGUR_STEP_CHECKS.waivable(run("cartes-cpx", []).context)).toBeNull();
    expect(run("cartes-cpx", []).can({ ...waived, reason: " " })).toBe(false);
    const back = run("cartes-cpx", [waived, resumed]);
    expect(back.value).toBe("aFaire");
    expect(back.context.waivedReason).toBeNull();
    expect(run("cartes-cpx", [waived]).context.waivedReason).toBe("Tous en e-CPS");
    // A started step is not waived: it is blocked, or obtained.
    expect(run("cartes-cpx", [asked("cartes-cpx")]).can(waived)).toBe(false);
  });
});
