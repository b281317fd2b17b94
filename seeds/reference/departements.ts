/**
 * The 101 French départements (96 in metropolitan France, 5 overseas), with their official
 * names (COG, INSEE) and the preposition French puts before each name ("MDPH de la Mayenne",
 * "MDPH du Nord", "MDPH d'Ille-et-Vilaine", "MDPH de Paris").
 */

/**
 * How French says "of <département>". Names joined by "et" and a few others take no
 * article ("de Saône-et-Loire", "d'Indre-et-Loire", "de Vaucluse"), hence "de" and its
 * elided form "d'".
 */
export type DepartementPreposition = "du" | "de la" | "de l'" | "des" | "de" | "d'";

export interface DepartementSeed {
  readonly code: string;
  readonly name: string;
  readonly preposition: DepartementPreposition;
}

export const DEPARTEMENTS = [
  { code: "01", name: "Ain", preposition: "de l'" },
  { code: "02", name: "Aisne", preposition: "de l'" },
  { code: "03", name: "Allier", preposition: "de l'" },
  { code: "04", name: "Alpes-de-Haute-Provence", preposition: "des" },
  { code: "05", name: "Hautes-Alpes", preposition: "des" },
  { code: "06", name: "Alpes-Maritimes", preposition: "des" },
  { code: "07", name: "Ardèche", preposition: "de l'" },
  { code: "08", name: "Ardennes", preposition: "des" },
  { code: "09", name: "Ariège", preposition: "de l'" },
  { code: "10", name: "Aube", preposition: "de l'" },
  { code: "11", name: "Aude", preposition: "de l'" },
  { code: "12", name: "Aveyron", preposition: "de l'" },
  { code: "13", name: "Bouches-du-Rhône", preposition: "des" },
  { code: "14", name: "Calvados", preposition: "du" },
  { code: "15", name: "Cantal", preposition: "du" },
  { code: "16", name: "Charente", preposition: "de la" },
  { code: "17", name: "Charente-Maritime", preposition: "de la" },
  { code: "18", name: "Cher", preposition: "du" },
  { code: "19", name: "Corrèze", preposition: "de la" },
  { code: "2A", name: "Corse-du-Sud", preposition: "de la" },
  { code: "2B", name: "Haute-Corse", preposition: "de la" },
  { code: "21", name: "Côte-d'Or", preposition: "de la" },
  { code: "22", name: "Côtes-d'Armor", preposition: "des" },
  { code: "23", name: "Creuse", preposition: "de la" },
  { code: "24", name: "Dordogne", preposition: "de la" },
  { code: "25", name: "Doubs", preposition: "du" },
  { code: "26", name: "Drôme", preposition: "de la" },
  { code: "27", name: "Eure", preposition: "de l'" },
  { code: "28", name: "Eure-et-Loir", preposition: "d'" },
  { code: "29", name: "Finistère", preposition: "du" },
  { code: "30", name: "Gard", preposition: "du" },
  { code: "31", name: "Haute-Garonne", preposition: "de la" },
  { code: "32", name: "Gers", preposition: "du" },
  { code: "33", name: "Gironde", preposition: "de la" },
  { code: "34", name: "Hérault", preposition: "de l'" },
  { code: "35", name: "Ille-et-Vilaine", preposition: "d'" },
  { code: "36", name: "Indre", preposition: "de l'" },
  { code: "37", name: "Indre-et-Loire", preposition: "d'" },
  { code: "38", name: "Isère", preposition: "de l'" },
  { code: "39", name: "Jura", preposition: "du" },
  { code: "40", name: "Landes", preposition: "des" },
  { code: "41", name: "Loir-et-Cher", preposition: "de" },
  { code: "42", name: "Loire", preposition: "de la" },
  { code: "43", name: "Haute-Loire", preposition: "de la" },
  { code: "44", name: "Loire-Atlantique", preposition: "de la" },
  { code: "45", name: "Loiret", preposition: "du" },
  { code: "46", name: "Lot", preposition: "du" },
  { code: "47", name: "Lot-et-Garonne", preposition: "de" },
  { code: "48", name: "Lozère", preposition: "de la" },
  { code: "49", name: "Maine-et-Loire", preposition: "de" },
  { code: "50", name: "Manche", preposition: "de la" },
  { code: "51", name: "Marne", preposition: "de la" },
  { code: "52", name: "Haute-Marne", preposition: "de la" },
  { code: "53", name: "Mayenne", preposition: "de la" },
  { code: "54", name: "Meurthe-et-Moselle", preposition: "de" },
  { code: "55", name: "Meuse", preposition: "de la" },
  { code: "56", name: "Morbihan", preposition: "du" },
  { code: "57", name: "Moselle", preposition: "de la" },
  { code: "58", name: "Nièvre", preposition: "de la" },
  { code: "59", name: "Nord", preposition: "du" },
  { code: "60", name: "Oise", preposition: "de l'" },
  { code: "61", name: "Orne", preposition: "de l'" },
  { code: "62", name: "Pas-de-Calais", preposition: "du" },
  { code: "63", name: "Puy-de-Dôme", preposition: "du" },
  { code: "64", name: "Pyrénées-Atlantiques", preposition: "des" },
  { code: "65", name: "Hautes-Pyrénées", preposition: "des" },
  { code: "66", name: "Pyrénées-Orientales", preposition: "des" },
  { code: "67", name: "Bas-Rhin", preposition: "du" },
  { code: "68", name: "Haut-Rhin", preposition: "du" },
  { code: "69", name: "Rhône", preposition: "du" },
  { code: "70", name: "Haute-Saône", preposition: "de la" },
  { code: "71", name: "Saône-et-Loire", preposition: "de" },
  { code: "72", name: "Sarthe", preposition: "de la" },
  { code: "73", name: "Savoie", preposition: "de la" },
  { code: "74", name: "Haute-Savoie", preposition: "de la" },
  { code: "75", name: "Paris", preposition: "de" },
  { code: "76", name: "Seine-Maritime", preposition: "de la" },
  { code: "77", name: "Seine-et-Marne", preposition: "de" },
  { code: "78", name: "Yvelines", preposition: "des" },
  { code: "79", name: "Deux-Sèvres", preposition: "des" },
  { code: "80", name: "Somme", preposition: "de la" },
  { code: "81", name: "Tarn", preposition: "du" },
  { code: "82", name: "Tarn-et-Garonne", preposition: "de" },
  { code: "83", name: "Var", preposition: "du" },
  { code: "84", name: "Vaucluse", preposition: "de" },
  { code: "85", name: "Vendée", preposition: "de la" },
  { code: "86", name: "Vienne", preposition: "de la" },
  { code: "87", name: "Haute-Vienne", preposition: "de la" },
  { code: "88", name: "Vosges", preposition: "des" },
  { code: "89", name: "Yonne", preposition: "de l'" },
  { code: "90", name: "Territoire de Belfort", preposition: "du" },
  { code: "91", name: "Essonne", preposition: "de l'" },
  { code: "92", name: "Hauts-de-Seine", preposition: "des" },
  { code: "93", name: "Seine-Saint-Denis", preposition: "de la" },
  { code: "94", name: "Val-de-Marne", preposition: "du" },
  { code: "95", name: "Val-d'Oise", preposition: "du" },
  { code: "971", name: "Guadeloupe", preposition: "de la" },
  { code: "972", name: "Martinique", preposition: "de la" },
  { code: "973", name: "Guyane", preposition: "de la" },
  { code: "974", name: "La Réunion", preposition: "de" },
  { code: "976", name: "Mayotte", preposition: "de" },
] as const satisfies readonly DepartementSeed[];

export type Departement = (typeof DEPARTEMENTS)[number];
export type DepartementCode = Departement["code"];

const byCode: ReadonlyMap<string, Departement> = new Map(DEPARTEMENTS.map((d) => [d.code, d]));

export function isDepartementCode(value: unknown): value is DepartementCode {
  return typeof value === "string" && byCode.has(value);
}

export function getDepartement(code: string): Departement | undefined {
  return byCode.get(code);
}

/** "de la Mayenne", "du Nord", "de l'Ain", "d'Ille-et-Vilaine", "de Paris". */
export function ofDepartement(dep: Pick<DepartementSeed, "name" | "preposition">): string {
  // The elided forms already end with an apostrophe: no space after them.
  return dep.preposition.endsWith("'") ? `${dep.preposition}${dep.name}` : `${dep.preposition} ${dep.name}`;
}

/** "MDPH de la Mayenne", "MDPH du Nord", "MDPH de l'Ain", "MDPH de Paris". */
export function mdphName(dep: Pick<DepartementSeed, "name" | "preposition">): string {
  return `MDPH ${ofDepartement(dep)}`;
}
