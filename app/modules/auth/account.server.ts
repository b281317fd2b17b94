/**
 * Everything a person does with their credentials: sign in, second factor, password reset,
 * invitation, password change. Each change writes its audit entry and its mail in the same
 * transaction; every refusal is a French message.
 */
import { prisma, writeTransaction, type Tx } from "~/utils/db.server";
import { now as clockNow } from "~/utils/clock.server";
import { recordAudit, actorOf, type Actor, type AuditInput } from "~/modules/journal/audit.server";
import { noteSecurityEvent } from "~/modules/security/events.server";
import { enqueueMail, type NewMail } from "~/modules/mail/outbox.server";
import {
  invitationMail,
  passwordChangedMail,
  passwordResetMail,
  twoFactorEnabledMail,
} from "~/modules/mail/templates/account.server";
import { notifyAfterCommit } from "~/modules/workflow/after-commit.server";
import {
  checkActionToken,
  consumeActionToken,
  TOKEN_PROBLEM_MESSAGES,
  type ActionTokenKind,
} from "./action-tokens.server";
import { LINK_EXPIRY_PLACEHOLDER, mailedLinkUrl } from "./mailed-links.server";
import { decoyPasswordHash, hashPassword, passwordProblem, verifyPassword } from "./password.server";
import { createSession, invalidateUserSessions, markSessionTwoFactorVerified } from "./session.server";
import { accountKey, clearFailures, ipKey, releaseAttempt, reserveAttempt, retryMessage } from "./throttle.server";
import { openTotpKey, sealTotpKey, verifyTotp } from "./totp.server";
import { mayGrant } from "~/utils/permissions";
import type { Role } from "~/utils/roles";

/** The person an account mail or journal line is about. */
type AccountHolder = { id: string; email: string; organisationId: string };

/** An account mail goes to the person it is about, filed under their record. */
function mailAccount(tx: Tx, holder: AccountHolder, mail: Omit<NewMail, "to" | "related">, now: Date) {
  return enqueueMail(tx, { ...mail, to: [holder.email], related: { type: "Utilisateur", id: holder.id } }, () => now);
}

/** An account change is journalled under the person's record, in their organisation. */
function auditAccount(
  tx: Tx,
  holder: AccountHolder,
  actor: Actor,
  action: string,
  now: Date,
  data?: AuditInput["data"],
) {
  return recordAudit(
    tx,
    { actor, action, entityType: "Utilisateur", entityId: holder.id, organisationId: holder.organisationId, data },
    now,
  );
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

const BAD_CREDENTIALS = "Adresse électronique ou mot de passe incorrect.";

export type SignInResult =
  | { ok: true; token: string; lifetimeMs: number; userId: string; needsSecondFactor: boolean }
  | { ok: false; message: string };

type SignInAttempt = { email: string; password: string; ip: string; userAgent: string | null };

/**
 * The one place where a sign-in attempt fails, whatever the reason: refused before the
 * password is checked because the account or address is locked, or wrong credentials
 * (unknown address, wrong password, deactivated person or organisation).
 */
async function signInFailed(
  attempt: SignInAttempt,
  reason: "verrouillage" | "identifiants",
  message: string,
  now: Date,
): Promise<SignInResult> {
  noteSecurityEvent({ kind: "connexion-echouee", typedEmail: attempt.email, ip: attempt.ip }, now);
  return { ok: false, message };
}

export async function signIn(attempt: SignInAttempt): Promise<SignInResult> {
  const { email, password, ip, userAgent } = attempt;
  const now = clockNow();
  const keys = [accountKey(email), ipKey(ip)];
  const reservation = await reserveAttempt(keys, now);
  if (!reservation.ok) return signInFailed(attempt, "verrouillage", retryMessage(reservation.lockedUntil, now), now);

  const user = await prisma.user.findUnique({
    where: { email: normaliseEmail(email) },
    include: { organisation: { select: { active: true } } },
  });
  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, password)
    : (await verifyPassword(await decoyPasswordHash(), password), false);
  // A failed attempt keeps its reservation: that is its failure.
  if (!user || !valid || !user.active || !user.organisation.active)
    return signInFailed(attempt, "identifiants", BAD_CREDENTIALS, now);
  const needsSecondFactor = user.totpEnabledAt !== null;
  // One short transaction for the whole success, so that a storm of sign-ins queues few writes.
  const { token, session } = await writeTransaction(async (tx) => {
    await releaseAttempt(tx, keys);
    const created = await createSession(user.id, { ip, userAgent, twoFactorVerified: !needsSecondFactor }, now);
    await auditAccount(tx, user, actorOf(user), "connexion", now, { ip });
    return created;
  });
  return {
    ok: true,
    token,
    lifetimeMs: session.absoluteExpiresAt.getTime() - now.getTime(),
    userId: user.id,
    needsSecondFactor,
  };
}

