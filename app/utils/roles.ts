/** The roles a person may hold (several at once), with their French labels. */
export const ROLES = [
  "COORDINATEUR_CNSA",
  "DIRECTEUR_MDPH",
  "MEMBRE_GT",
  "PILOTE_GROUPE",
  "SERVICE_ETAT",
  "PILOTE_SEGUR",
  "ADMIN",
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  COORDINATEUR_CNSA: "Coordinateur CNSA",
  DIRECTEUR_MDPH: "Directeur de MDPH",
  MEMBRE_GT: "Membre de groupe de travail",
  PILOTE_GROUPE: "Pilote de groupe",
  SERVICE_ETAT: "Service de l'État",
  PILOTE_SEGUR: "Pilote Ségur",
  ADMIN: "Administrateur",
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** The roles among these values, once each, in the order above. */
export function rolesIn(values: Iterable<string>): Role[] {
  const held = new Set(values);
  return ROLES.filter((role) => held.has(role));
}
