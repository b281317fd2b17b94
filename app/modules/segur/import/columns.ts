/**
 * The columns of an establishment extract (issue 12): FINESS géographique and juridique, names,
 * département, category, sector, vendor and product, grappe and wave. Each column is found by its
 * header however a tool wrote it (`folded`: no accents, case, spaces or underscores), and checked
 * with the French words of what it expects, for the report a person acts on.
 */
import { finessProblem, normalisedFiness } from "~/utils/finess";
import { folded } from "~/utils/folding";
import { singleLineProblem } from "~/utils/forms";
import { SECTOR_VOCABULARY, type Sector } from "../vocabulary";

export type ColumnKey =
  | "finessGeographique"
  | "finessJuridique"
  | "name"
  | "legalEntityName"
  | "departement"
  | "category"
  | "sector"
  | "vendor"
  | "product"
  | "grappe"
  | "wave";

export type ImportColumn = {
  key: ColumnKey;
  /** The header the template and the report use. */
  header: string;
  /** Other headers French tools and the FINESS file write for it, folded. */
  aliases: readonly string[];
  required: boolean;
  /** What the template says of its values, when the header does not. */
  hint?: string;
};

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  {
    key: "finessGeographique",
    header: "finess_geographique",
    aliases: ["finess geographique", "finess et", "nofinesset", "finess etablissement"],
    required: true,
  },
  {
    key: "finessJuridique",
    header: "finess_juridique",
    aliases: ["finess juridique", "finess ej", "nofinessej", "finess entite juridique"],
    required: true,
  },
  { key: "name", header: "nom", aliases: ["raison sociale", "rs", "nom etablissement", "rslongue"], required: true },
  {
    key: "legalEntityName",
    header: "nom_entite_juridique",
    aliases: ["raison sociale ej", "rs ej", "organisme gestionnaire", "entite juridique"],
    required: true,
  },
  {
    key: "departement",
    header: "departement",
    aliases: ["dept", "code departement", "departement code"],
    required: true,
  },
  { key: "category", header: "categorie", aliases: ["libelle categorie", "categorie etablissement"], required: true },
  {
    key: "sector",
    header: "secteur",
    aliases: [],
    required: true,
    hint: "PROTECTION_ENFANCE, PERSONNES_AGEES, PERSONNES_HANDICAPEES, DOMICILE, AUTRE, ou leur libellé",
  },
  { key: "vendor", header: "editeur", aliases: ["editeur du logiciel"], required: false },
  { key: "product", header: "logiciel", aliases: ["produit", "dui", "logiciel dui"], required: false },
  { key: "grappe", header: "grappe", aliases: ["code grappe"], required: false, hint: "le code de la grappe" },
  {
    key: "wave",
    header: "vague",
    aliases: ["numero vague", "vague de deploiement"],
    required: false,
    hint: "le numéro d'une vague de la grappe",
  },
];

/** Which column of the file each key is in; the required ones missing, by their header. */
export function columnsOf(headers: readonly string[]): { at: Map<ColumnKey, number>; missing: string[] } {
  const at = new Map<ColumnKey, number>();
  headers.forEach((header, index) => {
    const name = folded(header.replace(/^\uFEFF/, ""));
    const column = IMPORT_COLUMNS.find((c) => folded(c.header) === name || c.aliases.includes(name));
    if (column && !at.has(column.key)) at.set(column.key, index);
  });
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !at.has(c.key)).map((c) => c.header);
  return { at, missing };
}

/** What the checks need to know of the database, read once before the file. */
export type ImportReferences = {
  departements: ReadonlySet<string>;
  /** Folded "vendor|product" → product id. */
  products: ReadonlyMap<string, string>;
  /** Grappe code → its wave ranks. */
  grappes: ReadonlyMap<string, ReadonlySet<number>>;
};

/** One line of the file, checked. */
export type ImportLine = {
  line: number;
  finessGeographique: string;
  finessJuridique: string;
  name: string;
  legalEntityName: string;
  departementCode: string;
  category: string;
  sector: Sector;
  productId: string | null;
  grappeCode: string | null;
  waveRank: number | null;
};