export async function verifySecondFactor({
  sessionId,
  userId,
  code,
  ip,
}: {
  sessionId: string;
  userId: string;
  code: string;
  ip: string;
}) {
  const now = clockNow();
  const keys = [`totp:${userId}`, ipKey(ip)];
  const reservation = await reserveAttempt(keys, now);
  if (!reservation.ok) return { ok: false as const, message: retryMessage(reservation.lockedUntil, now) };
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  if (!user.totpKey || !verifyTotp(openTotpKey(user.totpKey), code)) {
    noteSecurityEvent({ kind: "connexion-echouee", typedEmail: user.email, ip }, now);
    return {
      ok: false as const,
      message: "Code incorrect ou expiré. Saisissez le code à 6 chiffres affiché par votre application.",
    };
  }
  await writeTransaction(async (tx) => {
    await releaseAttempt(tx, keys);
    await markSessionTwoFactorVerified(sessionId);
  });
  return { ok: true as const };
}

/**
 * Same answer whether the address exists or not; the mail goes only to a known, active person.
 * Every request takes a slot, never given back, so that the form cannot flood a mailbox.
 */
export async function requestPasswordReset(
  email: string,
  ip: string,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const now = clockNow();
  const reservation = await reserveAttempt([`reinit:${accountKey(email)}`, `reinit:${ipKey(ip)}`], now);
  if (!reservation.ok) return { ok: false, message: retryMessage(reservation.lockedUntil, now) };
  const user = await prisma.user.findUnique({ where: { email: normaliseEmail(email) } });
  if (!user || !user.active) return { ok: true };
  await writeTransaction(async (tx) => {
    // The link is minted when the mail leaves (decision 010): the outbox never holds it.
    const mail = passwordResetMail({
      firstName: user.firstName,
      url: mailedLinkUrl("REINITIALISATION"),
      validUntil: LINK_EXPIRY_PLACEHOLDER,
    });
    await mailAccount(
      tx,
      user,
      { template: "reinitialisation", ...mail, link: { kind: "REINITIALISATION", userId: user.id } },
      now,
    );
    await auditAccount(tx, user, null, "demande-reinitialisation", now);
  });
  notifyAfterCommit();
  return { ok: true };
}

export async function describeActionToken(kind: ActionTokenKind, token: string) {
  const check = await checkActionToken(prisma, kind, token, clockNow());
  if (!check.ok) return { ok: false as const, message: TOKEN_PROBLEM_MESSAGES[check.reason] };
  const user = await prisma.user.findUniqueOrThrow({ where: { id: check.userId }, include: { organisation: true } });
  return {
    ok: true as const,
    firstName: user.firstName,
    lastName: user.lastName,
    email: user.email,
    organisation: user.organisation.name,
  };
}

/**
 * Sets a new password through a single-use link (reset or invitation). Ends every session
 * of the person. Returns a French message when the link or the password is refused.
 */
