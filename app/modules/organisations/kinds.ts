/** Kinds of organisation, with their French labels. */
export const ORGANISATION_KINDS = [
  "CNSA",
  "MDPH",
  "PARTENAIRE",
  "SERVICE_ETAT",
  "CONSEIL_DEPARTEMENTAL",
  "ESSMS",
  "EDITEUR",
] as const;

export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  CNSA: "CNSA",
  MDPH: "MDPH",
  PARTENAIRE: "Organisme partenaire",
  SERVICE_ETAT: "Service de l'État",
  CONSEIL_DEPARTEMENTAL: "Conseil départemental",
  ESSMS: "Établissement ou service (ESSMS)",
  EDITEUR: "Éditeur de logiciel",
};

export function isOrganisationKind(value: unknown): value is OrganisationKind {
  return typeof value === "string" && (ORGANISATION_KINDS as readonly string[]).includes(value);
}
