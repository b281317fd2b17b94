/**
 * The pilots board's certificates and cards that expire soon, on the read connection (decision
 * 021): those of the pilots' establishments (`pilotLegalEntities`) expiring from today to `EXPIRY_HORIZON_DAYS` ahead,
 * soonest first, those a later one replaced left out (`stillCurrent`).
 */
import { readDb } from "~/utils/read-db.server";
import { addCalendarDays, type IsoDate } from "~/utils/working-days";
import type { CredentialKind } from "../vocabulary";
import { stillCurrent, type PilotEstablishment } from "./pilot-records.server";

/** How far ahead the board and the pilot's home look for expiries: the first expiry reminder (the setting's default, 90 days). */
export const EXPIRY_HORIZON_DAYS = 90;

/** A certificate or card expiring soon, once per pilot whose establishment holds it. */
export type ExpiringCredential = Awaited<ReturnType<typeof expiringCredentials>>[number];

/** The credentials of the pilots' establishments expiring within the horizon, one line per pilot concerned. */
export async function expiringCredentials(establishments: readonly PilotEstablishment[], today: IsoDate) {
  const entityIds = [...new Set(establishments.map((e) => e.id))];
  if (entityIds.length === 0) return [];
  const rows = await readDb()
    .selectFrom("SegurCredential as c")
    .innerJoin("LegalEntity as le", "le.id", "c.legalEntityId")
    .select(["c.id", "c.legalEntityId", "c.kind", "le.name as establishment", "c.expiresOn"])
    .where("c.legalEntityId", "in", entityIds)
    .where("c.expiresOn", ">=", today)
    .where("c.expiresOn", "<=", addCalendarDays(today, EXPIRY_HORIZON_DAYS))
    .where(stillCurrent)
    .orderBy("c.expiresOn")
    .orderBy("le.name")
    .orderBy("c.id")
    .execute();
  const pilotsOf = new Map<string, string[]>();
  for (const e of establishments) pilotsOf.set(e.id, [...(pilotsOf.get(e.id) ?? []), e.pilotId]);
  return rows.flatMap(({ legalEntityId, ...row }) =>
    (pilotsOf.get(legalEntityId) ?? []).map((pilotId) => ({
      ...row,
      pilotId,
      kind: row.kind as CredentialKind,
      expiresOn: row.expiresOn as IsoDate,
    })),
  );
}
