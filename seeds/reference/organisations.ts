/**
 * Reference organisations: the CNSA, one MDPH and one Conseil départemental (or the body that
 * holds its powers) per département, the partner bodies of the 23/03/2007 meeting (shared
 * source 000_2c32ab6aba999843.txt) and the State services of the ITAC-OPALES avenant
 * (shared source 001_3ffb961977221efb.txt).
 *
 * Codes are stable slugs that other seeds and the application may rely on. Names are those
 * of the bodies as the sources know them, except ANPE, which now exists as France Travail.
 * Functional mailboxes use the reserved ".example" top-level domain (RFC 2606) only: an
 * administrator replaces them with the real addresses. No FINESS number is invented.
 */
import type { OrganisationKind } from "~/modules/organisations/kinds";
import { DEPARTEMENTS, ofDepartement, mdphName, type Departement, type DepartementCode } from "./departements";

export interface OrganisationSeed {
  readonly code: string;
  readonly kind: OrganisationKind;
  readonly name: string;
  readonly shortName: string;
  readonly departementCode?: DepartementCode;
  /** Code of the parent organisation, which must come earlier in REFERENCE_ORGANISATIONS. */
  readonly parentCode?: string;
  /** Functional mailbox, on a reserved example domain. */
  readonly email?: string;
}

/** "mdph-53", "mdph-2a", "mdph-974". */
export function mdphCode(departementCode: string): string {
  return `mdph-${departementCode.toLowerCase()}`;
}

/** "cd-53", "cd-2a", "cd-974". */
export function conseilDepartementalCode(departementCode: string): string {
  return `cd-${departementCode.toLowerCase()}`;
}

export const CNSA: OrganisationSeed = {
  code: "cnsa",
  kind: "CNSA",
  name: "Caisse nationale de solidarité pour l'autonomie",
  shortName: "CNSA",
};

export const MDPH_ORGANISATIONS: readonly OrganisationSeed[] = DEPARTEMENTS.map((dep) => ({
  code: mdphCode(dep.code),
  kind: "MDPH",
  name: mdphName(dep),
  shortName: `MDPH ${dep.code}`,
  departementCode: dep.code,
}));

/**
 * Where the body that holds the département's powers is not a "Conseil départemental":
 * Paris (a single collectivité since 2019), Corsica (one Collectivité de Corse since 2018
 * for both 2A and 2B: two records, same name, told apart by their short name and
 * département), Alsace (the Collectivité européenne d'Alsace since 2021 for both 67 and 68,
 * likewise), Martinique and Guyane (single collectivités territoriales since 2015), and the
 * Rhône, whose council calls itself "Département du Rhône" since the Métropole de Lyon took
 * over part of its territory (2015).
 */
const CONSEIL_DEPARTEMENTAL_OVERRIDES: Partial<Record<DepartementCode, { name: string; shortName: string }>> = {
  "2A": { name: "Collectivité de Corse", shortName: "CdC (2A)" },
  "2B": { name: "Collectivité de Corse", shortName: "CdC (2B)" },
  "67": { name: "Collectivité européenne d'Alsace", shortName: "CeA (67)" },
  "68": { name: "Collectivité européenne d'Alsace", shortName: "CeA (68)" },
  "69": { name: "Département du Rhône", shortName: "CD 69" },
  "75": { name: "Ville de Paris", shortName: "Ville de Paris" },
  "972": { name: "Collectivité territoriale de Martinique", shortName: "CTM" },
  "973": { name: "Collectivité territoriale de Guyane", shortName: "CTG" },
};

function conseilDepartemental(dep: Departement): OrganisationSeed {
  const override = CONSEIL_DEPARTEMENTAL_OVERRIDES[dep.code];
  return {
    code: conseilDepartementalCode(dep.code),
    kind: "CONSEIL_DEPARTEMENTAL",
    name: override?.name ?? `Conseil départemental ${ofDepartement(dep)}`,
    shortName: override?.shortName ?? `CD ${dep.code}`,
    departementCode: dep.code,
  };
}

