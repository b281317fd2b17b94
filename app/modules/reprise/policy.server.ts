/**
 * The reprise policy (decision 018): who sees and does what on reprise requests. A director:
 * their own MDPH's requests. A State service: the requests routed to it (ITAC to DAGEMO/MTRSS;
 * OPALES to MEN-STSI, and to each centre its share) once a list has carried them. The CNSA
 * coordinator: everything. Built on the grants of app/utils/permissions.ts
 * (`coordinate:reprise`, `request:reprise`, `handle:reprise`).
 */
import { sql, type RawBuilder } from "kysely";
import type { Prisma } from "~/generated/prisma/client";
import type { SessionUser } from "~/modules/auth/session.server";
import { can } from "~/utils/permissions";
import { refusal, success, type Result } from "~/utils/result";
import type { Application, RepriseEvent } from "../../../workflows/reprise";

export type Service = { application: Application; centre: "RENNES" | "VERSAILLES" | null };

/** The share of the reprise work a State-service organisation handles. */
export function serviceOf(organisationCode: string): Service | null {
  switch (organisationCode) {
    case "dagemo":
      return { application: "ITAC", centre: null };
    case "men-stsi":
      return { application: "OPALES", centre: null };
    case "men-stsi-rennes":
      return { application: "OPALES", centre: "RENNES" };
    case "men-stsi-versailles":
      return { application: "OPALES", centre: "VERSAILLES" };
    default:
      return null;
  }
}

/** The requests this person may see, as a Prisma filter; null when none. */
export function visibleRequests(user: SessionUser): Prisma.RepriseRequestWhereInput | null {
  const scopes: Prisma.RepriseRequestWhereInput[] = [];
  if (isCoordinator(user)) return {};
  if (can(user, "request:reprise")) scopes.push({ organisationId: user.organisationId });
  const service = stateServiceOf(user);
  if (service)
    scopes.push({
      application: service.application,
      campaignItems: { some: service.centre ? { centre: service.centre } : {} },
    });
  if (scopes.length === 0) return null;
  return scopes.length === 1 ? scopes[0] : { OR: scopes };
}

/**
 * Read models: the requests `visibleRequests` lets this person see, as a condition in SQL on the
 * RepriseRequest aliased `request`: their MDPH's, and a State service's once a list carried them.
 */
export function visibleRequest(user: SessionUser, request = "r"): RawBuilder<boolean> {
  if (isCoordinator(user)) return sql<boolean>`1 = 1`;
  const column = (name: string) => sql.ref(`${request}.${name}`);
  const scopes: RawBuilder<boolean>[] = [];
  if (can(user, "request:reprise")) scopes.push(sql<boolean>`${column("organisationId")} = ${user.organisationId}`);
  const service = stateServiceOf(user);
  if (service)
    scopes.push(
      sql<boolean>`(${column("application")} = ${service.application} AND EXISTS (SELECT 1 FROM RepriseCampaignItem AS carried WHERE carried.requestId = ${column("id")}${service.centre ? sql` AND carried.centre = ${service.centre}` : sql``}))`,
    );
  return scopes.length === 0 ? sql<boolean>`0 = 1` : sql<boolean>`(${sql.join(scopes, sql` OR `)})`;
}

export type CampaignAccess = { application?: Application; scope: string };

/** The campaigns (monthly lists) this person may see, and which share of them. */
export function visibleCampaigns(user: SessionUser): CampaignAccess | null {
  if (isCoordinator(user)) return { scope: "TOUT" };
  const service = stateServiceOf(user);
  if (!service) return null;
  return { application: service.application, scope: service.centre ?? "TOUT" };
}

type EventType = RepriseEvent["type"];

const DIRECTOR_EVENTS: EventType[] = ["RECEPTIONNER", "VALIDER", "SIGNALER_NON_CONFORMITE", "ANNULER"];
const SERVICE_EVENTS: EventType[] = ["CONFIRMER_DATE", "PROPOSER_DATE", "EXTRAIRE", "EXPEDIER"];
const COORDINATOR_EVENTS: EventType[] = [
  "CONFIRMER_DATE",
  "PROPOSER_DATE",
  "FIXER_DATE",
  "ENVOYER_MOT_DE_PASSE",
  "ANNULER",
];

/** The events this person may send on a request they can see (the scheduler sends the rest). */
export function allowedEvents(
  user: SessionUser,
  request: { organisationId: string; application: string },
): EventType[] {
  const allowed = new Set<EventType>();
  if (isCoordinator(user)) COORDINATOR_EVENTS.forEach((e) => allowed.add(e));
  if (isDirectorOf(user, request.organisationId)) DIRECTOR_EVENTS.forEach((e) => allowed.add(e));
  if (stateServiceOf(user)?.application === request.application) SERVICE_EVENTS.forEach((e) => allowed.add(e));
  return [...allowed];
}

/** The CNSA coordinator: every request, the monthly lists and the campaign's settings. */
export const isCoordinator = (user: SessionUser) => can(user, "coordinate:reprise");

/** A director of this MDPH (their own requests, signatures and events). */
export const isDirectorOf = (user: SessionUser, organisationId: string) =>
  can(user, "request:reprise", { organisationId });

/** A director of an MDPH, who makes requests and records signatures for it. */
export const isMdphDirector = (user: SessionUser) => can(user, "request:reprise") && user.organisation.kind === "MDPH";

/** The State service this person works for, when they handle reprise work. */
export function stateServiceOf(user: SessionUser): Service | null {
  return can(user, "handle:reprise") ? serviceOf(user.organisation.code) : null;
}

/** Which side of the request this person stands on, for the words of its page. */
export function sideOf(user: SessionUser, request: { organisationId: string }): "directeur" | "coordinateur" | "etat" {
  if (isDirectorOf(user, request.organisationId)) return "directeur";
  return isCoordinator(user) ? "coordinateur" : "etat";
}

// Refusals of the reprise pages (decision 019): the route turns them into 403 with these words.

/** The coordinator's pages: the CNSA coordinator only. */
export function coordinatorAccess(user: SessionUser): Result {
  return isCoordinator(user) ? success() : refusal("INTERDIT", "Cette page est réservée aux coordinateurs de la CNSA.");
}

/** The State services' pages: a State-service person of DAGEMO, MEN-STSI or one of its centres. */
export function stateServiceAccess(user: SessionUser): Result<Service> {
  const service = stateServiceOf(user);
  return service
    ? success(service)
    : refusal("INTERDIT", "Cette page est réservée aux services de l'État destinataires des listes de reprise.");
}

/** What a State service (or the coordinator) sees of the monthly lists; refused for anyone else. */
export function campaignAccess(user: SessionUser): Result<CampaignAccess> {
  const access = visibleCampaigns(user);
  return access ? success(access) : refusal("INTERDIT", PAGE_FORBIDDEN);
}

/** The steps only an MDPH's director takes: the avenant and the request. */
export function directorAccess(user: SessionUser): Result {
  return isMdphDirector(user)
    ? success()
    : refusal("INTERDIT", "Seul le directeur d'une MDPH peut faire cette démarche.");
}

/** The words of `forbidden()` (app/utils/auth.server.ts), which these refusals replace. */
export const PAGE_FORBIDDEN = "Vous n'avez pas accès à cette page.";
/** The words of `notFound()`, for a record the person may not know exists. */
export const PAGE_NOT_FOUND = "Page introuvable.";
