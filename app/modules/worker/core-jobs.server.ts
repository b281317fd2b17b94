/**
 * The platform's own recurring jobs. A recurring job reschedules its next occurrence in the
 * same transaction that completes it (idempotency key = kind + day), and start-up makes sure
 * the next occurrence exists, so a downtime is caught up once, not once per missed day.
 */
import { scheduleJob } from "~/modules/scheduler/jobs.server";
import { defineJobs } from "~/modules/scheduler/registry.server";
import { writeTransaction, type Tx } from "~/utils/db.server";
import { addCalendarDays, parisDate, parisInstant } from "~/utils/working-days";

export const PURGE_KIND = "plateforme.purge-sessions";
const PURGE_TIME = "03:00";

/** The next 03:00 in Paris strictly after `now`. */
export function nextPurgeAt(now: Date) {
  const today = parisInstant(parisDate(now), PURGE_TIME);
  return today > now ? today : parisInstant(addCalendarDays(parisDate(now), 1), PURGE_TIME);
}

async function schedulePurge(tx: Tx, now: Date) {
  const dueAt = nextPurgeAt(now);
  await scheduleJob(tx, { kind: PURGE_KIND, dueAt, payload: {}, idempotencyKey: `${PURGE_KIND}:${parisDate(dueAt)}` });
}

export const coreJobs = defineJobs((job) => {
  job(PURGE_KIND, "routine", async (tx, _payload, { now }) => {
    await tx.session.deleteMany({ where: { OR: [{ expiresAt: { lte: now } }, { absoluteExpiresAt: { lte: now } }] } });
    await tx.loginThrottle.deleteMany({ where: { firstFailureAt: { lte: new Date(now.getTime() - 24 * 3_600_000) } } });
    await schedulePurge(tx, now);
  });
});

export function ensureCoreSchedules(now: Date) {
  return writeTransaction(async (tx) => {
    const pending = await tx.scheduledJob.count({ where: { kind: PURGE_KIND, status: "PENDING" } });
    if (pending === 0) await schedulePurge(tx, now);
  });
}
