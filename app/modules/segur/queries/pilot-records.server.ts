/**
 * What the pilot's home and page show besides the steps, on the read connection (decision 021),
 * for one or several pilots at once: the legal entities and sites taking part, the designated
 * people, the certificates and cards (with who keeps the password — the password is never
 * stored), and the objectives per core service combined as the board combines them
 * (`objectiveCell`, from the projected outcome).
 *
 * A legal entity takes part in a pilot through one of its sites (as the commands decide it:
 * designated-people.server.ts `legalEntityInPilot`).
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { sql, type ExpressionBuilder } from "kysely";
import type { DB } from "~/generated/kysely/types";
import { visiblePilotIds } from "./pilots.server";
import { compiledOnce, readDb } from "~/utils/read-db.server";
import {
  CORE_SERVICES,
  objectiveCell,
  type Cell,
  type CoreService,
  type Outcome,
} from "../../../../workflows/segur-objective";

/** The legal entities of these pilots' sites, by pilot: the one read of who takes part in a pilot. */
export async function pilotLegalEntities(pilotIds: readonly string[]) {
  if (pilotIds.length === 0) return [];
  return legalEntitiesOfPilots({ pilotIds: JSON.stringify(pilotIds) });
}

// The ids as one JSON array value: the statement keeps one shape whatever their number.
const legalEntitiesOfPilots = compiledOnce((db, args: { pilotIds: string }) =>
  db
    .selectFrom("SegurPilotSite as ps")
    .innerJoin("Site as site", "site.id", "ps.siteId")
    .innerJoin("LegalEntity as e", "e.id", "site.legalEntityId")
    .where("ps.pilotId", "in", sql<string>`(SELECT value FROM json_each(${args.pilotIds}))`)
    .select(["ps.pilotId", "e.id", "e.name", "e.finess", "e.serviceEmail"])
    .distinct()
    .orderBy("e.name")
    .orderBy("e.id"),
);

/** A pilot's establishment: a legal entity of its sites, by name (what the matrix and the expiries need of it). */
export type PilotEstablishment = Pick<
  Awaited<ReturnType<typeof pilotLegalEntities>>[number],
  "pilotId" | "id" | "name"
>;

/** The sites of one pilot with their legal entity, département and deployment wave. */
export async function pilotSites(pilotId: string) {
  return readDb()
    .selectFrom("SegurPilotSite as ps")
    .innerJoin("Site as site", "site.id", "ps.siteId")
    .innerJoin("Departement as d", "d.code", "site.departementCode")
    .leftJoin("GrappeWave as wave", "wave.id", "ps.waveId")
    .where("ps.pilotId", "=", pilotId)
    .select([
      "site.id",
      "site.legalEntityId",
      "site.name",
      "site.finess",
      "site.category",
      "d.code as departementCode",
      "d.name as departement",
      "wave.name as wave",
    ])
    .orderBy("wave.rank")
    .orderBy("site.name")
    .execute();
}

/** The register of these legal entities: people in post first, then those who left. */
export async function designatedPeople(legalEntityIds: readonly string[]) {
  if (legalEntityIds.length === 0) return [];
  return readDb()
    .selectFrom("DesignatedPerson as p")
    .where("p.legalEntityId", "in", legalEntityIds)
    .select(["p.id", "p.legalEntityId", "p.role", "p.firstName", "p.lastName", "p.email", "p.designatedOn", "p.leftOn"])
    .orderBy(sql`p.leftOn IS NOT NULL`)
    .orderBy("p.lastName")
    .orderBy("p.firstName")
    .execute();
}

export type CredentialRow = {
  id: string;
  kind: string;
  legalEntityId: string;
  legalEntityName: string;
  reference: string;
  issuedOn: string;
  expiresOn: string;
  holder: string | null;
  passwordKeeper: string | null;
};

/** The certificates and cards of these legal entities, soonest expiry first (a window of expiries: `expiringCredentialsFor`). */
export async function credentialsOf(legalEntityIds: readonly string[]): Promise<CredentialRow[]> {
  if (legalEntityIds.length === 0) return [];
  return credentialRows()
    .where("c.legalEntityId", "in", legalEntityIds)
    .orderBy("c.expiresOn")
    .orderBy("c.id")
    .execute();
}

