/**
 * Sign-in throttling, per account and per network address. An account gets five free
 * attempts; from the fifth failure on, the account is locked for a doubling delay capped at
 * five minutes, so an attacker is slowed down without locking the real person out for long
 * (and the password reset link always works, and lifts the lock). The address limit is
 * high because a whole administration may share one proxy address.
 *
 * An attempt *reserves* its slot before the password is checked: in one BEGIN IMMEDIATE
 * transaction it is refused if a key is locked, otherwise it counts as a failure and sets
 * the lock that failure would cause. Simultaneous attempts therefore cannot all pass a check
 * made before any of them failed (decision 011). A failed attempt simply keeps its
 * reservation; a successful one releases it (releaseAttempt).
 */
import { writeTransaction, type Tx } from "~/utils/db.server";
import { now as clockNow } from "~/utils/clock.server";

const WINDOW_MS = 15 * 60_000;
export const ACCOUNT_FREE_FAILURES = 5;
const ACCOUNT_FIRST_LOCK_MS = 30_000;
const ACCOUNT_MAX_LOCK_MS = 5 * 60_000;
export const IP_MAX_FAILURES = 100;
const IP_LOCK_MS = 15 * 60_000;

export const accountKey = (email: string) => `compte:${email.trim().toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;
// Address keys follow the address rules whatever they count (sign-ins, "reinit:ip:…" resets).
const isAddressKey = (key: string) => /(^|:)ip:/.test(key);

/** The lock caused by the attempt holding slot `slot` (1-based) if it fails. */
function lockFor(key: string, slot: number): number {
  if (isAddressKey(key)) return slot >= IP_MAX_FAILURES ? IP_LOCK_MS : 0;
  if (slot < ACCOUNT_FREE_FAILURES) return 0;
  return Math.min(ACCOUNT_FIRST_LOCK_MS * 2 ** (slot - ACCOUNT_FREE_FAILURES), ACCOUNT_MAX_LOCK_MS);
}

export type Reservation = { ok: true } | { ok: false; lockedUntil: Date };

/**
 * Takes one attempt's slot on every key, or none when one of them is locked (then returns
 * the time until which attempts are refused). The slot counts as a failure until released.
 */
export function reserveAttempt(keys: string[], now = clockNow()): Promise<Reservation> {
  return writeTransaction(async (tx) => {
    const rows = await tx.loginThrottle.findMany({ where: { key: { in: keys } } });
    const locks = rows.flatMap((row) => (row.lockedUntil && row.lockedUntil > now ? [row.lockedUntil.getTime()] : []));
    if (locks.length > 0) return { ok: false, lockedUntil: new Date(Math.max(...locks)) };
    for (const key of keys) {
      const row = rows.find((candidate) => candidate.key === key);
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
    return { ok: true };
  });
}

/**
 * The attempt succeeded, so its slot was not a failure: the account (or second-factor) key
 * forgets its failures, and the address gets its slot back (other people behind the same
 * proxy keep theirs counted). Runs inside the caller's write transaction.
 */
export async function releaseAttempt(tx: Tx, keys: string[]): Promise<void> {
  for (const key of keys) {
    if (!isAddressKey(key)) {
      await clearFailures(tx, key);
      continue;
    }
    const row = await tx.loginThrottle.findUnique({ where: { key } });
    if (!row || row.failures === 0) continue;
    const failures = row.failures - 1;
    await tx.loginThrottle.update({
      where: { key },
      data: { failures, lockedUntil: failures >= IP_MAX_FAILURES ? row.lockedUntil : null },
    });
  }
}

/** Lifts the lock and forgets the failures of a key (a password reset proves the person). */
export async function clearFailures(db: Tx, key: string) {
  await db.loginThrottle.deleteMany({ where: { key } });
}

/** "Réessayez dans 2 minutes." */
export function retryMessage(until: Date, now = clockNow()) {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return `Trop de tentatives de connexion. Réessayez dans ${minutes} minute${minutes > 1 ? "s" : ""}, ou réinitialisez votre mot de passe.`;
}