export async function setPasswordWithToken(kind: ActionTokenKind, token: string, password: string) {
  const now = clockNow();
  const check = await checkActionToken(prisma, kind, token, now);
  if (!check.ok) return { ok: false as const, field: "_form", message: TOKEN_PROBLEM_MESSAGES[check.reason] };
  const user = await prisma.user.findUniqueOrThrow({ where: { id: check.userId } });
  const problem = passwordProblem(password, [user.email, user.firstName, user.lastName]);
  if (problem) return { ok: false as const, field: "password", message: problem };
  const passwordHash = await hashPassword(password);
  const result = await writeTransaction(async (tx) => {
    if (!(await consumeActionToken(tx, check.tokenId, now))) return false;
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, passwordChangedAt: now } });
    await invalidateUserSessions(user.id);
    // The link proves the person: the sign-in lock that sent them here must not refuse the new password.
    await clearFailures(tx, accountKey(user.email));
    if (kind === "REINITIALISATION") {
      const mail = passwordChangedMail({ firstName: user.firstName, at: now });
      await mailAccount(tx, user, { template: "mot-de-passe-modifie", ...mail }, now);
    }
    await auditAccount(
      tx,
      user,
      actorOf(user),
      kind === "INVITATION" ? "invitation-acceptee" : "mot-de-passe-reinitialise",
      now,
    );
    return true;
  });
  if (!result) return { ok: false as const, field: "_form", message: TOKEN_PROBLEM_MESSAGES.utilise };
  notifyAfterCommit();
  return { ok: true as const };
}

export async function changePassword({
  userId,
  sessionId,
  current,
  next,
}: {
  userId: string;
  sessionId: string;
  current: string;
  next: string;
}) {
  const now = clockNow();
  // A stolen session must not become a way around the sign-in throttle to guess the password.
  const keys = [`changement:${userId}`];
  const reservation = await reserveAttempt(keys, now);
  if (!reservation.ok)
    return { ok: false as const, field: "currentPassword", message: retryMessage(reservation.lockedUntil, now) };
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, current))) {
    return { ok: false as const, field: "currentPassword", message: "Le mot de passe actuel est incorrect." };
  }
  await writeTransaction((tx) => releaseAttempt(tx, keys));
  const problem = passwordProblem(next, [user.email, user.firstName, user.lastName]);
  if (problem) return { ok: false as const, field: "password", message: problem };
  if (await verifyPassword(user.passwordHash, next))
    return {
      ok: false as const,
      field: "password",
      message: "Le nouveau mot de passe doit être différent de l'actuel.",
    };
  const passwordHash = await hashPassword(next);
  const ended = await writeTransaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash, passwordChangedAt: now } });
    const count = await invalidateUserSessions(userId, sessionId);
    const mail = passwordChangedMail({ firstName: user.firstName, at: now });
    await mailAccount(tx, user, { template: "mot-de-passe-modifie", ...mail }, now);
    await auditAccount(tx, user, actorOf(user), "mot-de-passe-modifie", now, { sessionsTerminees: count });
    return count;
  });
  notifyAfterCommit();
  return { ok: true as const, endedSessions: ended };
}

export async function enableTotp({
  userId,
  sessionId,
  sealedKey,
  code,
}: {
  userId: string;
  sessionId: string;
  sealedKey: Uint8Array;
  code: string;
}) {
  const now = clockNow();
  let key: Uint8Array;
  try {
    key = openTotpKey(sealedKey);
  } catch {
    return {
      ok: false as const,
      message: "La clé de configuration n'est plus valide. Rechargez la page pour en obtenir une nouvelle.",
    };
  }
  if (!verifyTotp(key, code))
    return {
      ok: false as const,
      message: "Code incorrect. Vérifiez l'heure de votre téléphone et saisissez le code affiché.",
    };
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  await writeTransaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { totpKey: sealTotpKey(key), totpEnabledAt: now } });
    await tx.session.update({ where: { id: sessionId }, data: { twoFactorVerified: true } });
    const mail = twoFactorEnabledMail({ firstName: user.firstName, at: now });
    await mailAccount(tx, user, { template: "double-authentification", ...mail }, now);
    await auditAccount(tx, user, actorOf(user), "double-authentification-activee", now);
  });
  notifyAfterCommit();
  return { ok: true as const };
}

