import { vocabulary, type CodeOf } from "./vocabulary";

/** The roles a person may hold (several at once), with their French labels. */
export const ROLE_VOCABULARY = vocabulary({
  COORDINATEUR_CNSA: "Coordinateur CNSA",
  DIRECTEUR_MDPH: "Directeur de MDPH",
  MEMBRE_GT: "Membre de groupe de travail",
  PILOTE_GROUPE: "Pilote de groupe",
  SERVICE_ETAT: "Service de l'État",
  PILOTE_SEGUR: "Pilote Ségur",
  LECTEUR_SEGUR: "Lecteur des pilotes Ségur (ARS, GRADeS, conseil départemental)",
  ADMIN: "Administrateur",
});
export type Role = CodeOf<typeof ROLE_VOCABULARY>;
export const { codes: ROLES, labels: ROLE_LABELS, is: isRole } = ROLE_VOCABULARY;

/** The roles among these values, once each, in the order above. */
export function rolesIn(values: Iterable<string>): Role[] {
  const held = new Set(values);
  return ROLES.filter((role) => held.has(role));
}
