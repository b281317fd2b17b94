/** What the administrators do to jobs from the admin pages, with its audit entry. */
import { retryFailedRow, type RetryActor } from "~/modules/worker/admin-retry.server";
import { success, type Result } from "~/utils/result";
import { retryJob } from "./jobs.server";

/** Puts a failed job back in the queue; refused when it is no longer failed. */
export async function retryFailedJob(user: RetryActor, id: string): Promise<Result<{ kind: string }>> {
  const retried = await retryFailedRow(user, id, {
    retry: retryJob,
    audit: (job) => ({ action: "tache-relancee", entityType: "Tache", data: { type: job.kind } }),
    notFailed: "Cette tâche n'est plus en échec : il n'y a rien à relancer.",
  });
  return retried.ok ? success({ kind: retried.value.kind }) : retried;
}
