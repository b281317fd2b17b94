/**
 * The Ségur pilots policy (decision 018): who sees and edits a pilot, built on the grants of
 * app/utils/permissions.ts (`coordinate:segur`, `read:segur-pilot`, `edit:segur-pilot`). Deny by
 * default:
 * - the CNSA coordinator reads every pilot;
 * - the people of the pilot's establishment or vendor (its ETABLISSEMENT and EDITEUR
 *   organisations) read and edit it;
 * - an organisation that is the pilot's counterpart (CONTREPARTIE: in child protection, the
 *   Conseil départemental's PMI) reads it;
 * - an ARS or a GRADeS reads the pilots of its region: a pilot lies in the regions of its
 *   territory's département and of its sites' départements.
 * Anyone else is told the pilot does not exist (404, decision 019). The list of the pilots a person
 * may see is the same rule in SQL: `visiblePilots` in queries/pilots.server.ts.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { isOrganisationKind, REGIONAL_KINDS } from "~/modules/organisations/kinds";
import { OUT_OF_SCOPE } from "~/modules/groups/policy.server";
import { PAGE_FORBIDDEN } from "~/modules/reprise/policy.server";
import { prisma } from "~/utils/db.server";
import { can } from "~/utils/permissions";
import { refusal, success, type Result } from "~/utils/result";
import { RUNNING_ROLES, type PilotRole } from "./vocabulary";

export type PilotAccess = {
  read: boolean;
  /** Record the pilot's steps, people, credentials and objectives. */
  edit: boolean;
  /** The coordinator's view of every pilot, and its settings: identity, organisations, period, life. */
  coordinate: boolean;
  /** Its sites and contacts: its own people and the coordinator. */
  manage: boolean;
};

const NONE: PilotAccess = { read: false, edit: false, coordinate: false, manage: false };

/** The facts about one pilot that decide who may see it. */
export type PilotFacts = {
  organisations: readonly { organisationId: string; role: string }[];
  /** The regions of its territory's and its sites' départements. */
  regionCodes: ReadonlySet<string>;
};

/** The coordinator: every pilot. */
export const coordinatesSegur = (user: SessionUser) => can(user, "coordinate:segur");

/** Whether the person's organisation is an ARS or a GRADeS, whose people read by region. */
export const readsByRegion = (user: SessionUser) =>
  isOrganisationKind(user.organisation.kind) && REGIONAL_KINDS.includes(user.organisation.kind);

/** Pure rule, given the facts about one pilot and the region the person's organisation serves. */
export function pilotAccessFrom(user: SessionUser, pilot: PilotFacts, userRegionCode: string | null): PilotAccess {
  const roles = new Set(
    pilot.organisations.filter((o) => o.organisationId === user.organisationId).map((o) => o.role as PilotRole),
  );
  const runs = RUNNING_ROLES.some((role) => roles.has(role));
  const coordinate = coordinatesSegur(user);
  const edit = runs && can(user, "edit:segur-pilot");
  const inRegion = userRegionCode !== null && readsByRegion(user) && pilot.regionCodes.has(userRegionCode);
  const read = coordinate || edit || (can(user, "read:segur-pilot") && (runs || roles.has("CONTREPARTIE") || inRegion));
  return read ? { read, edit, coordinate, manage: edit || coordinate } : NONE;
}

/** The region the person's organisation serves, when it is an ARS or a GRADeS (from the session). */
export function regionServedBy(user: SessionUser): string | null {
  return readsByRegion(user) ? user.organisation.regionCode : null;
}

/** The facts of one pilot; null when it does not exist. Works inside a write transaction. */
export async function pilotFacts(pilotId: string): Promise<PilotFacts | null> {
  const pilot = await prisma.segurPilot.findUnique({
    where: { id: pilotId },
    select: {
      organisations: { select: { organisationId: true, role: true } },
      departement: { select: { regionCode: true } },
      sites: { select: { site: { select: { departement: { select: { regionCode: true } } } } } },
    },
  });
  if (!pilot) return null;
  const regions = [pilot.departement?.regionCode, ...pilot.sites.map((s) => s.site.departement.regionCode)];
  return {
    organisations: pilot.organisations,
    regionCodes: new Set(regions.filter((code): code is string => code != null)),
  };
}

/** What a person may do on one pilot (nothing when it does not exist). */
export async function pilotAccess(user: SessionUser, pilotId: string): Promise<PilotAccess> {
  const facts = await pilotFacts(pilotId);
  return facts ? pilotAccessFrom(user, facts, regionServedBy(user)) : NONE;
}

/**
 * The pilot's access when the person may `need` it: INTROUVABLE (404) when they may not even
 * read the pilot, INTERDIT (403, with `denied`) when they read it but may not do this.
 */
export async function pilotAccessFor(
  user: SessionUser,
  pilotId: string,
  need: keyof PilotAccess = "read",
  denied = PAGE_FORBIDDEN,
): Promise<Result<PilotAccess>> {
  const access = await pilotAccess(user, pilotId);
  if (!access.read) return refusal("INTROUVABLE", OUT_OF_SCOPE);
  return access[need] ? success(access) : refusal("INTERDIT", denied);
}