export const CONSEILS_DEPARTEMENTAUX: readonly OrganisationSeed[] = DEPARTEMENTS.map(conseilDepartemental);

/** The partner bodies of the work groups (source 000 and docs/domain.md). */
export const PARTENAIRES: readonly OrganisationSeed[] = [
  { code: "cnaf", kind: "PARTENAIRE", shortName: "CNAF", name: "Caisse nationale des allocations familiales" },
  {
    code: "cnamts",
    kind: "PARTENAIRE",
    shortName: "CNAMTS",
    name: "Caisse nationale de l'assurance maladie des travailleurs salariés (Assurance maladie)",
  },
  { code: "msa", kind: "PARTENAIRE", shortName: "MSA", name: "Caisse centrale de la Mutualité sociale agricole" },
  {
    code: "france-travail",
    kind: "PARTENAIRE",
    shortName: "France Travail",
    name: "France Travail (ex-Agence nationale pour l'emploi, ANPE)",
  },
  {
    code: "unedic",
    kind: "PARTENAIRE",
    shortName: "Unédic",
    name: "Union nationale interprofessionnelle pour l'emploi dans l'industrie et le commerce (Unédic)",
  },
  {
    code: "menesr",
    kind: "PARTENAIRE",
    shortName: "MENESR",
    name: "Ministère de l'Éducation nationale, de l'Enseignement supérieur et de la Recherche",
  },
  {
    code: "dgefp",
    kind: "PARTENAIRE",
    shortName: "DGEFP",
    name: "Délégation générale à l'emploi et à la formation professionnelle (mission MESC)",
  },
  { code: "dgas", kind: "PARTENAIRE", shortName: "DGAS", name: "Direction générale de l'action sociale" },
  { code: "dgme", kind: "PARTENAIRE", shortName: "DGME", name: "Direction générale de la modernisation de l'État" },
  { code: "adf", kind: "PARTENAIRE", shortName: "ADF", name: "Assemblée des départements de France" },
  { code: "oned", kind: "PARTENAIRE", shortName: "ONED", name: "Observatoire national de l'enfance en danger" },
];

/** The State services that own ITAC and OPALES, and OPALES's two exploitation centres. */
export const SERVICES_ETAT: readonly OrganisationSeed[] = [
  {
    code: "dagemo",
    kind: "SERVICE_ETAT",
    shortName: "DAGEMO (MTRSS)",
    name: "Direction de l'administration générale et de la modernisation des services — ministère du Travail, des Relations sociales, de la Famille et de la Solidarité",
    email: "reprises-itac@dagemo.example",
  },
  {
    code: "men-stsi",
    kind: "SERVICE_ETAT",
    shortName: "MEN-STSI",
    name: "Service des technologies et des systèmes d'information — ministère de l'Éducation nationale",
    email: "reprises-opales@men-stsi.example",
  },
  {
    code: "men-stsi-rennes",
    kind: "SERVICE_ETAT",
    shortName: "STSI Rennes",
    name: "Centre d'exploitation de Rennes",
    parentCode: "men-stsi",
    email: "opales-rennes@men-stsi.example",
  },
  {
    code: "men-stsi-versailles",
    kind: "SERVICE_ETAT",
    shortName: "STSI Versailles",
    name: "Centre d'exploitation de Versailles",
    parentCode: "men-stsi",
    email: "opales-versailles@men-stsi.example",
  },
];

/** The organisation code of each OPALES exploitation centre. */
export const OPALES_CENTRE_ORGANISATION_CODES = {
  RENNES: "men-stsi-rennes",
  VERSAILLES: "men-stsi-versailles",
} as const;

/** Every reference organisation; a parent always comes before its children. */
export const REFERENCE_ORGANISATIONS: readonly OrganisationSeed[] = [
  CNSA,
  ...MDPH_ORGANISATIONS,
  ...CONSEILS_DEPARTEMENTAUX,
  ...PARTENAIRES,
  ...SERVICES_ETAT,
];
