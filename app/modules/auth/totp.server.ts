/** Second factor: TOTP (RFC 6238, 30 s, 6 digits) with @oslojs/otp; the key is encrypted at rest. */
import { createTOTPKeyURI, verifyTOTPWithGracePeriod } from "@oslojs/otp";
import { randomBytes } from "node:crypto";
import { decryptSecret, encryptSecret } from "~/utils/crypto.server";

const PERIOD = 30;
const DIGITS = 6;

export function newTotpKey(): Uint8Array {
  return new Uint8Array(randomBytes(20));
}

export function totpUri(email: string, key: Uint8Array) {
  return createTOTPKeyURI("Passerelles", email, key, PERIOD, DIGITS);
}

export function sealTotpKey(key: Uint8Array) {
  return encryptSecret(key);
}

export function openTotpKey(sealed: Uint8Array) {
  return decryptSecret(sealed);
}

/** Accepts the current code and the neighbouring ones (30 s of clock drift). */
export function verifyTotp(key: Uint8Array, code: string) {
  const digits = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(digits)) return false;
  return verifyTOTPWithGracePeriod(key, PERIOD, DIGITS, digits, PERIOD);
}
