/**
 * A person's event on a group or an action item: the engine applies it (guards, row version,
 * effects) and the audit log records it in the same transaction, with the state it led to.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { actorOf, recordAudit, type AuditInput } from "~/modules/journal/audit.server";
import { applyEventInTransaction } from "~/modules/workflow/engine.server";
import type { Tx } from "~/utils/db.server";
import type { Result } from "~/utils/result";

export async function applyAudited(
  tx: Tx,
  user: SessionUser,
  step: {
    workflowId: string;
    event: { type: string };
    expectedRowVersion?: number;
    now: Date;
    audit: (status: string) => Omit<AuditInput, "actor">;
  },
): Promise<Result<{ status: string }>> {
  const actor = actorOf(user);
  const applied = await applyEventInTransaction(tx, {
    workflowId: step.workflowId,
    event: step.event,
    actor,
    expectedRowVersion: step.expectedRowVersion,
    now: step.now,
  });
  if (!applied.ok) return { ok: false, code: applied.code, message: applied.message };
  await recordAudit(tx, { actor, ...step.audit(applied.status) }, step.now);
  return { ok: true, value: { status: applied.status } };
}
