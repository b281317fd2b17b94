import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { toCsv } from "~/utils/export.server";
import type { ImportLine, ImportReferences } from "./columns";
import { IMPORT_REPORT_COLUMNS } from "./report.server";
import { separatorOf, validateEstablishmentFile } from "./validate.server";

const folder = mkdtempSync(join(tmpdir(), "passerelles-extrait-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const refs: ImportReferences = {
  departements: new Set(["14", "2A", "33", "974"]),
  products: new Map([["silao|solis", "produit-solis"]]),
  grappes: new Map([["aube-haute-marne", new Set([1, 2])]]),
};

let n = 0;
function file(text: string, encoding: "utf-8" | "windows-1252" = "utf-8") {
  const path = join(folder, `extrait-${(n += 1)}.csv`);
  writeFileSync(path, encoding === "utf-8" ? text : iconv.encode(text, "win1252"));
  return path;
}

async function validated(path: string, encoding: "utf-8" | "windows-1252" = "utf-8") {
  const lines: ImportLine[] = [];
  const outcome = await validateEstablishmentFile(path, { encoding, refs, onLine: (l) => void lines.push(l) });
  return { ...outcome, staged: lines };
}

const HEADER =
  "finess_geographique;finess_juridique;nom;nom_entite_juridique;departement;categorie;secteur;editeur;logiciel;grappe;vague";

describe("an establishment extract, read line by line", () => {
  it("reads a UTF-8 file separated by semicolons, each line with its values", async () => {
    const outcome = await validated(
      file(
        [
          HEADER,
          "140000027;140000019;Maison d'enfants Chanteclair;Association Chanteclair;14;MECS;Protection de l'enfance;Silao;Solis;;",
          '330000027;330000019;"Foyer ""Les Pins""";Association des Pins;33;Foyer de l\'enfance;PROTECTION_ENFANCE;;;aube-haute-marne;2',
        ].join("\r\n"),
      ),
    );
    expect(outcome).toMatchObject({ lines: 2, problems: [], problemCount: 0 });
    expect(outcome.staged).toEqual([
      {
        line: 2,
        finessGeographique: "140000027",
        finessJuridique: "140000019",
        name: "Maison d'enfants Chanteclair",
        legalEntityName: "Association Chanteclair",
        departementCode: "14",
        category: "MECS",
        sector: "PROTECTION_ENFANCE",
        productId: "produit-solis",
        grappeCode: null,
        waveRank: null,
      },
      expect.objectContaining({ line: 3, name: 'Foyer "Les Pins"', grappeCode: "aube-haute-marne", waveRank: 2 }),
    ]);
  });

  it("reads a Windows-1252 file separated by commas, its headers as the FINESS file writes them", async () => {
    const text = [
      "FINESS Géographique,FINESS Juridique,Raison sociale,Raison sociale EJ,Département,Catégorie,Secteur",
      "140000027,140000019,Institut médico-éducatif Sénevé,Association Sénevé,14,IME,Personnes handicapées",
    ].join("\n");
    const outcome = await validated(file(text, "windows-1252"), "windows-1252");
    expect(outcome.problems).toEqual([]);
    expect(outcome.staged[0]).toMatchObject({
      name: "Institut médico-éducatif Sénevé",
      sector: "PERSONNES_HANDICAPEES",
      productId: null,
    });
    expect(separatorOf("a,b;c,d")).toBe(",");
    expect(separatorOf("a;b")).toBe(";");
  });

  it("names every bad value with its line, its column as the file heads it, what was found and what was expected", async () => {
    const outcome = await validated(
      file(
        [
          HEADER,
          "140000028;140000019;Maison;Association Chanteclair;15;MECS;Jeunesse;Silao;;;1",
          "140000027;140000019;;Association Chanteclair;2a;MECS;AUTRE;Inconnu;Logiciel;;",
          "140000027;140000019;Doublon;Autre nom;14;MECS;AUTRE;;;inconnue;",
          "330000027;140000019;Bis;Autre nom;33;MECS;AUTRE;;;aube-haute-marne;7",
        ].join("\n"),
      ),
    );
    expect(outcome.problemCount).toBe(outcome.problems.length);
    expect(outcome.problems).toEqual([
      {
        line: 2,
        column: "finess_geographique",
        value: "140000028",
        expected: expect.stringMatching(/^Ce numéro FINESS n'existe pas : son dernier chiffre \(la clé\)/),
      },
      {
        line: 2,
        column: "departement",
        value: "15",
        expected: "un code de département existant, par exemple 14, 2A ou 974",
      },
      {
        line: 2,
        column: "secteur",
        value: "Jeunesse",
        expected: expect.stringMatching(/^un secteur : PROTECTION_ENFANCE, /),
      },
      { line: 2, column: "logiciel", value: "", expected: "le logiciel de l'éditeur indiqué" },
      { line: 2, column: "vague", value: "1", expected: "une vague seulement pour un établissement d'une grappe" },
      { line: 3, column: "nom", value: "", expected: "le nom de l'établissement" },
      {
        line: 3,
        column: "logiciel",
        value: "Logiciel",
        expected: "un logiciel connu de l'application, avec son éditeur",
      },
      { line: 4, column: "grappe", value: "inconnue", expected: "le code d'une grappe connue de l'application" },
      { line: 5, column: "vague", value: "7", expected: "le numéro d'une vague de la grappe (1, 2)" },
    ]);
    const report = toCsv(IMPORT_REPORT_COLUMNS, outcome.problems).split("\r\n");
    expect(report[0]).toBe("\uFEFFLigne;Colonne;Valeur trouvée;Attendu");
    expect(report[2]).toBe("2;departement;15;un code de département existant, par exemple 14, 2A ou 974");
  });

  it("refuses a FINESS géographique given twice and a legal entity given two names, pointing at the first", async () => {
    const outcome = await validated(
      file(
        [
          HEADER,
          "140000027;140000019;Maison;Association Chanteclair;14;MECS;AUTRE;;;;",
          "140000027;140000019;Maison bis;Association Chanteclair;14;MECS;AUTRE;;;;",
          "330000027;140000019;Foyer;Association Chanteclair 2;33;MECS;AUTRE;;;;",
        ].join("\n"),
      ),
    );
    expect(outcome.problems.map((p) => [p.line, p.column, p.expected])).toEqual([
      [3, "finess_geographique", "un FINESS géographique qui ne figure qu'une fois (déjà à la ligne 2)"],
      [
        4,
        "nom_entite_juridique",
        "le même nom pour la même entité juridique : « Association Chanteclair » à la ligne 2",
      ],
    ]);
    // Nothing is staged past the first problem: the file will be refused as a whole.
    expect(outcome.staged.map((l) => l.line)).toEqual([2]);
  });

  it("says which required columns are missing, and when the text cannot be cut into columns", async () => {
    const missing = await validated(file("nom;departement\nMaison;14\n"));
    expect(missing.problems.map((p) => p.expected)).toEqual([
      "une colonne « finess_geographique »",
      "une colonne « finess_juridique »",
      "une colonne « nom_entite_juridique »",
      "une colonne « categorie »",
      "une colonne « secteur »",
    ]);
    expect(missing.staged).toEqual([]);
    const broken = await validated(
      file(
        `${HEADER}\n140000027;140000019;"Maison;Association;14;MECS;AUTRE;;;;\n330000027;330000019;Foyer;A;33;MECS;AUTRE;;;;\n`,
      ),
    );
    expect(broken.problems).toEqual([
      expect.objectContaining({ expected: expect.stringMatching(/^un texte CSV bien formé/) }),
    ]);
    expect((await validated(file(`${HEADER}\n`))).problems.map((p) => p.expected)).toEqual([
      "au moins une ligne d'établissement sous les en-têtes",
    ]);
  });

  it("keeps the first problems and counts them all", async () => {
    const lines = Array.from({ length: 50 }, (_, i) => `14000002${i % 10};140000019;M;A;99;MECS;AUTRE;;;;`);
    const path = file([HEADER, ...lines].join("\n"));
    const outcome = await validateEstablishmentFile(path, { encoding: "utf-8", refs, maxProblems: 10 });
    expect(outcome.problems).toHaveLength(10);
    expect(outcome.problemCount).toBeGreaterThan(50);
  });
});
