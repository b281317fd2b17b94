import { describe, expect, it } from "vitest";
import {
  SEGUR_STEPS,
  STEP_CHANNELS,
  STEP_CODES,
  STEP_SCOPES,
  dependentSteps,
  missingPredecessors,
  obtainedFor,
  predecessorRefusal,
  startableSteps,
  topologicalOrder,
  type RecordedStep,
  type StepCode,
} from "./segur-prerequisites";

/** The table (and the one edge the file argues for: a site's professionals need its FINESS). */
const HARD: [StepCode, StepCode][] = [
  ["contrat-ans", "finess-juridique"],
  ["carte-cpe", "contrat-ans"],
  ["gestionnaire-rpps", "carte-cpe"],
  ["professionnels-rpps", "gestionnaire-rpps"],
  ["professionnels-rpps", "finess-geographique"],
  ["certificats", "carte-cpe"],
  ["certificats", "finess-juridique"],
  ["cartes-cpx", "carte-cpe"],
  ["cartes-cpx", "finess-juridique"],
  ["insi-auth-cli", "certificats"],
  ["insi-auth-cli", "homologation-ins"],
];

const all = new Set<StepCode>(STEP_CODES);
const without = (...codes: StepCode[]) => new Set(STEP_CODES.filter((code) => !codes.includes(code)));

describe("the Ségur prerequisite graph", () => {
  it("declares exactly the hard dependencies of the issue's table", () => {
    const declared = STEP_CODES.flatMap((code) => SEGUR_STEPS[code].after.map((before) => [code, before]));
    expect(declared.sort()).toEqual([...HARD].sort());
  });

  it("has no cycle, names only steps it defines, gives each a valid scope and at least one channel", () => {
    const order = topologicalOrder();
    expect(order).toHaveLength(STEP_CODES.length);
    for (const code of STEP_CODES) {
      for (const before of SEGUR_STEPS[code].after) expect(order.indexOf(before)).toBeLessThan(order.indexOf(code));
      expect(STEP_SCOPES).toContain(SEGUR_STEPS[code].scope);
      expect(SEGUR_STEPS[code].channels.length).toBeGreaterThan(0);
      for (const channel of SEGUR_STEPS[code].channels) expect(STEP_CHANNELS).toContain(channel);
    }
    // The order check itself refuses a cycle and an unknown step.
    expect(() => topologicalOrder({ a: { after: ["b"] }, b: { after: ["a"] } })).toThrow(/Cycle among steps: a, b/);
    expect(() => topologicalOrder({ a: { after: ["z"] } })).toThrow(/unknown steps: z/);
  });

  it("scopes each step as 004 does", () => {
    expect(Object.fromEntries(STEP_CODES.map((code) => [code, SEGUR_STEPS[code].scope]))).toEqual({
      "finess-juridique": "ENTITE_JURIDIQUE",
      "finess-geographique": "SITE",
      "contrat-ans": "ENTITE_JURIDIQUE",
      "carte-cpe": "PERSONNE",
      "gestionnaire-rpps": "PERSONNE",
      "professionnels-rpps": "SITE",
      certificats: "ENTITE_JURIDIQUE",
      "cartes-cpx": "PERSONNE",
      "homologation-ins": "ENTITE_JURIDIQUE",
      "insi-auth-cli": "ENTITE_JURIDIQUE",
    });
  });

  for (const [step, before] of HARD) {
    it(`refuses ${step} while ${before} is missing, naming it in French`, () => {
      const missing = missingPredecessors(step, without(before));
      expect(missing).toEqual([before]);
      expect(predecessorRefusal(missing)).toBe(`Étape impossible : ${SEGUR_STEPS[before].needed}.`);
      expect(startableSteps(without(before, step))).not.toContain(step);
    });
  }

  it("says it as the pages show it, naming every missing step", () => {
    expect(predecessorRefusal(missingPredecessors("carte-cpe", new Set()))).toBe(
      "Étape impossible : le contrat ANS doit d'abord être signé.",
    );
    expect(predecessorRefusal(missingPredecessors("insi-auth-cli", new Set()))).toBe(
      "Étape impossible : les certificats AUTH_CLI et SIGN doivent d'abord être obtenus et l'auto-homologation INS doit d'abord être prononcée.",
    );
    expect(predecessorRefusal([])).toBeNull();
  });

  it("starts every step without a predecessor at once, INS self-homologation on day one", () => {
    expect(startableSteps(new Set())).toEqual(["finess-juridique", "finess-geographique", "homologation-ins"]);
    // Started steps are not offered again; independent steps stay startable side by side.
    expect(startableSteps(new Set(["finess-juridique"]), new Set(["homologation-ins"]))).toEqual([
      "finess-geographique",
      "contrat-ans",
    ]);
    expect(startableSteps(new Set(["finess-juridique", "finess-geographique", "contrat-ans", "carte-cpe"]))).toEqual([
      "gestionnaire-rpps",
      "certificats",
      "cartes-cpx",
      "homologation-ins",
    ]);
    expect(startableSteps(all)).toEqual([]);
  });

  it("refuses the INSi use until both the certificates and the self-homologation are obtained", () => {
    const upTo = (...codes: StepCode[]) => new Set<StepCode>(codes);
    const base: StepCode[] = ["finess-juridique", "contrat-ans", "carte-cpe"];
    expect(missingPredecessors("insi-auth-cli", upTo(...base, "certificats"))).toEqual(["homologation-ins"]);
    expect(missingPredecessors("insi-auth-cli", upTo(...base, "homologation-ins"))).toEqual(["certificats"]);
    expect(missingPredecessors("insi-auth-cli", upTo(...base, "certificats", "homologation-ins"))).toEqual([]);
    expect(startableSteps(upTo(...base, "certificats", "homologation-ins"))).toContain("insi-auth-cli");
  });

  it("lists every step a departure or a missing step puts at risk", () => {
    expect(dependentSteps("carte-cpe")).toEqual([
      "gestionnaire-rpps",
      "professionnels-rpps",
      "certificats",
      "cartes-cpx",
      "insi-auth-cli",
    ]);
    expect(dependentSteps("homologation-ins")).toEqual(["insi-auth-cli"]);
    expect(dependentSteps("insi-auth-cli")).toEqual([]);
  });
});

