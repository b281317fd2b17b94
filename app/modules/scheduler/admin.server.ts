/** What the administrators do to jobs from the admin pages, with its audit entry. */
import { actorOf, recordAudit } from "~/modules/journal/audit.server";
import { notifyAfterCommit } from "~/modules/workflow/after-commit.server";
import { now as clockNow } from "~/utils/clock.server";
import { writeTransaction } from "~/utils/db.server";
import { refusal, type Result } from "~/utils/result";
import { retryJob } from "./jobs.server";

/** Puts a failed job back in the queue; refused when it is no longer failed. */
export async function retryFailedJob(
  user: { id: string; firstName: string; lastName: string },
  id: string,
): Promise<Result<{ kind: string }>> {
  const at = clockNow();
  const job = await writeTransaction(async (tx) => {
    const retried = await retryJob(id, () => at);
    if (retried)
      await recordAudit(
        tx,
        {
          actor: actorOf(user),
          action: "tache-relancee",
          entityType: "Tache",
          entityId: id,
          data: { type: retried.kind },
        },
        at,
      );
    return retried;
  });
  if (!job) return refusal("REFUSE", "Cette tâche n'est plus en échec : il n'y a rien à relancer.");
  notifyAfterCommit();
  return { ok: true, value: { kind: job.kind } };
}
