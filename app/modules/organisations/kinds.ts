/** Kinds of organisation, with their French labels. */
import { vocabulary, type CodeOf } from "~/utils/vocabulary";

export const ORGANISATION_KIND_VOCABULARY = vocabulary({
  CNSA: "CNSA",
  MDPH: "MDPH",
  PARTENAIRE: "Organisme partenaire",
  SERVICE_ETAT: "Service de l'État",
  CONSEIL_DEPARTEMENTAL: "Conseil départemental",
  ESSMS: "Établissement ou service (ESSMS)",
  EDITEUR: "Éditeur de logiciel",
});
export type OrganisationKind = CodeOf<typeof ORGANISATION_KIND_VOCABULARY>;
export const {
  codes: ORGANISATION_KINDS,
  labels: ORGANISATION_KIND_LABELS,
  is: isOrganisationKind,
} = ORGANISATION_KIND_VOCABULARY;
