import { describe, expect, it } from "vitest";
import { DEPARTEMENTS, getDepartement, isDepartementCode, mdphName, ofDepartement } from "./departements";

describe("départements", () => {
  it("lists the 101 départements once each, in the official order", () => {
    const codes = DEPARTEMENTS.map((d) => d.code);
    expect(codes).toHaveLength(101);
    expect(new Set(codes).size).toBe(101);
    const expected = [
      ...Array.from({ length: 19 }, (_, i) => String(i + 1).padStart(2, "0")),
      "2A",
      "2B",
      ...Array.from({ length: 75 }, (_, i) => String(i + 21)),
      "971",
      "972",
      "973",
      "974",
      "976",
    ];
    expect(codes).toEqual(expected);
  });

  it("uses the official spellings", () => {
    expect(getDepartement("22")?.name).toBe("Côtes-d'Armor");
    expect(getDepartement("35")?.name).toBe("Ille-et-Vilaine");
    expect(getDepartement("90")?.name).toBe("Territoire de Belfort");
    expect(getDepartement("974")?.name).toBe("La Réunion");
    expect(getDepartement("2A")?.name).toBe("Corse-du-Sud");
    expect(getDepartement("95")?.name).toBe("Val-d'Oise");
    for (const dep of DEPARTEMENTS) expect(dep.name).toBe(dep.name.trim());
  });

  it.each([
    ["53", "MDPH de la Mayenne"],
    ["59", "MDPH du Nord"],
    ["01", "MDPH de l'Ain"],
    ["13", "MDPH des Bouches-du-Rhône"],
    ["75", "MDPH de Paris"],
    ["35", "MDPH d'Ille-et-Vilaine"],
    ["28", "MDPH d'Eure-et-Loir"],
    ["71", "MDPH de Saône-et-Loire"],
    ["90", "MDPH du Territoire de Belfort"],
    ["974", "MDPH de La Réunion"],
    ["976", "MDPH de Mayotte"],
    ["2B", "MDPH de la Haute-Corse"],
  ])("names the MDPH of %s « %s »", (code, expected) => {
    const dep = getDepartement(code);
    expect(dep).toBeDefined();
    expect(mdphName(dep!)).toBe(expected);
  });

  it("elides before a vowel or a mute h, and never before a consonant", () => {
    for (const dep of DEPARTEMENTS) {
      // Hérault is the only mute h; Haute-, Hautes-, Haut-, Hauts- are aspirated.
      const elides = /^[AEÉIOUY]/.test(dep.name) || dep.name === "Hérault";
      if (dep.preposition === "de l'" || dep.preposition === "d'") expect(elides, dep.name).toBe(true);
      if (dep.preposition !== "de l'" && dep.preposition !== "d'" && dep.preposition !== "des")
        expect(elides, dep.name).toBe(false);
      expect(ofDepartement(dep)).not.toMatch(/'\s/);
    }
  });

  it("recognises département codes", () => {
    expect(isDepartementCode("2A")).toBe(true);
    expect(isDepartementCode("976")).toBe(true);
    expect(isDepartementCode("20")).toBe(false);
    expect(isDepartementCode("975")).toBe(false);
    expect(isDepartementCode(53)).toBe(false);
  });
});
