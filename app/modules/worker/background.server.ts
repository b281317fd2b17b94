/**
 * The background work that runs beside the web server (or alone: `npm run worker`): due
 * jobs first, then mail delivery, every WORKER_INTERVAL_MS and as soon as a transaction
 * that queued mails or jobs commits.
 */
import { deliverDueMails } from "~/modules/mail/sender.server";
import { createTransport } from "~/modules/mail/transport.server";
import { startWorker } from "~/modules/scheduler/worker.server";
import { now } from "~/utils/clock.server";
import { env } from "~/utils/env.server";
import { ensureCoreSchedules, registerCoreJobs } from "./core-jobs.server";
import { ensureRepriseSchedules, registerRepriseJobs } from "~/modules/reprise/jobs.server";
import { ensureRfcSchedules, registerRfcJobs } from "~/modules/rfc/jobs.server";
import "~/modules/reprise/workflow.server";
import { registerGroupJobs } from "~/modules/groups/jobs.server";
import { onAfterCommit } from "~/modules/workflow/after-commit.server";

/** Every job handler of the application; domain modules add theirs here. */
export function registerAllJobs() {
  registerCoreJobs();
  registerRepriseJobs();
  registerRfcJobs();
  registerGroupJobs();
}

/** Recurring jobs whose next occurrence must exist (after a fresh install or a downtime). */
export async function ensureSchedules(at: Date) {
  await ensureCoreSchedules(at);
  await ensureRepriseSchedules(at);
  await ensureRfcSchedules(at);
}

export function startBackground() {
  const config = env();
  registerAllJobs();
  const transport = createTransport(config.smtpUrl);
  void ensureSchedules(now()).catch((error) => console.error("Planification initiale impossible", error));
  const worker = startWorker({
    intervalMs: config.workerIntervalMs,
    extraTasks: [() => deliverDueMails({ transport, from: config.mailFrom })],
  });
  const unsubscribe = onAfterCommit(() => worker.wake());
  return {
    stop: async () => {
      unsubscribe();
      await worker.stop();
      transport?.close();
    },
  };
}
