/**
 * The Ségur pilots a person may see, for lists, on the read connection (decision 021): the rule
 * of `pilotAccessFrom` (policy.server.ts) in SQL, with only the columns a list shows.
 */
import { sql, type ExpressionBuilder } from "kysely";
import type { DB } from "~/generated/kysely/types";
import type { SessionUser } from "~/modules/auth/session.server";
import { readDb } from "~/utils/read-db.server";
import { can } from "~/utils/permissions";
import { PILOT_ROLE_VOCABULARY, RUNNING_ROLES } from "../vocabulary";
import { coordinatesSegur, regionServedBy } from "../policy.server";

export type PilotListRow = {
  id: string;
  code: string;
  name: string;
  sector: string;
  departementCode: string | null;
  startsOn: string | null;
  endsOn: string | null;
  product: string | null;
  vendor: string | null;
  /** Short names of its establishment organisations. */
  establishments: string[];
};

type PilotScope = ExpressionBuilder<DB & { p: DB["SegurPilot"] }, "p">;

/** The pilot has the person's organisation in one of these roles. */
function hasOrganisationIn(eb: PilotScope, organisationId: string, roles: readonly string[]) {
  return eb.exists(
    eb
      .selectFrom("SegurPilotOrganisation as po")
      .select("po.pilotId")
      .whereRef("po.pilotId", "=", "p.id")
      .where("po.organisationId", "=", organisationId)
      .where("po.role", "in", roles),
  );
}

/** The pilot's territory or one of its sites lies in the region. */
function liesIn(eb: PilotScope, regionCode: string) {
  return eb.or([
    eb.exists(
      eb
        .selectFrom("Departement as d")
        .select("d.code")
        .whereRef("d.code", "=", "p.departementCode")
        .where("d.regionCode", "=", regionCode),
    ),
    eb.exists(
      eb
        .selectFrom("SegurPilotSite as ps")
        .innerJoin("Site as s", "s.id", "ps.siteId")
        .innerJoin("Departement as d", "d.code", "s.departementCode")
        .select("ps.siteId")
        .whereRef("ps.pilotId", "=", "p.id")
        .where("d.regionCode", "=", regionCode),
    ),
  ]);
}

/** The pilots this person may see, as a query on "p" to select from; null when they see none. */
function visiblePilotsQuery(user: SessionUser) {
  const pilots = readDb().selectFrom("SegurPilot as p");
  if (coordinatesSegur(user)) return pilots;
  const reads = can(user, "read:segur-pilot");
  const roles = reads ? PILOT_ROLE_VOCABULARY.codes : can(user, "edit:segur-pilot") ? RUNNING_ROLES : [];
  const region = reads ? regionServedBy(user) : null;
  if (roles.length === 0 && region === null) return null;
  return pilots.where((eb) =>
    eb.or([
      ...(roles.length > 0 ? [hasOrganisationIn(eb, user.organisationId, roles)] : []),
      ...(region !== null ? [liesIn(eb, region)] : []),
    ]),
  );
}

/** The ids of the pilots this person may see, as a subquery for read models that join their records; null when none. */
export function visiblePilotIds(user: SessionUser) {
  return visiblePilotsQuery(user)?.select("p.id") ?? null;
}

/** The pilots this person may see, by name, with their code alone (a home that links to them). */
export async function visiblePilotNames(user: SessionUser): Promise<{ id: string; code: string; name: string }[]> {
  const pilots = visiblePilotsQuery(user);
  if (pilots === null) return [];
  return pilots.select(["p.id", "p.code", "p.name"]).orderBy("p.name").orderBy("p.id").execute();
}

/** The pilots this person may see, by name. */
export async function visiblePilots(user: SessionUser): Promise<PilotListRow[]> {
  const pilots = visiblePilotsQuery(user);
  if (pilots === null) return [];

  const rows = await pilots
    .leftJoin("SoftwareProduct as sp", "sp.id", "p.productId")
    .leftJoin("Organisation as v", "v.id", "sp.vendorId")
    .select(["p.id", "p.code", "p.name", "p.sector", "p.departementCode", "p.startsOn", "p.endsOn"])
    .select(["sp.name as product", "v.shortName as vendor"])
    .select(
      sql<string>`(SELECT json_group_array(o.shortName) FROM SegurPilotOrganisation po
                   JOIN Organisation o ON o.id = po.organisationId
                   WHERE po.pilotId = p.id AND po.role = 'ETABLISSEMENT')`.as("establishments"),
    )
    .orderBy("p.name")
    .orderBy("p.id")
    .execute();
  return rows.map((row) => ({ ...row, establishments: JSON.parse(row.establishments) as string[] }));
}
