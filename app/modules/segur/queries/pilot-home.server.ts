/**
 * The Ségur pilot's home (`/segur`) on the read connection (decision 021): for the pilots the
 * person may see (`visiblePilotIds`, the policy in SQL), the steps that can start now, the blocked
 * steps, the certificates and cards expiring within `EXPIRY_HORIZON_DAYS` (board-credentials.server.ts),
 * and each pilot's objectives per core service.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { addCalendarDays, type IsoDate } from "~/utils/working-days";
import { visiblePilotNames } from "./pilots.server";
import { blocked, pilotSteps, startable } from "./pilot-steps.server";
import { expiringCredentialsFor, objectivesSummary, pilotLegalEntities } from "./pilot-records.server";
import { EXPIRY_HORIZON_DAYS } from "./board-credentials.server";

export async function pilotHome(user: SessionUser, today: IsoDate) {
  const pilots = await visiblePilotNames(user);
  const ids = pilots.map((p) => p.id);
  const [steps, entities, objectives, expiring] = await Promise.all([
    pilotSteps(ids),
    pilotLegalEntities(ids),
    objectivesSummary(ids),
    expiringCredentialsFor(user, { from: today, expiringBy: addCalendarDays(today, EXPIRY_HORIZON_DAYS) }),
  ]);
  const codeOf = new Map(pilots.map((p) => [p.id, p.code]));
  const pilotsOfEntity = (legalEntityId: string) =>
    entities.filter((e) => e.id === legalEntityId).map((e) => codeOf.get(e.pilotId)!);
  return {
    pilots: pilots.map((p) => ({ id: p.id, code: p.code, name: p.name, objectives: objectives.get(p.id) ?? [] })),
    /** The pilots whose steps are not opened yet: nothing can be "next" before they are. */
    unopened: pilots.filter((p) => !steps.some((s) => s.pilotId === p.id)).map((p) => ({ code: p.code, name: p.name })),
    next: startable(steps).map((s) => ({ ...s, pilotCode: codeOf.get(s.pilotId)! })),
    blocked: blocked(steps).map((s) => ({ ...s, pilotCode: codeOf.get(s.pilotId)! })),
    expiring: expiring.map(({ pilotCode: _first, ...c }) => ({ ...c, pilotCodes: pilotsOfEntity(c.legalEntityId) })),
  };
}
