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
  ARS: "Agence régionale de santé (ARS)",
  GRADES: "Groupement régional d'appui au développement de la e-santé (GRADeS)",
});
export type OrganisationKind = CodeOf<typeof ORGANISATION_KIND_VOCABULARY>;
export const {
  codes: ORGANISATION_KINDS,
  labels: ORGANISATION_KIND_LABELS,
  is: isOrganisationKind,
} = ORGANISATION_KIND_VOCABULARY;

/** Kinds that serve one region and must name it (`Organisation.regionCode`). */
export const REGIONAL_KINDS: readonly OrganisationKind[] = ["ARS", "GRADES"];
