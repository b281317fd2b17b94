/**
 * The pilots board's certificates and cards that expire soon, on the read connection (decision
 * 021): those of the pilots' establishments expiring from today to `EXPIRY_HORIZON_DAYS` ahead,
 * soonest first. A credential a later one of the same kind, entity and holder replaces is left
 * out: its reminders were cancelled when it was replaced (credentials.server.ts).
 */
import { readDb } from "~/utils/read-db.server";
import { addCalendarDays, type IsoDate } from "~/utils/working-days";
import type { CredentialKind } from "../vocabulary";
import { pilotEstablishments } from "./board-matrix.server";

/** The board looks as far ahead as the first expiry reminder (the setting's default, 90 days). */
export const EXPIRY_HORIZON_DAYS = 90;

export type ExpiringCredential = {
  pilotId: string;
  id: string;
  kind: CredentialKind;
  establishment: string;
  expiresOn: IsoDate;
};

export async function expiringCredentials(pilotIds: readonly string[], today: IsoDate): Promise<ExpiringCredential[]> {
  if (pilotIds.length === 0) return [];
  const rows = await readDb()
    .selectFrom(pilotEstablishments(pilotIds).as("pe"))
    .innerJoin("SegurCredential as c", "c.legalEntityId", "pe.legalEntityId")
    .innerJoin("LegalEntity as le", "le.id", "c.legalEntityId")
    .select(["pe.pilotId", "c.id", "c.kind", "le.name as establishment", "c.expiresOn"])
    .where("c.expiresOn", ">=", today)
    .where("c.expiresOn", "<=", addCalendarDays(today, EXPIRY_HORIZON_DAYS))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("SegurCredential as later")
            .select("later.id")
            .whereRef("later.legalEntityId", "=", "c.legalEntityId")
            .whereRef("later.kind", "=", "c.kind")
            .where((eb) =>
              eb.or([
                eb("later.holderId", "is", null).and("c.holderId", "is", null),
                eb("later.holderId", "=", eb.ref("c.holderId")),
              ]),
            )
            .whereRef("later.expiresOn", ">", "c.expiresOn"),
        ),
      ),
    )
    .orderBy("c.expiresOn")
    .orderBy("le.name")
    .orderBy("c.id")
    .execute();
  return rows.map((row) => ({ ...row, kind: row.kind as CredentialKind, expiresOn: row.expiresOn as IsoDate }));
}
