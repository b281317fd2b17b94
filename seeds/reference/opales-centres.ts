/**
 * Which MEN-STSI exploitation centre, Rennes or Versailles, hosts each département's OPALES
 * base. Source: avenant au protocole d'assistance ITAC-OPALES, modalités de mise en œuvre,
 * section "La répartition des bases OPALES par centre d'exploitation"
 * (shared source 001_3ffb961977221efb.txt, "Serveur de Rennes" / "Serveur de Versailles").
 *
 * The source's paragraphs are kept verbatim, and every label it uses is mapped by hand to a
 * département code, so that any routing can be traced back to the words of the source. The
 * source writes some names loosely ("Côtes d'Armor", "Ile-et-Vilaine",
 * "Territoire-de-Belfort", "Réunion"), lists "Hautes-Alpes" twice under Rennes, and leaves
 * out two départements (Guyane, and Mayotte, which only became a département in 2011): those
 * get no centre here and an administrator assigns one in the application.
 */
import { DEPARTEMENTS, type DepartementCode } from "./departements";

export const OPALES_CENTRES = ["RENNES", "VERSAILLES"] as const;
export type OpalesCentre = (typeof OPALES_CENTRES)[number];

export function isOpalesCentre(value: unknown): value is OpalesCentre {
  return typeof value === "string" && (OPALES_CENTRES as readonly string[]).includes(value);
}

/** Each centre's paragraph, exactly as the source prints it. */
export const OPALES_SOURCE_TEXT: Readonly<Record<OpalesCentre, string>> = {
  RENNES:
    "Ain, Alpes-de-Haute-Provence, Hautes-Alpes, Alpes-Maritimes, Ardèche, Ariège, Bouches-du-Rhône, Charente, Cher, Corrèze, Côte-d'Or, Creuse, Deux-Sèvres, Doubs, Drôme, Essonne, Eure, Gard, Gironde, Haut-Rhin, Haute-Garonne, Haute-Loire, Haute-Marne, Haute-Saône, Haute-Corse, Hautes-Alpes, Hautes-Pyrénées, Indre, Indre-et-Loire, Isère, Jura, Loire, Loire-Atlantique, Loiret, Lot, Lot-et-Garonne, Mayenne, Meurthe-et-Moselle, Meuse, Moselle, Pas-de-Calais, Puy-de-Dôme, Réunion, Savoie, Seine-Saint-Denis, Tarn, Tarn-et-Garonne, Territoire-de-Belfort, Val-de-Marne, Vaucluse, Vendée.",
  VERSAILLES:
    "Aisne, Allier, Ardennes, Aube, Aude, Aveyron, Calvados, Cantal, Charente-Maritime, Côtes d'Armor, Dordogne, Eure-et-Loir, Finistère, Corse-du-Sud, Gers, Hérault, Ile-et-Vilaine, Landes, Loir-et-Cher, Lozère, Maine-et-Loire, Manche, Marne, Morbihan, Nièvre, Nord, Oise, Orne, Pyrénées-Atlantiques, Pyrénées-Orientales, Bas-Rhin, Rhône, Saône-et-Loire, Sarthe, Haute-Savoie, Paris, Seine-Maritime, Seine-et-Marne, Yvelines, Somme, Var, Vienne, Haute-Vienne, Vosges, Yonne, Hauts-de-Seine, Val-d'Oise, Guadeloupe, Martinique.",
};

function splitSourceList(text: string): readonly string[] {
  return text
    .replace(/\.\s*$/, "")
    .split(",")
    .map((label) => label.trim());
}

/** Each centre's list of labels in the source's order, duplicates included. */
export const OPALES_SOURCE_LISTS: Readonly<Record<OpalesCentre, readonly string[]>> = {
  RENNES: splitSourceList(OPALES_SOURCE_TEXT.RENNES),
  VERSAILLES: splitSourceList(OPALES_SOURCE_TEXT.VERSAILLES),
};

/** Every label the source uses, per centre, resolved by hand to a département code. */
export const OPALES_SOURCE_LABEL_CODES: Readonly<Record<OpalesCentre, Readonly<Record<string, DepartementCode>>>> = {
  RENNES: {
    Ain: "01",
    "Alpes-de-Haute-Provence": "04",
    "Hautes-Alpes": "05", // listed twice by the source, collapsed to one
    "Alpes-Maritimes": "06",
    Ardèche: "07",
    Ariège: "09",
    "Bouches-du-Rhône": "13",
    Charente: "16",
    Cher: "18",
    Corrèze: "19",
    "Côte-d'Or": "21",
    Creuse: "23",
    "Deux-Sèvres": "79",
    Doubs: "25",
    Drôme: "26",
    Essonne: "91",
    Eure: "27",
    Gard: "30",
    Gironde: "33",
    "Haut-Rhin": "68",
    "Haute-Garonne": "31",
    "Haute-Loire": "43",
    "Haute-Marne": "52",
    "Haute-Saône": "70",
    "Haute-Corse": "2B",
    "Hautes-Pyrénées": "65",
    Indre: "36",
    "Indre-et-Loire": "37",
    Isère: "38",
    Jura: "39",
    Loire: "42",
    "Loire-Atlantique": "44",
    Loiret: "45",
    Lot: "46",
    "Lot-et-Garonne": "47",
    Mayenne: "53",
    "Meurthe-et-Moselle": "54",
    Meuse: "55",
    Moselle: "57",
    "Pas-de-Calais": "62",
    "Puy-de-Dôme": "63",
    Réunion: "974", // official: La Réunion
    Savoie: "73",
    "Seine-Saint-Denis": "93",
    Tarn: "81",
    "Tarn-et-Garonne": "82",
    "Territoire-de-Belfort": "90", // official: Territoire de Belfort
    "Val-de-Marne": "94",
    Vaucluse: "84",
    Vendée: "85",
  },
  VERSAILLES: {
    Aisne: "02",
    Allier: "03",
    Ardennes: "08",
    Aube: "10",
    Aude: "11",
    Aveyron: "12",
    Calvados: "14",
    Cantal: "15",
    "Charente-Maritime": "17",
    "Côtes d'Armor": "22", // official: Côtes-d'Armor
    Dordogne: "24",
    "Eure-et-Loir": "28",
    Finistère: "29",
    "Corse-du-Sud": "2A",
    Gers: "32",
    Hérault: "34",
    "Ile-et-Vilaine": "35", // official: Ille-et-Vilaine
    Landes: "40",
    "Loir-et-Cher": "41",
    Lozère: "48",
    "Maine-et-Loire": "49",
    Manche: "50",
    Marne: "51",
    Morbihan: "56",
    Nièvre: "58",
    Nord: "59",
    Oise: "60",
    Orne: "61",
    "Pyrénées-Atlantiques": "64",
    "Pyrénées-Orientales": "66",
    "Bas-Rhin": "67",
    Rhône: "69",
    "Saône-et-Loire": "71",
    Sarthe: "72",
    "Haute-Savoie": "74",
    Paris: "75",
    "Seine-Maritime": "76",
    "Seine-et-Marne": "77",
    Yvelines: "78",
    Somme: "80",
    Var: "83",
    Vienne: "86",
    "Haute-Vienne": "87",
    Vosges: "88",
    Yonne: "89",
    "Hauts-de-Seine": "92",
    "Val-d'Oise": "95",
    Guadeloupe: "971",
    Martinique: "972",
  },
};

