/**
 * The frame of every Ségur command on one pilot: only those who may edit the pilot act (a person
 * who does not see it is told it does not exist, a reader that they may not), then one write
 * transaction at one clock reading, which wakes the worker when it queued mails or jobs.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { writeThenWake } from "~/modules/workflow/after-commit.server";
import { now as clockNow } from "~/utils/clock.server";
import type { Tx } from "~/utils/db.server";
import type { Result } from "~/utils/result";
import { pilotAccessFor } from "./policy.server";

export async function editPilot<T>(
  user: SessionUser,
  pilotId: string,
  denied: string,
  work: (tx: Tx, now: Date) => Promise<Result<T>>,
): Promise<Result<T>> {
  const access = await pilotAccessFor(user, pilotId, "edit", denied);
  if (!access.ok) return access;
  const now = clockNow();
  return writeThenWake((tx) => work(tx, now));
}