export async function disableTotp({ userId, code }: { userId: string; code: string }) {
  const now = clockNow();
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  if (!user.totpKey || !verifyTotp(openTotpKey(user.totpKey), code))
    return { ok: false as const, message: "Code incorrect." };
  await writeTransaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { totpKey: null, totpEnabledAt: null } });
    await auditAccount(tx, user, actorOf(user), "double-authentification-desactivee", now);
  });
  return { ok: true as const };
}

export type Invitation = {
  email: string;
  firstName: string;
  lastName: string;
  jobTitle?: string | null;
  organisationId: string;
  roles: Role[];
};

/** Creates the person without a password and mails them a single-use link to choose one. */
export async function invitePerson(
  inviter: { id: string; firstName: string; lastName: string; roles: Role[] },
  invitation: Invitation,
) {
  const now = clockNow();
  if (!mayGrant(inviter, invitation.roles)) {
    return {
      ok: false as const,
      field: "roles",
      message: "Seul un administrateur peut attribuer le rôle d'administrateur.",
    };
  }
  const email = normaliseEmail(invitation.email);
  if (await prisma.user.findUnique({ where: { email } })) {
    return { ok: false as const, field: "email", message: "Une personne utilise déjà cette adresse électronique." };
  }
  const organisation = await prisma.organisation.findUnique({ where: { id: invitation.organisationId } });
  if (!organisation || !organisation.active)
    return { ok: false as const, field: "organisationId", message: "Choisissez une organisation active." };
  const user = await writeTransaction(async (tx) => {
    const created = await tx.user.create({
      data: {
        email,
        firstName: invitation.firstName.trim(),
        lastName: invitation.lastName.trim(),
        jobTitle: invitation.jobTitle?.trim() || null,
        organisationId: organisation.id,
        roles: { create: invitation.roles.map((role) => ({ role })) },
      },
    });
    const mail = invitationMail({
      firstName: created.firstName,
      inviterName: `${inviter.firstName} ${inviter.lastName}`,
      organisationName: organisation.name,
      url: mailedLinkUrl("INVITATION"),
      validUntil: LINK_EXPIRY_PLACEHOLDER,
    });
    const link = { kind: "INVITATION" as const, userId: created.id, issuedById: inviter.id };
    await mailAccount(tx, created, { template: "invitation", ...mail, link }, now);
    await auditAccount(tx, created, actorOf(inviter), "invitation", now, { email, roles: invitation.roles });
    return created;
  });
  notifyAfterCommit();
  return { ok: true as const, userId: user.id };
}

/** Sends a fresh invitation link to a person who has not chosen a password yet. */
export async function resendInvitation(inviter: { id: string; firstName: string; lastName: string }, userId: string) {
  const now = clockNow();
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, include: { organisation: true } });
  if (user.passwordHash) return { ok: false as const, message: "Cette personne a déjà activé son compte." };
  await writeTransaction(async (tx) => {
    const mail = invitationMail({
      firstName: user.firstName,
      inviterName: `${inviter.firstName} ${inviter.lastName}`,
      organisationName: user.organisation.name,
      url: mailedLinkUrl("INVITATION"),
      validUntil: LINK_EXPIRY_PLACEHOLDER,
    });
    const link = { kind: "INVITATION" as const, userId, issuedById: inviter.id };
    await mailAccount(tx, user, { template: "invitation", ...mail, link }, now);
    await auditAccount(tx, user, actorOf(inviter), "invitation-renvoyee", now);
  });
  notifyAfterCommit();
  return { ok: true as const };
}
