/** Encryption at rest of small secrets (TOTP keys) with a key derived from APP_SECRET. */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { env } from "~/utils/env.server";

function key(appSecret = env().appSecret) {
  return createHash("sha256").update(`passerelles:secrets:${appSecret}`).digest();
}

export function encryptSecret(plain: Uint8Array): Uint8Array<ArrayBuffer> {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return new Uint8Array(Buffer.concat([iv, cipher.getAuthTag(), body]));
}

/** `appSecret`: another secret than the running app's (checking a backup before a restore). */
export function decryptSecret(sealed: Uint8Array, appSecret?: string): Uint8Array {
  const data = Buffer.from(sealed);
  const decipher = createDecipheriv("aes-256-gcm", key(appSecret), data.subarray(0, 12));
  decipher.setAuthTag(data.subarray(12, 28));
  return new Uint8Array(Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]));
}
