/**
 * The 18 regions (13 in metropolitan France, 5 overseas) and their départements, as the Code
 * officiel géographique (COG) of the INSEE lists them at 1 January 2024 (table of départements,
 * column REG; https://www.insee.fr/fr/information/2560452). An ARS and a GRADeS serve one region.
 * The migration 20261206050405_segur_regions writes the same mapping into existing databases
 * (regions.server.test.ts checks that both agree).
 */
import type { DepartementCode } from "./departements";

export interface RegionSeed {
  /** INSEE code of the region. */
  readonly code: string;
  readonly name: string;
  readonly departements: readonly DepartementCode[];
}

export const REGIONS = [
  { code: "01", name: "Guadeloupe", departements: ["971"] },
  { code: "02", name: "Martinique", departements: ["972"] },
  { code: "03", name: "Guyane", departements: ["973"] },
  { code: "04", name: "La Réunion", departements: ["974"] },
  { code: "06", name: "Mayotte", departements: ["976"] },
  { code: "11", name: "Île-de-France", departements: ["75", "77", "78", "91", "92", "93", "94", "95"] },
  { code: "24", name: "Centre-Val de Loire", departements: ["18", "28", "36", "37", "41", "45"] },
  { code: "27", name: "Bourgogne-Franche-Comté", departements: ["21", "25", "39", "58", "70", "71", "89", "90"] },
  { code: "28", name: "Normandie", departements: ["14", "27", "50", "61", "76"] },
  { code: "32", name: "Hauts-de-France", departements: ["02", "59", "60", "62", "80"] },
  { code: "44", name: "Grand Est", departements: ["08", "10", "51", "52", "54", "55", "57", "67", "68", "88"] },
  { code: "52", name: "Pays de la Loire", departements: ["44", "49", "53", "72", "85"] },
  { code: "53", name: "Bretagne", departements: ["22", "29", "35", "56"] },
  {
    code: "75",
    name: "Nouvelle-Aquitaine",
    departements: ["16", "17", "19", "23", "24", "33", "40", "47", "64", "79", "86", "87"],
  },
  {
    code: "76",
    name: "Occitanie",
    departements: ["09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82"],
  },
  {
    code: "84",
    name: "Auvergne-Rhône-Alpes",
    departements: ["01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"],
  },
  { code: "93", name: "Provence-Alpes-Côte d'Azur", departements: ["04", "05", "06", "13", "83", "84"] },
  { code: "94", name: "Corse", departements: ["2A", "2B"] },
] as const satisfies readonly RegionSeed[];

export type RegionCode = (typeof REGIONS)[number]["code"];

const REGION_OF_DEPARTEMENT = new Map<string, RegionCode>(
  REGIONS.flatMap((region) => region.departements.map((dep) => [dep, region.code] as const)),
);

/** The region of a département, by their codes. */
export function regionOf(departementCode: string): RegionCode | undefined {
  return REGION_OF_DEPARTEMENT.get(departementCode);
}

export function getRegion(code: string): RegionSeed | undefined {
  return REGIONS.find((region) => region.code === code);
}