export type ImportProblem = { line: number; column: string; value: string; expected: string };

const textProblem = (value: string, max: number) =>
  singleLineProblem(value) ?? (value.length > max ? `${max} caractères au plus` : null);

/** "1" → "01", "2a" → "2A": a département as spreadsheets mangle it. */
const departementCode = (value: string) => {
  const code = value.trim().toUpperCase();
  return /^\d$/.test(code) ? `0${code}` : code;
};

const SECTORS = new Map(
  SECTOR_VOCABULARY.codes.flatMap((code) => [
    [folded(code), code],
    [folded(SECTOR_VOCABULARY.labels[code]), code],
  ]),
);

/**
 * One record's checks: its values by key, or the problems found (each with the file's header
 * of its column, the value found and what was expected).
 */
export function checkLine(
  line: number,
  value: (key: ColumnKey) => string,
  header: (key: ColumnKey) => string,
  refs: ImportReferences,
): { ok: true; line: ImportLine } | { ok: false; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const problem = (key: ColumnKey, expected: string) =>
    problems.push({ line, column: header(key), value: value(key), expected });
  const required = (key: ColumnKey, what: string) => {
    if (value(key).trim() === "") problem(key, what);
    return value(key).trim();
  };
  const finess = (key: ColumnKey) => {
    const raw = required(key, "un numéro FINESS de 9 caractères");
    const number = normalisedFiness(raw);
    const wrong = number ? finessProblem(number) : null;
    if (raw && wrong) problem(key, wrong);
    return number ?? "";
  };
  const text = (key: ColumnKey, what: string, max: number) => {
    const raw = required(key, what);
    const wrong = raw ? textProblem(raw, max) : null;
    if (wrong) problem(key, wrong);
    return raw;
  };

  const finessGeographique = finess("finessGeographique");
  const finessJuridique = finess("finessJuridique");
  const name = text("name", "le nom de l'établissement", 200);
  const legalEntityName = text("legalEntityName", "le nom de l'entité juridique (organisme gestionnaire)", 200);
  const departement = departementCode(required("departement", "le code du département, par exemple 14 ou 2A"));
  if (departement && !refs.departements.has(departement))
    problem("departement", "un code de département existant, par exemple 14, 2A ou 974");
  const category = text("category", "la catégorie FINESS de l'établissement (MECS, IME, SAAD…)", 100);
  const sectorText = required("sector", `un secteur : ${SECTOR_VOCABULARY.codes.join(", ")}`);
  const sector = SECTORS.get(folded(sectorText));
  if (sectorText && !sector) problem("sector", `un secteur : ${SECTOR_VOCABULARY.codes.join(", ")}`);

  const vendor = value("vendor").trim();
  const product = value("product").trim();
  let productId: string | null = null;
  if (vendor || product) {
    productId = refs.products.get(`${folded(vendor)}|${folded(product)}`) ?? null;
    if (!vendor) problem("vendor", "l'éditeur du logiciel indiqué");
    else if (!product) problem("product", "le logiciel de l'éditeur indiqué");
    else if (!productId) problem("product", "un logiciel connu de l'application, avec son éditeur");
  }
  const grappeCode = value("grappe").trim() || null;
  const waveText = value("wave").trim();
  const waves = grappeCode ? refs.grappes.get(grappeCode) : undefined;
  if (grappeCode && !waves) problem("grappe", "le code d'une grappe connue de l'application");
  let waveRank: number | null = null;
  if (waveText) {
    waveRank = /^\d{1,3}$/.test(waveText) ? Number(waveText) : null;
    if (!grappeCode) problem("wave", "une vague seulement pour un établissement d'une grappe");
    else if (waves && (waveRank === null || !waves.has(waveRank)))
      problem(
        "wave",
        `le numéro d'une vague de la grappe (${[...waves].sort((a, b) => a - b).join(", ") || "aucune"})`,
      );
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    line: {
      line,
      finessGeographique,
      finessJuridique,
      name,
      legalEntityName,
      departementCode: departement,
      category,
      sector: sector!,
      productId,
      grappeCode,
      waveRank,
    },
  };
}
