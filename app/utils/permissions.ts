/**
 * The permission vocabulary (`action:entity:scope`, as the Epic Stack does) and which role
 * grants what. Shared with the UI only to hide what the server would refuse anyway; the
 * server enforces it in app/utils/permissions.server.ts.
 */
import type { Role } from "./roles";

export type Scope = "any" | "own";
export type Permission = `${string}:${string}:${Scope}`;

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  ADMIN: [
    "read:admin:any",
    "manage:organisation:any",
    "read:organisation:any",
    "manage:user:any",
    "read:user:any",
    "invite:user:any",
    "read:audit:any",
    "read:outbox:any",
    "manage:outbox:any",
    "read:job:any",
    "manage:job:any",
  ],
  COORDINATEUR_CNSA: [
    "read:dashboard-cnsa:any",
    "read:organisation:any",
    "read:user:any",
    "invite:user:any",
    // Work groups and RFCs: the CNSA runs them all.
    "manage:group:any",
    "read:group:any",
    "pilot:group:any",
    "read:rfc:any",
    "comment:rfc:own",
    "read:rfc-positions:any",
  ],
  // "own" on groups and RFCs: the groups the person's organisation belongs to or pilots, the
  // cycles it is invited to (app/modules/groups/access.server.ts).
  DIRECTEUR_MDPH: [
    "read:dashboard-mdph:own",
    "read:group:own",
    "read:rfc:own",
    "comment:rfc:own",
    "record:rfc-position:own",
  ],
  MEMBRE_GT: ["read:dashboard-groupes:own", "read:group:own", "read:rfc:own", "comment:rfc:own"],
  PILOTE_GROUPE: [
    "read:dashboard-pilotage:own",
    "read:group:own",
    "pilot:group:own",
    "read:rfc:own",
    "comment:rfc:own",
  ],
  SERVICE_ETAT: ["read:dashboard-etat:own"],
  PILOTE_SEGUR: ["read:dashboard-segur:own"],
};

export type PermissionSubject = { roles: readonly Role[]; organisationId: string };
export type ScopedRecord = { organisationId?: string | null };

/**
 * `x:y:any` allows every record; `x:y:own` allows records of the person's organisation
 * (and the action itself when no record is involved). Anything not granted is denied.
 */
export function can(user: PermissionSubject, permission: `${string}:${string}`, record?: ScopedRecord): boolean {
  const granted = new Set(user.roles.flatMap((role) => ROLE_PERMISSIONS[role] ?? []));
  if (granted.has(`${permission}:any`)) return true;
  if (!granted.has(`${permission}:own`)) return false;
  return record === undefined || (record.organisationId != null && record.organisationId === user.organisationId);
}

/** Each role's home page and the navigation it sees, in French. */
export type NavItem = { label: string; to: string };

export const ROLE_HOME: Record<Role, NavItem> = {
  COORDINATEUR_CNSA: { label: "Coordination CNSA", to: "/cnsa" },
  DIRECTEUR_MDPH: { label: "Ma MDPH", to: "/mdph" },
  SERVICE_ETAT: { label: "Service de l'État", to: "/etat" },
  PILOTE_GROUPE: { label: "Pilotage de groupes", to: "/pilotage" },
  MEMBRE_GT: { label: "Mes groupes de travail", to: "/groupes" },
  PILOTE_SEGUR: { label: "Pilotes Ségur", to: "/segur" },
  ADMIN: { label: "Administration", to: "/admin" },
};

/** When a person has several roles, the first one in this order gives the landing page. */
const HOME_ORDER: Role[] = [
  "COORDINATEUR_CNSA",
  "DIRECTEUR_MDPH",
  "SERVICE_ETAT",
  "PILOTE_GROUPE",
  "MEMBRE_GT",
  "PILOTE_SEGUR",
  "ADMIN",
];

export function homeOf(roles: readonly Role[]): string {
  const role = HOME_ORDER.find((r) => roles.includes(r));
  return role ? ROLE_HOME[role].to : "/compte";
}

export function navigationFor(user: PermissionSubject): NavItem[] {
  const items = HOME_ORDER.filter((role) => user.roles.includes(role)).map((role) => ROLE_HOME[role]);
  if (can(user, "manage:group")) items.push({ label: "Groupes de travail", to: "/cnsa/groupes" });
  if (can(user, "read:rfc")) items.push({ label: "Appels à commentaires", to: "/rfc" });
  if (can(user, "invite:user") && !user.roles.includes("ADMIN"))
    items.push({ label: "Inviter une personne", to: "/personnes/inviter" });
  items.push({ label: "Calendrier", to: "/calendrier" });
  return items;
}