type CredentialScope = ExpressionBuilder<DB & { c: DB["SegurCredential"] }, "c">;

/**
 * A credential no later one replaced: none of the same kind, legal entity and holder expires
 * after it. A replaced credential's reminders were cancelled when its successor was recorded
 * (credentials.server.ts); every window of expiries (board, home, calendar) leaves it out.
 */
export function stillCurrent(eb: CredentialScope) {
  return eb.not(
    eb.exists(
      eb
        .selectFrom("SegurCredential as later")
        .select("later.id")
        .whereRef("later.legalEntityId", "=", "c.legalEntityId")
        .whereRef("later.kind", "=", "c.kind")
        .where((inner) =>
          inner.or([
            inner("later.holderId", "is", null).and("c.holderId", "is", null),
            inner("later.holderId", "=", inner.ref("c.holderId")),
          ]),
        )
        .whereRef("later.expiresOn", ">", "c.expiresOn"),
    ),
  );
}

/**
 * The certificates and cards expiring from `from` to `expiringBy` of the legal entities of the
 * pilots this person may see, each with the code of a pilot it serves (the calendar's and the
 * pilot's home's expiries), those a later one replaced left out (`stillCurrent`).
 */
export async function expiringCredentialsFor(
  user: SessionUser,
  { from, expiringBy }: { from: string; expiringBy: string },
): Promise<(CredentialRow & { pilotCode: string })[]> {
  const pilots = visiblePilotIds(user);
  if (pilots === null) return [];
  return credentialRows()
    .innerJoin("Site as site", "site.legalEntityId", "c.legalEntityId")
    .innerJoin("SegurPilotSite as ps", "ps.siteId", "site.id")
    .innerJoin("SegurPilot as pilot", "pilot.id", "ps.pilotId")
    .where("ps.pilotId", "in", pilots)
    .where("c.expiresOn", ">=", from)
    .where("c.expiresOn", "<=", expiringBy)
    .where(stillCurrent)
    .select(sql<string>`min(pilot.code)`.as("pilotCode"))
    .groupBy("c.id")
    .orderBy("c.expiresOn")
    .orderBy("c.id")
    .execute();
}

/** The columns a credential row shows: its legal entity's name, who holds it and who keeps its password. */
function credentialRows() {
  return readDb()
    .selectFrom("SegurCredential as c")
    .innerJoin("LegalEntity as e", "e.id", "c.legalEntityId")
    .leftJoin("DesignatedPerson as holder", "holder.id", "c.holderId")
    .leftJoin("DesignatedPerson as keeper", "keeper.id", "c.passwordKeeperId")
    .select([
      "c.id",
      "c.kind",
      "c.legalEntityId",
      "e.name as legalEntityName",
      "c.reference",
      "c.issuedOn",
      "c.expiresOn",
      sql<string | null>`holder.firstName || ' ' || holder.lastName`.as("holder"),
      sql<string | null>`keeper.firstName || ' ' || keeper.lastName`.as("passwordKeeper"),
    ]);
}

export type ServiceSummary = { service: CoreService; cell: Cell };

/**
 * Each pilot's objectives per core service, in the board's column order: the best outcome
 * reached with the others listed (`objectiveCell`), from the projected `outcome` (null while
 * the use case runs).
 */
export async function objectivesSummary(pilotIds: readonly string[]): Promise<Map<string, ServiceSummary[]>> {
  const rows =
    pilotIds.length === 0
      ? []
      : await readDb()
          .selectFrom("SegurObjective as o")
          .leftJoin("WorkflowField as f", (join) =>
            join.onRef("f.workflowId", "=", "o.workflowId").on("f.name", "=", "outcome"),
          )
          .where("o.pilotId", "in", pilotIds)
          .select(["o.pilotId", "o.service", "o.what", "f.value as outcome"])
          .orderBy("o.createdAt")
          .execute();
  return new Map(
    pilotIds.map((pilotId) => {
      const own = rows.filter((row) => row.pilotId === pilotId);
      return [
        pilotId,
        CORE_SERVICES.map((service) => ({
          service,
          cell: objectiveCell(
            own
              .filter((row) => row.service === service)
              .map((row) => ({ what: row.what, outcome: row.outcome as Outcome | null })),
          ),
        })),
      ];
    }),
  );
}
