/**
 * Sign-in throttling, per account and per network address. An account gets five free
 * failures; then each further failure locks it for a doubling delay capped at five minutes,
 * so an attacker is slowed down without locking the real person out for long (and the
 * password reset link always works). The address limit is high because a whole
 * administration may share one proxy address.
 */
import { prisma } from "~/utils/db.server";
import { now as clockNow } from "~/utils/clock.server";

const WINDOW_MS = 15 * 60_000;
const ACCOUNT_FREE_FAILURES = 5;
const ACCOUNT_MAX_LOCK_MS = 5 * 60_000;
const IP_MAX_FAILURES = 100;
const IP_LOCK_MS = 15 * 60_000;

export const accountKey = (email: string) => `compte:${email.trim().toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;

/** The time until which sign-in is refused for these keys, or null. */
export async function lockedUntil(keys: string[], now = clockNow()): Promise<Date | null> {
  const rows = await prisma.loginThrottle.findMany({ where: { key: { in: keys }, lockedUntil: { gt: now } } });
  if (rows.length === 0) return null;
  return new Date(Math.max(...rows.map((row) => row.lockedUntil!.getTime())));
}

function lockFor(key: string, failures: number): number {
  if (key.startsWith("ip:")) return failures >= IP_MAX_FAILURES ? IP_LOCK_MS : 0;
  if (failures <= ACCOUNT_FREE_FAILURES) return 0;
  return Math.min(30_000 * 2 ** (failures - ACCOUNT_FREE_FAILURES - 1), ACCOUNT_MAX_LOCK_MS);
}

export async function recordFailure(keys: string[], now = clockNow()) {
  await prisma.$transaction(async (tx) => {
    for (const key of keys) {
      const row = await tx.loginThrottle.findUnique({ where: { key } });
      const fresh = !row || now.getTime() - row.firstFailureAt.getTime() > WINDOW_MS;
      const failures = fresh ? 1 : row.failures + 1;
      const lockMs = lockFor(key, failures);
      const data = {
        failures,
        firstFailureAt: fresh ? now : row.firstFailureAt,
        lockedUntil: lockMs > 0 ? new Date(now.getTime() + lockMs) : null,
      };
      await tx.loginThrottle.upsert({ where: { key }, create: { key, ...data }, update: data });
    }
  });
}

export async function clearFailures(key: string) {
  await prisma.loginThrottle.deleteMany({ where: { key } });
}

/** "Réessayez dans 2 minutes." */
export function retryMessage(until: Date, now = clockNow()) {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return `Trop de tentatives de connexion. Réessayez dans ${minutes} minute${minutes > 1 ? "s" : ""}, ou réinitialisez votre mot de passe.`;
}
