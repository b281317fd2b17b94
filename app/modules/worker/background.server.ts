/**
 * The background work that runs beside the web server (or alone: `npm run worker`): due
 * jobs first, then mail delivery, then the next establishment import (in a child process of
 * its own, decision 043), every WORKER_INTERVAL_MS and as soon as a transaction
 * that queued mails or jobs commits.
 */
import { deliverDueMails } from "~/modules/mail/sender.server";
import { runNextImport } from "~/modules/segur/import/runner.server";
import { createTransport } from "~/modules/mail/transport.server";
import { startWorker } from "~/modules/scheduler/worker.server";
import { now } from "~/utils/clock.server";
import { env } from "~/utils/env.server";
import { onAfterCommit } from "~/modules/workflow/after-commit.server";
import { ensureSchedules } from "~/composition.server";

/** Runs the jobs the composition root registered: the entry calls `composeApplication()` first. */
export function startBackground() {
  const config = env();
  const transport = createTransport(config.smtpUrl);
  void ensureSchedules(now()).catch((error) => console.error("Planification initiale impossible", error));
  const worker = startWorker({
    intervalMs: config.workerIntervalMs,
    extraTasks: [() => deliverDueMails({ transport, from: config.mailFrom }), () => runNextImport()],
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
