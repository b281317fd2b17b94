/**
 * Who sees and does what on reprise requests. A director: their own MDPH's requests. A State
 * service: the requests routed to it (ITAC to DAGEMO/MTRSS; OPALES to MEN-STSI, and to each
 * centre its share) once a list has carried them. The CNSA coordinator: everything.
 */
import type { Prisma } from "~/generated/prisma/client";
import type { SessionUser } from "~/modules/auth/session.server";
import type { Application, RepriseEvent } from "../../../workflows/reprise";

type Service = { application: Application; centre: "RENNES" | "VERSAILLES" | null };

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
  if (user.roles.includes("COORDINATEUR_CNSA")) return {};
  if (user.roles.includes("DIRECTEUR_MDPH")) scopes.push({ organisationId: user.organisationId });
  if (user.roles.includes("SERVICE_ETAT")) {
    const service = serviceOf(user.organisation.code);
    if (service)
      scopes.push({
        application: service.application,
        campaignItems: { some: service.centre ? { centre: service.centre } : {} },
      });
  }
  if (scopes.length === 0) return null;
  return scopes.length === 1 ? scopes[0] : { OR: scopes };
}

/** The campaigns (monthly lists) this person may see, and which share of them. */
export function visibleCampaigns(user: SessionUser): { application?: Application; scope: string } | null {
  if (user.roles.includes("COORDINATEUR_CNSA")) return { scope: "TOUT" };
  if (!user.roles.includes("SERVICE_ETAT")) return null;
  const service = serviceOf(user.organisation.code);
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
  if (user.roles.includes("COORDINATEUR_CNSA")) COORDINATOR_EVENTS.forEach((e) => allowed.add(e));
  if (user.roles.includes("DIRECTEUR_MDPH") && request.organisationId === user.organisationId)
    DIRECTOR_EVENTS.forEach((e) => allowed.add(e));
  if (user.roles.includes("SERVICE_ETAT") && serviceOf(user.organisation.code)?.application === request.application)
    SERVICE_EVENTS.forEach((e) => allowed.add(e));
  return [...allowed];
}

export const isCoordinator = (user: SessionUser) => user.roles.includes("COORDINATEUR_CNSA");
export const isDirectorOf = (user: SessionUser, organisationId: string) =>
  user.roles.includes("DIRECTEUR_MDPH") && user.organisationId === organisationId;
