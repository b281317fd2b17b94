/**
 * The access policy's index (decision 018): the one vocabulary (`verb:entity:scope`, as the Epic
 * Stack does), which role grants what, and the pages each grant opens. Deny by default: an action
 * no role grants is refused. Record-level rules (which group, which request) live in one policy
 * module per domain (`app/modules/<domain>/policy.server.ts`); they only narrow these grants,
 * never widen them, and they are the only other place that may look at roles.
 * Shared with the UI only to hide what the server would refuse anyway.
 */
import { ROLE_VOCABULARY, type Role } from "./roles";

/**
 * `any`: every record; `own`: records of the person's organisation; `member`: the person's
 * organisation belongs to a work group (a fact the groups policy loads, `groupsSubject`).
 */
export type Scope = "any" | "own" | "member";
export type Permission = `${string}:${string}:${Scope}`;

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  ADMIN: [
    "read:admin:any",
    "manage:organisation:any",
    "read:organisation:any",
    "manage:user:any",
    "read:user:any",
    "invite:user:any",
    "grant:admin:any",
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
    // Reprise: every request, the monthly lists, the coordinator's events (reprise/policy.server.ts).
    "coordinate:reprise:any",
    // Ségur pilots: every pilot, read (app/modules/segur/policy.server.ts), and their board.
    "coordinate:segur:any",
    "read:segur-board:any",
  ],
  // "own" on groups and RFCs: the groups the person's organisation belongs to or pilots, the
  // cycles it is invited to (app/modules/groups/policy.server.ts).
  DIRECTEUR_MDPH: [
    "read:dashboard-mdph:own",
    // The work groups' dashboard, once the MDPH sits in a group.
    "read:dashboard-groupes:member",
    "read:group:own",
    "read:rfc:own",
    "comment:rfc:own",
    "record:rfc-position:own",
    // Reprise: the MDPH's own requests, signatures and the director's events.
    "request:reprise:own",
  ],
  MEMBRE_GT: ["read:dashboard-groupes:own", "read:group:own", "read:rfc:own", "comment:rfc:own"],
  PILOTE_GROUPE: [
    "read:dashboard-pilotage:own",
    "read:group:own",
    "pilot:group:own",
    "read:rfc:own",
    "comment:rfc:own",
  ],
  // Reprise: the share of the requests routed to the service (reprise/policy.server.ts).
  SERVICE_ETAT: ["read:dashboard-etat:own", "handle:reprise:own"],
  // Ségur pilots (app/modules/segur/policy.server.ts): "own" is a pilot where the person's
  // organisation is the establishment or the vendor (read and edit) or the counterpart (read).
  // The board (/segur/pilotes) shows each person the pilots the policy lets them read.
  PILOTE_SEGUR: ["read:dashboard-segur:own", "read:segur-pilot:own", "edit:segur-pilot:own", "read:segur-board:own"],
  // An ARS or a GRADeS reads the pilots of its region; a counterpart (a Conseil départemental's
  // PMI) the pilots it is counterpart to. Nothing else.
  LECTEUR_SEGUR: ["read:segur-pilot:own", "read:segur-board:own"],
};

/** Roles whose holders must use a second factor when the instance requires it (decision 004). */
const PRIVILEGED: readonly Role[] = ["ADMIN", "COORDINATEUR_CNSA"];

export type PermissionSubject = {
  roles: readonly Role[];
  /** Absent for an actor known by roles only: `own` grants then reach no record. */
  organisationId?: string;
  /** Loaded by the groups policy where a `member` grant matters; absent means no. */
  inWorkGroup?: boolean;
};
export type ScopedRecord = { organisationId?: string | null };

/**
 * `x:y:any` allows every record; `x:y:own` allows records of the person's organisation
 * (and the action itself when no record is involved); `x:y:member` allows the action when the
 * person's organisation belongs to a work group. Anything not granted is denied.
 */
export function can(user: PermissionSubject, permission: `${string}:${string}`, record?: ScopedRecord): boolean {
  const granted = new Set(user.roles.flatMap((role) => ROLE_PERMISSIONS[role] ?? []));
  if (granted.has(`${permission}:any`)) return true;
  if (granted.has(`${permission}:member`) && user.inWorkGroup === true) return true;
  if (!granted.has(`${permission}:own`)) return false;
  return record === undefined || (record.organisationId != null && record.organisationId === user.organisationId);
}

