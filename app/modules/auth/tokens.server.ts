/**
 * Random tokens shaped as Lucia's current guide recommends: `<id>.<secret>`, each part
 * 120 bits of randomness in lowercase base32; only SHA-256(secret) is stored, and the
 * comparison is constant-time.
 */
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { createHash, randomBytes } from "node:crypto";

export function randomId(bytes = 15) {
  return encodeBase32LowerCaseNoPadding(new Uint8Array(randomBytes(bytes)));
}

/** SHA-256 of the secret, by Node's native hash: every signed-in request checks one. */
export function hashSecret(secret: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createHash("sha256").update(secret, "utf8").digest());
}

export function newToken() {
  const id = randomId();
  const secret = randomId();
  return { id, secret, token: `${id}.${secret}`, secretHash: hashSecret(secret) };
}

export function splitToken(token: string): { id: string; secret: string } | null {
  const parts = token.split(".");
  if (parts.length !== 2 || !/^[a-z2-7]{10,64}$/.test(parts[0]) || !/^[a-z2-7]{10,64}$/.test(parts[1])) return null;
  return { id: parts[0], secret: parts[1] };
}

export function secretMatches(secret: string, storedHash: Uint8Array) {
  return constantTimeEqual(hashSecret(secret), new Uint8Array(storedHash));
}
