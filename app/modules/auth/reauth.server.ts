/**
 * Confirming one's identity again before a sensitive action — a full export (decision 015): the
 * password, or the TOTP code for accounts that have a second factor. Valid for ten minutes on
 * this session only. Failures are throttled like sign-ins and counted as security events.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { noteSecurityEvent } from "~/modules/security/events.server";
import { now as clockNow } from "~/utils/clock.server";
import { prisma, writeTransaction } from "~/utils/db.server";
import { verifyPassword } from "./password.server";
import { ipKey, releaseAttempt, reserveAttempt, retryMessage } from "./throttle.server";
import { openTotpKey, verifyTotp } from "./totp.server";

export const RECENT_AUTHENTICATION_MS = 10 * 60_000;

export function authenticatedRecently(session: { reauthenticatedAt: Date | null }, now = clockNow()) {
  if (!session.reauthenticatedAt) return false;
  const age = now.getTime() - session.reauthenticatedAt.getTime();
  return age >= 0 && age <= RECENT_AUTHENTICATION_MS;
}

/** How this person confirms: a TOTP code when they have a second factor, else their password. */
export const confirmationMethod = (user: Pick<SessionUser, "totpEnabled">) =>
  user.totpEnabled ? "code" : "mot-de-passe";

export async function confirmIdentity({
  user,
  sessionId,
  secret,
  ip,
}: {
  user: SessionUser;
  sessionId: string;
  secret: string;
  ip: string;
}) {
  const now = clockNow();
  const keys = [`confirmation:${user.id}`, ipKey(ip)];
  // The attempt's slot is reserved before the check (decision 011); a failure keeps it.
  const reservation = await reserveAttempt(keys, now);
  if (!reservation.ok) return { ok: false as const, message: retryMessage(reservation.lockedUntil, now) };
  const row = await prisma.user.findUniqueOrThrow({
    where: { id: user.id },
    select: { passwordHash: true, totpKey: true },
  });
  const method = confirmationMethod(user);
  const valid =
    method === "code"
      ? Boolean(row.totpKey) && verifyTotp(openTotpKey(row.totpKey!), secret.replace(/\s/g, ""))
      : Boolean(row.passwordHash) && (await verifyPassword(row.passwordHash!, secret));
  if (!valid) {
    noteSecurityEvent(
      {
        kind: "confirmation-echouee",
        user: { id: user.id, label: `${user.firstName} ${user.lastName}`, organisationId: user.organisationId },
        ip,
      },
      now,
    );
    return {
      ok: false as const,
      message:
        method === "code"
          ? "Code incorrect ou expiré. Saisissez le code à 6 chiffres affiché par votre application."
          : "Mot de passe incorrect.",
    };
  }
  await writeTransaction(async (tx) => {
    await releaseAttempt(tx, keys);
    await tx.session.update({ where: { id: sessionId }, data: { reauthenticatedAt: now } });
  });
  return { ok: true as const };
}

/** Where to confirm one's identity, coming back to `back` (a same-site path) afterwards. */
export function confirmationPath(back: string) {
  return `/confirmer-identite?retour=${encodeURIComponent(back)}`;
}
