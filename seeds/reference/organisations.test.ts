import { describe, expect, it } from "vitest";
import { ORGANISATION_KINDS } from "~/modules/organisations/kinds";
import { DEPARTEMENTS } from "./departements";
import {
  CONSEILS_DEPARTEMENTAUX,
  MDPH_ORGANISATIONS,
  PARTENAIRES,
  REFERENCE_ORGANISATIONS,
  SERVICES_ETAT,
  conseilDepartementalCode,
  mdphCode,
} from "./organisations";

const byCode = new Map(REFERENCE_ORGANISATIONS.map((o) => [o.code, o]));

describe("reference organisations", () => {
  it("have unique slug codes and known kinds", () => {
    expect(byCode.size).toBe(REFERENCE_ORGANISATIONS.length);
    for (const org of REFERENCE_ORGANISATIONS) {
      expect(org.code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(ORGANISATION_KINDS).toContain(org.kind);
      expect(org.name.trim()).not.toBe("");
      expect(org.shortName.trim()).not.toBe("");
    }
  });

  it("has one MDPH and one Conseil départemental per département", () => {
    expect(MDPH_ORGANISATIONS).toHaveLength(101);
    expect(CONSEILS_DEPARTEMENTAUX).toHaveLength(101);
    for (const dep of DEPARTEMENTS) {
      expect(byCode.get(mdphCode(dep.code))).toMatchObject({ kind: "MDPH", departementCode: dep.code });
      expect(byCode.get(conseilDepartementalCode(dep.code))).toMatchObject({
        kind: "CONSEIL_DEPARTEMENTAL",
        departementCode: dep.code,
      });
    }
    expect(byCode.get("mdph-53")?.name).toBe("MDPH de la Mayenne");
    expect(byCode.get("mdph-2a")?.name).toBe("MDPH de la Corse-du-Sud");
  });

  it("names the body that holds each département's powers", () => {
    expect(byCode.get("cd-53")?.name).toBe("Conseil départemental de la Mayenne");
    expect(byCode.get("cd-01")?.name).toBe("Conseil départemental de l'Ain");
    expect(byCode.get("cd-75")?.name).toBe("Ville de Paris");
    expect(byCode.get("cd-69")?.name).toBe("Département du Rhône");
    expect(byCode.get("cd-2a")?.name).toBe("Collectivité de Corse");
    expect(byCode.get("cd-2b")?.name).toBe("Collectivité de Corse");
    expect(byCode.get("cd-972")?.name).toBe("Collectivité territoriale de Martinique");
    expect(byCode.get("cd-973")?.name).toBe("Collectivité territoriale de Guyane");
    // Bodies that share a name keep distinct short names.
    const shortNames = CONSEILS_DEPARTEMENTAUX.map((o) => o.shortName);
    expect(new Set(shortNames).size).toBe(shortNames.length);
  });

  it("includes the CNSA, the partners and the State services", () => {
    expect(byCode.get("cnsa")).toMatchObject({ kind: "CNSA", shortName: "CNSA" });
    expect(PARTENAIRES.map((o) => o.code)).toEqual([
      "cnaf",
      "cnamts",
      "msa",
      "france-travail",
      "unedic",
      "menesr",
      "dgefp",
      "dgas",
      "dgme",
      "adf",
      "oned",
    ]);
    for (const org of PARTENAIRES) expect(org.kind).toBe("PARTENAIRE");
    expect(SERVICES_ETAT.map((o) => [o.code, o.parentCode ?? null])).toEqual([
      ["dagemo", null],
      ["men-stsi", null],
      ["men-stsi-rennes", "men-stsi"],
      ["men-stsi-versailles", "men-stsi"],
    ]);
  });

  it("gives every State service a mailbox on a reserved example domain, and nobody else one", () => {
    for (const org of REFERENCE_ORGANISATIONS) {
      if (org.kind === "SERVICE_ETAT") expect(org.email).toMatch(/^[a-z0-9.-]+@[a-z0-9-]+\.example$/);
      else expect(org.email).toBeUndefined();
    }
  });

  it("invents no FINESS number", () => {
    for (const org of REFERENCE_ORGANISATIONS) {
      expect(org).not.toHaveProperty("finessJuridique");
      expect(org).not.toHaveProperty("finessGeographique");
    }
  });

  it("lists every parent before its children", () => {
    const seen = new Set<string>();
    for (const org of REFERENCE_ORGANISATIONS) {
      if (org.parentCode) expect(seen.has(org.parentCode), org.code).toBe(true);
      seen.add(org.code);
    }
  });
});