export interface OpalesAssignment {
  centre: OpalesCentre;
  /** The label the source used for this département. */
  sourceLabel: string;
}

export interface OpalesDuplicate {
  centre: OpalesCentre;
  code: DepartementCode;
  /** Every label (with repeats) that pointed to this code in this centre's list. */
  labels: string[];
}

export interface OpalesResolution {
  /** Code → centre, for every département the source lists (each once). */
  byCode: ReadonlyMap<DepartementCode, OpalesAssignment>;
  /** Départements listed more than once in the same centre's list; collapsed to one. */
  duplicates: OpalesDuplicate[];
  /** Départements the source does not list, in the order of DEPARTEMENTS. */
  leftOut: DepartementCode[];
}

export class OpalesSourceError extends Error {
  override name = "OpalesSourceError";
}

/**
 * Resolves the source lists to a code → centre map. Throws when a label has no mapping, a
 * mapping names an unknown code or a label the list does not use, or a département would
 * be routed to both centres. The inputs are parameters so that tests can feed it faulty
 * lists.
 */
export function resolveOpalesCentres(
  lists: Readonly<Record<OpalesCentre, readonly string[]>> = OPALES_SOURCE_LISTS,
  labelCodes: Readonly<Record<OpalesCentre, Readonly<Record<string, string>>>> = OPALES_SOURCE_LABEL_CODES,
  departements: readonly { code: string }[] = DEPARTEMENTS,
): OpalesResolution {
  const known = new Set(departements.map((d) => d.code));
  const byCode = new Map<DepartementCode, OpalesAssignment>();
  const duplicates: OpalesDuplicate[] = [];

  for (const centre of OPALES_CENTRES) {
    const mapping = labelCodes[centre];
    const labelsByCode = new Map<DepartementCode, string[]>();
    for (const label of lists[centre]) {
      if (!Object.hasOwn(mapping, label)) {
        throw new OpalesSourceError(`OPALES source label without a mapping (${centre}): "${label}"`);
      }
      const code = mapping[label];
      if (!known.has(code)) {
        throw new OpalesSourceError(`Unknown département code for "${label}" (${centre}): ${code}`);
      }
      const labels = labelsByCode.get(code as DepartementCode) ?? [];
      labels.push(label);
      labelsByCode.set(code as DepartementCode, labels);
    }
    for (const label of Object.keys(mapping)) {
      if (!lists[centre].includes(label)) {
        throw new OpalesSourceError(`Mapped label missing from the source list (${centre}): "${label}"`);
      }
    }
    for (const [code, labels] of labelsByCode) {
      const other = byCode.get(code);
      if (other) {
        throw new OpalesSourceError(
          `Département ${code} is listed under both centres: ${other.centre} ("${other.sourceLabel}") and ${centre} ("${labels[0]}")`,
        );
      }
      if (labels.length > 1) duplicates.push({ centre, code, labels });
      byCode.set(code, { centre, sourceLabel: labels[0] });
    }
  }

  const leftOut = departements.map((d) => d.code as DepartementCode).filter((code) => !byCode.has(code));
  return { byCode, duplicates, leftOut };
}

const resolution = resolveOpalesCentres();

/** The final routing: département code → centre, for the départements the source lists. */
export const OPALES_CENTRE_BY_CODE: ReadonlyMap<DepartementCode, OpalesAssignment> = resolution.byCode;

/** The départements the source leaves out: no centre until an administrator assigns one. */
export const OPALES_LEFT_OUT: readonly DepartementCode[] = resolution.leftOut;

/** The centre the source assigns to a département, or null when the source is silent. */
export function opalesCentreOf(code: string): OpalesCentre | null {
  return OPALES_CENTRE_BY_CODE.get(code as DepartementCode)?.centre ?? null;
}

/** The label the source used for a département, or null when the source is silent. */
export function opalesSourceLabelOf(code: string): string | null {
  return OPALES_CENTRE_BY_CODE.get(code as DepartementCode)?.sourceLabel ?? null;
}