/** Whether a `member` grant could open something for this person (then the fact is worth loading). */
export function dependsOnMembership(user: PermissionSubject): boolean {
  return user.roles.some((role) => ROLE_PERMISSIONS[role]?.some((p) => p.endsWith(":member")));
}

export function isPrivileged(user: { roles: readonly Role[] }): boolean {
  return user.roles.some((role) => PRIVILEGED.includes(role));
}

/** The roles this person may give others: only an administrator makes administrators. */
export function grantableRoles<R extends string>(user: PermissionSubject, roles: readonly R[]): R[] {
  return roles.filter((role) => role !== "ADMIN" || can(user, "grant:admin"));
}

/** The same as the choices of a form (inviting a person, editing their roles). */
export function grantableRoleOptions(user: PermissionSubject): { value: Role; label: string }[] {
  return grantableRoles(user, ROLE_VOCABULARY.codes).map((value) => ({ value, label: ROLE_VOCABULARY.labels[value] }));
}

export function mayGrant(user: PermissionSubject, roles: readonly string[]): boolean {
  return grantableRoles(user, roles).length === roles.length;
}

/** A page of the navigation and the permission that opens it. */
export type NavItem = { label: string; to: string };
type Page = NavItem & { opens: `${string}:${string}` };

/**
 * The pages a menu may show, in menu order; the first ones are the roles' home pages, and the
 * first of those a person may open is their landing page. The loader of each page checks the
 * same permission (test/integration/navigation.test.ts opens every entry as every role).
 */
const HOME_PAGES: Page[] = [
  { label: "Coordination CNSA", to: "/cnsa", opens: "read:dashboard-cnsa" },
  { label: "Ma MDPH", to: "/mdph", opens: "read:dashboard-mdph" },
  { label: "Service de l'État", to: "/etat", opens: "read:dashboard-etat" },
  { label: "Pilotage de groupes", to: "/pilotage", opens: "read:dashboard-pilotage" },
  { label: "Mes groupes de travail", to: "/groupes", opens: "read:dashboard-groupes" },
  { label: "Pilotes Ségur", to: "/segur", opens: "read:dashboard-segur" },
  // The readers of several pilots (an ARS, a GRADeS, a Conseil départemental) land on the board.
  { label: "Tableau des pilotes Ségur", to: "/segur/pilotes", opens: "read:segur-board" },
  { label: "Administration", to: "/admin", opens: "read:admin" },
];

const OTHER_PAGES: (Page & { unless?: `${string}:${string}` })[] = [
  { label: "Reprise des données", to: "/cnsa/reprises", opens: "coordinate:reprise" },
  { label: "Groupes de travail", to: "/cnsa/groupes", opens: "manage:group" },
  { label: "Appels à commentaires", to: "/rfc", opens: "read:rfc" },
  // Administrators invite from their own list of people.
  { label: "Inviter une personne", to: "/personnes/inviter", opens: "invite:user", unless: "read:admin" },
];

const CALENDAR: NavItem = { label: "Calendrier", to: "/calendrier" };

const navItem = ({ label, to }: Page): NavItem => ({ label, to });

/** Every page a menu may list (the navigation test opens each one as every role). */
export const MENU_PATHS: readonly string[] = [...HOME_PAGES, ...OTHER_PAGES, CALENDAR].map((p) => p.to);

/** The landing page of a person: the first home page their grants open. */
export function homePageOf(user: PermissionSubject): NavItem | null {
  const page = HOME_PAGES.find((p) => can(user, p.opens, { organisationId: user.organisationId }));
  return page ? navItem(page) : null;
}

export function homeOf(user: PermissionSubject): string {
  return homePageOf(user)?.to ?? "/compte";
}

/** The menu: every page the policy lets this person open, and the calendar everyone has. */
export function navigationFor(user: PermissionSubject): NavItem[] {
  const own = { organisationId: user.organisationId };
  return [
    ...HOME_PAGES.filter((p) => can(user, p.opens, own)).map(navItem),
    ...OTHER_PAGES.filter((p) => can(user, p.opens, own) && !(p.unless && can(user, p.unless))).map(navItem),
    CALENDAR,
  ];
}
