/**
 * The frame of every Ségur command on one pilot: only those who may act on the pilot do (a person
 * who does not see it is told it does not exist, a reader that they may not), then one write
 * transaction at one clock reading, which wakes the worker when it queued mails or jobs.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { writeThenWake } from "~/modules/workflow/after-commit.server";
import { now as clockNow } from "~/utils/clock.server";
import type { Tx } from "~/utils/db.server";
import type { Result } from "~/utils/result";
import { pilotAccessFor, type PilotAccess } from "./policy.server";

type PilotWork<T> = (tx: Tx, now: Date) => Promise<Result<T>>;

/** A command that needs `need` on the pilot (`edit`: its own people; `manage`: they or the coordinator…). */
export async function actOnPilot<T>(
  user: SessionUser,
  pilotId: string,
  need: keyof PilotAccess,
  denied: string,
  work: PilotWork<T>,
): Promise<Result<T>> {
  const access = await pilotAccessFor(user, pilotId, need, denied);
  if (!access.ok) return access;
  const now = clockNow();
  return writeThenWake((tx) => work(tx, now));
}

/** A command of the pilot's own people (its establishment's and its vendor's). */
export function editPilot<T>(user: SessionUser, pilotId: string, denied: string, work: PilotWork<T>) {
  return actOnPilot(user, pilotId, "edit", denied, work);
}
