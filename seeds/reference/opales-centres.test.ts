import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEPARTEMENTS, isDepartementCode } from "./departements";
import {
  OPALES_CENTRE_BY_CODE,
  OPALES_CENTRES,
  OPALES_LEFT_OUT,
  OPALES_SOURCE_LABEL_CODES,
  OPALES_SOURCE_LISTS,
  OPALES_SOURCE_TEXT,
  OpalesSourceError,
  opalesCentreOf,
  opalesSourceLabelOf,
  resolveOpalesCentres,
} from "./opales-centres";

// The shared source, where this checkout has it: the embedded paragraphs must match it.
const SOURCE_FILE = "/work/shared/sources/001_3ffb961977221efb.txt";

describe("OPALES routing (source 001, « Serveur de Rennes » / « Serveur de Versailles »)", () => {
  it("maps every label of the source to exactly one known département code", () => {
    const codesByLabel = new Map<string, Set<string>>();
    for (const centre of OPALES_CENTRES) {
      for (const label of OPALES_SOURCE_LISTS[centre]) {
        expect(Object.hasOwn(OPALES_SOURCE_LABEL_CODES[centre], label), `${centre}: ${label}`).toBe(true);
        const code = OPALES_SOURCE_LABEL_CODES[centre][label];
        expect(isDepartementCode(code), `${label} → ${code}`).toBe(true);
        codesByLabel.set(label, (codesByLabel.get(label) ?? new Set()).add(code));
      }
      // No mapping for a label the source does not use.
      expect(new Set(Object.keys(OPALES_SOURCE_LABEL_CODES[centre]))).toEqual(new Set(OPALES_SOURCE_LISTS[centre]));
    }
    for (const [label, codes] of codesByLabel) expect(codes.size, label).toBe(1);
  });

  it("resolves the names the source writes loosely", () => {
    expect(OPALES_SOURCE_LABEL_CODES.VERSAILLES["Côtes d'Armor"]).toBe("22");
    expect(OPALES_SOURCE_LABEL_CODES.VERSAILLES["Ile-et-Vilaine"]).toBe("35");
    expect(OPALES_SOURCE_LABEL_CODES.RENNES["Territoire-de-Belfort"]).toBe("90");
    expect(OPALES_SOURCE_LABEL_CODES.RENNES["Réunion"]).toBe("974");
    expect(opalesSourceLabelOf("22")).toBe("Côtes d'Armor");
    expect(opalesSourceLabelOf("974")).toBe("Réunion");
  });

  it("keeps two codes apart that look alike: Haute-Corse is Rennes, Corse-du-Sud Versailles", () => {
    expect(opalesCentreOf("2B")).toBe("RENNES");
    expect(opalesCentreOf("2A")).toBe("VERSAILLES");
    expect(opalesCentreOf("53")).toBe("RENNES");
    expect(opalesCentreOf("75")).toBe("VERSAILLES");
    expect(opalesCentreOf("971")).toBe("VERSAILLES");
    expect(opalesCentreOf("972")).toBe("VERSAILLES");
  });

  it("puts no département in both centres", () => {
    const rennes = new Set(Object.values(OPALES_SOURCE_LABEL_CODES.RENNES));
    const versailles = new Set(Object.values(OPALES_SOURCE_LABEL_CODES.VERSAILLES));
    expect([...rennes].filter((code) => versailles.has(code))).toEqual([]);
  });

  it("refuses a département listed under both centres", () => {
    const lists = { RENNES: [...OPALES_SOURCE_LISTS.RENNES, "Nord"], VERSAILLES: OPALES_SOURCE_LISTS.VERSAILLES };
    const codes = {
      RENNES: { ...OPALES_SOURCE_LABEL_CODES.RENNES, Nord: "59" },
      VERSAILLES: OPALES_SOURCE_LABEL_CODES.VERSAILLES,
    };
    expect(() => resolveOpalesCentres(lists, codes)).toThrow(OpalesSourceError);
    expect(() => resolveOpalesCentres(lists, codes)).toThrow(/59 is listed under both centres/);
  });

  it("refuses a label without a mapping, or mapped to an unknown code", () => {
    const lists = {
      RENNES: [...OPALES_SOURCE_LISTS.RENNES, "Seine-et-Oise"],
      VERSAILLES: OPALES_SOURCE_LISTS.VERSAILLES,
    };
    expect(() => resolveOpalesCentres(lists)).toThrow(/Seine-et-Oise/);
    const codes = {
      RENNES: { ...OPALES_SOURCE_LABEL_CODES.RENNES, "Seine-et-Oise": "78bis" },
      VERSAILLES: OPALES_SOURCE_LABEL_CODES.VERSAILLES,
    };
    expect(() => resolveOpalesCentres(lists, codes)).toThrow(/Unknown département code/);
  });

  it("detects the duplicate Hautes-Alpes under Rennes and collapses it to one", () => {
    expect(OPALES_SOURCE_LISTS.RENNES.filter((label) => label === "Hautes-Alpes")).toHaveLength(2);
    const { duplicates, byCode } = resolveOpalesCentres();
    expect(duplicates).toEqual([{ centre: "RENNES", code: "05", labels: ["Hautes-Alpes", "Hautes-Alpes"] }]);
    expect(byCode.get("05")).toEqual({ centre: "RENNES", sourceLabel: "Hautes-Alpes" });
    expect([...byCode.keys()].filter((code) => code === "05")).toHaveLength(1);
  });

  it("leaves out exactly Guyane and Mayotte", () => {
    expect(OPALES_LEFT_OUT).toEqual(["973", "976"]);
    expect(resolveOpalesCentres().leftOut).toEqual(["973", "976"]);
    expect(opalesCentreOf("973")).toBeNull();
    expect(opalesCentreOf("976")).toBeNull();
    expect(opalesSourceLabelOf("976")).toBeNull();
  });

  it("counts 51 labels / 50 départements for Rennes and 49 / 49 for Versailles", () => {
    expect(OPALES_SOURCE_LISTS.RENNES).toHaveLength(51);
    expect(OPALES_SOURCE_LISTS.VERSAILLES).toHaveLength(49);
    const perCentre = { RENNES: 0, VERSAILLES: 0 };
    for (const { centre } of OPALES_CENTRE_BY_CODE.values()) perCentre[centre] += 1;
    expect(perCentre).toEqual({ RENNES: 50, VERSAILLES: 49 });
    expect(OPALES_CENTRE_BY_CODE.size + OPALES_LEFT_OUT.length).toBe(DEPARTEMENTS.length);
  });

  it.skipIf(!existsSync(SOURCE_FILE))("embeds the source's paragraphs verbatim", () => {
    const lines = readFileSync(SOURCE_FILE, "utf8").split(/\r?\n/);
    const after = (heading: string) => lines.slice(lines.indexOf(heading) + 1).find((line) => line.trim() !== "");
    expect(after("Serveur de Rennes")).toBe(OPALES_SOURCE_TEXT.RENNES);
    expect(after("Serveur de Versailles")).toBe(OPALES_SOURCE_TEXT.VERSAILLES);
  });
});
