/**
 * An administrator puts a failed row of a background queue (an outbox mail, a job) back in its
 * queue: the retry and its audit line in one transaction, refused when the row is no longer
 * failed, and the worker woken once it is committed. The outbox and the scheduler each say what
 * to retry and how to describe it.
 */
import { actorOf, recordAudit, type AuditInput } from "~/modules/journal/audit.server";
import { notifyAfterCommit } from "~/modules/workflow/after-commit.server";
import { now as clockNow } from "~/utils/clock.server";
import { writeTransaction } from "~/utils/db.server";
import { refusal, success, type Result } from "~/utils/result";

export type RetryActor = { id: string; firstName: string; lastName: string };

export async function retryFailedRow<Row>(
  user: RetryActor,
  id: string,
  queue: {
    /** Puts the row back in its queue at `now`; null when it was not failed. */
    retry: (id: string, now: () => Date) => Promise<Row | null>;
    /** The audit line's action, entity type and data for the retried row. */
    audit: (row: Row) => Pick<AuditInput, "action" | "entityType" | "data">;
    /** The French refusal when the row is no longer failed. */
    notFailed: string;
  },
): Promise<Result<Row>> {
  const at = clockNow();
  const retried = await writeTransaction(async (tx) => {
    const row = await queue.retry(id, () => at);
    if (row) await recordAudit(tx, { actor: actorOf(user), entityId: id, ...queue.audit(row) }, at);
    return row;
  });
  if (!retried) return refusal("REFUSE", queue.notFailed);
  notifyAfterCommit();
  return success(retried);
}