describe("which obtained steps count for a subject", () => {
  const entity = (stepCode: StepCode, legalEntityId = "EJ1"): RecordedStep => ({
    stepCode,
    legalEntityId,
    siteId: null,
    personId: null,
    obtained: true,
  });
  const ofPerson = (stepCode: StepCode, personId: string): RecordedStep => ({
    ...entity(stepCode),
    personId,
  });
  const ofSite = (stepCode: StepCode, siteId: string): RecordedStep => ({ ...entity(stepCode), siteId });

  it("counts the legal entity's own steps, never another legal entity's, never a step not obtained", () => {
    const subject = { legalEntityId: "EJ1", siteId: null, personId: "P1" };
    expect([...obtainedFor("carte-cpe", subject, [entity("contrat-ans", "EJ2")])]).toEqual([]);
    expect([...obtainedFor("carte-cpe", subject, [{ ...entity("contrat-ans"), obtained: false }])]).toEqual([]);
    expect([...obtainedFor("carte-cpe", subject, [entity("contrat-ans")])]).toEqual(["contrat-ans"]);
  });

  it("takes an RPPS+ manager's own CPE card, but any CPE card of the legal entity for its certificates and CPx cards", () => {
    const recorded = [entity("finess-juridique"), ofPerson("carte-cpe", "P1")];
    const manager = (personId: string) => ({ legalEntityId: "EJ1", siteId: null, personId });
    expect(missingPredecessors("gestionnaire-rpps", obtainedFor("gestionnaire-rpps", manager("P2"), recorded))).toEqual(
      ["carte-cpe"],
    );
    expect(missingPredecessors("gestionnaire-rpps", obtainedFor("gestionnaire-rpps", manager("P1"), recorded))).toEqual(
      [],
    );
    expect(missingPredecessors("cartes-cpx", obtainedFor("cartes-cpx", manager("P3"), recorded))).toEqual([]);
    const legalEntity = { legalEntityId: "EJ1", siteId: null, personId: null };
    expect(missingPredecessors("certificats", obtainedFor("certificats", legalEntity, recorded))).toEqual([]);
  });

  it("takes a site's own FINESS and any RPPS+ manager of its legal entity for its professionals", () => {
    const recorded = [ofPerson("gestionnaire-rpps", "P1"), ofSite("finess-geographique", "S1")];
    const site = (siteId: string) => ({ legalEntityId: "EJ1", siteId, personId: null });
    expect(
      missingPredecessors("professionnels-rpps", obtainedFor("professionnels-rpps", site("S1"), recorded)),
    ).toEqual([]);
    expect(
      missingPredecessors("professionnels-rpps", obtainedFor("professionnels-rpps", site("S2"), recorded)),
    ).toEqual(["finess-geographique"]);
  });
});
