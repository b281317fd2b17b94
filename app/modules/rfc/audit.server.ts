/**
 * The journal entry of what a person did on the RFC cycle, always for their own organisation:
 * the one place that says who acted and for whom, so the commands only say what happened.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { actorOf, recordAudit, type AuditInput } from "~/modules/journal/audit.server";
import type { Tx } from "~/utils/db.server";

export function auditBy(tx: Tx, user: SessionUser, entry: Omit<AuditInput, "actor" | "organisationId">, now: Date) {
  return recordAudit(tx, { actor: actorOf(user), organisationId: user.organisationId, ...entry }, now);
}
