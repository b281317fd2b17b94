/**
 * Signing out: this session, the person's other sessions, or all of them — each journalled under
 * the person's record, in their organisation.
 */
import { actorOf, audit, type AuditInput } from "~/modules/journal/audit.server";
import { invalidateSession, invalidateUserSessions, type SessionUser } from "./session.server";

function journalSignOut(user: SessionUser, action: string, data?: AuditInput["data"]) {
  return audit({
    actor: actorOf(user),
    action,
    entityType: "Utilisateur",
    entityId: user.id,
    organisationId: user.organisationId,
    ...(data ? { data } : {}),
  });
}

/** Ends this session. */
export async function signOut(user: SessionUser, sessionId: string) {
  await invalidateSession(sessionId);
  await journalSignOut(user, "deconnexion");
}

/** Ends the person's other sessions, keeping this one; returns how many ended. */
export async function signOutOtherSessions(user: SessionUser, sessionId: string) {
  const count = await invalidateUserSessions(user.id, sessionId);
  await journalSignOut(user, "deconnexion-autres-sessions", { sessions: count });
  return count;
}

/** Ends every session of the person, this one included; returns how many ended. */
export async function signOutEverywhere(user: SessionUser) {
  const count = await invalidateUserSessions(user.id);
  await journalSignOut(user, "deconnexion-partout", { sessions: count });
  return count;
}
