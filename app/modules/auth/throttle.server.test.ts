import { generateTOTP } from "@oslojs/otp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCnaf } from "../../../test/support/organisations";
import { createPerson } from "../../../test/support/people";
import { prisma } from "~/utils/db.server";
import { resetClock, setClock } from "~/utils/clock.server";
import {
  changePassword,
  requestPasswordReset,
  setPasswordWithToken,
  signIn,
  verifySecondFactor,
} from "./account.server";
import { hashPassword, passwordHashingStats } from "./password.server";
import { validateSessionToken } from "./session.server";
import { IP_MAX_FAILURES, accountKey, ipKey, reserveAttempt } from "./throttle.server";
import { newTotpKey, sealTotpKey } from "./totp.server";
import { useSmtpServer } from "../../../test/support/smtp-fixture";
import { receiveLink } from "../../../test/support/mail-links";

const START = new Date("2026-12-04T09:00:00Z");
const PASSWORD = "phrase de passe initiale solide";
const BAD_CREDENTIALS = "Adresse électronique ou mot de passe incorrect.";
let orgId: string;
let passwordHash: string;

const person = (email: string) => createPerson({ email, organisationId: orgId, passwordHash });

/** Runs `work` and returns how many argon2 verifications it cost. */
async function countingChecks<T>(work: () => Promise<T>) {
  const before = passwordHashingStats().verifications;
  const result = await work();
  return { result, checks: passwordHashingStats().verifications - before };
}

/** A burst: 100 attempts sent at once, and how many password checks they cost. */
const burst = <T>(attempt: (i: number) => Promise<T>) =>
  countingChecks(() => Promise.all(Array.from({ length: 100 }, (_, i) => attempt(i))));

const failures = async (key: string) => (await prisma.loginThrottle.findUnique({ where: { key } }))?.failures ?? 0;

const smtp = useSmtpServer();

beforeAll(async () => {
  orgId = await createCnaf();
  passwordHash = await hashPassword(PASSWORD);
});
beforeEach(() => setClock(START, { frozen: true }));
afterAll(() => resetClock());

describe("simultaneous sign-in attempts on one account", () => {
  it("100 wrong passwords sent at once cost five password checks; the other attempts are told to wait", async () => {
    const user = await person("rafale@essai.example");
    const { result, checks } = await burst((i) =>
      signIn({
        email: user.email,
        password: `mauvais ${i}`,
        ip: `10.20.${Math.floor(i / 50)}.${i % 50}`,
        userAgent: null,
      }),
    );
    expect(checks).toBe(5);
    expect(result.filter((r) => !r.ok && r.message === BAD_CREDENTIALS)).toHaveLength(5);
    expect(
      result.filter((r) => !r.ok && r.message.startsWith("Trop de tentatives de connexion. Réessayez dans 1 minute")),
    ).toHaveLength(95);
    expect(await failures(accountKey(user.email))).toBe(5);
  });

  it("the right password sent with 99 wrong ones does not get in once the five attempts are spent", async () => {
    const user = await person("rafale.juste@essai.example");
    const { result, checks } = await burst((i) =>
      signIn({
        email: user.email,
        password: i === 99 ? PASSWORD : `mauvais ${i}`,
        ip: `10.21.0.${i}`,
        userAgent: null,
      }),
    );
    expect(checks).toBe(5);
    expect(result.some((r) => r.ok)).toBe(false);
    expect(result[99]).toMatchObject({ ok: false, message: expect.stringContaining("Trop de tentatives") });
    // The real person gets in once the short lock is over.
    setClock(new Date(START.getTime() + 31_000), { frozen: true });
    expect((await signIn({ email: user.email, password: PASSWORD, ip: "10.21.1.1", userAgent: null })).ok).toBe(true);
  });

  it("the right password holding one of the five attempts gets in, and the account forgets its failures", async () => {
    const user = await person("rafale.premier@essai.example");
    const { result, checks } = await burst((i) =>
      signIn({ email: user.email, password: i === 0 ? PASSWORD : `mauvais ${i}`, ip: `10.22.0.${i}`, userAgent: null }),
    );
    expect(checks).toBeLessThanOrEqual(5);
    expect(result.filter((r) => r.ok)).toHaveLength(1);
    expect(result[0].ok).toBe(true);
  });
});

describe("simultaneous sign-in attempts from one address", () => {
  it("an address never counts more failures than its limit, and nothing past it is checked", async () => {
    const ip = "192.0.2.10";
    // 95 failures already counted for this address (their password checks are not the point here).
    for (let i = 0; i < 95; i += 1) await reserveAttempt([ipKey(ip)]);
    expect(await failures(ipKey(ip))).toBe(95);
    const { result, checks } = await burst((i) =>
      signIn({ email: `autre${i}@essai.example`, password: "mauvais", ip, userAgent: null }),
    );
    expect(checks).toBe(5);
    expect(result.filter((r) => !r.ok && r.message.includes("Réessayez dans 15 minutes"))).toHaveLength(95);
    expect(await failures(ipKey(ip))).toBe(IP_MAX_FAILURES);
  });

  it("a successful sign-in does not count against the address", async () => {
    const ip = "192.0.2.20";
    const user = await person("bureau.partage@essai.example");
    for (let i = 0; i < IP_MAX_FAILURES - 1; i += 1) await reserveAttempt([ipKey(ip)]);
    expect((await signIn({ email: user.email, password: PASSWORD, ip, userAgent: null })).ok).toBe(true);
    expect(await failures(ipKey(ip))).toBe(IP_MAX_FAILURES - 1);
    expect((await signIn({ email: user.email, password: PASSWORD, ip, userAgent: null })).ok).toBe(true);
  });
});

describe("a locked account and its password reset", () => {
  it("after a successful password reset, the new password signs in at once", async () => {
    const user = await person("verrou.reinit@essai.example");
    for (let i = 0; i < 6; i += 1)
      await signIn({ email: user.email, password: `mauvais ${i}`, ip: "10.30.0.1", userAgent: null });
    expect(await signIn({ email: user.email, password: PASSWORD, ip: "10.30.0.1", userAgent: null })).toMatchObject({
      ok: false,
      message: expect.stringContaining("réinitialisez votre mot de passe"),
    });
    expect(await requestPasswordReset(user.email, "10.30.0.1")).toEqual({ ok: true });
    const token = await receiveLink(smtp.server, smtp.transport, user.email, "/reinitialisation/");
    expect(await setPasswordWithToken("REINITIALISATION", token, "nouvelle phrase très solide")).toEqual({ ok: true });
    const result = await signIn({
      email: user.email,
      password: "nouvelle phrase très solide",
      ip: "10.30.0.1",
      userAgent: null,
    });
    expect(result.ok).toBe(true);
  });

  it("a reset link refused for a weak password leaves the lock in place", async () => {
    const user = await person("verrou.faible@essai.example");
    for (let i = 0; i < 5; i += 1)
      await signIn({ email: user.email, password: `mauvais ${i}`, ip: "10.31.0.1", userAgent: null });
    await requestPasswordReset(user.email, "10.31.0.1");
    const token = await receiveLink(smtp.server, smtp.transport, user.email, "/reinitialisation/");
    expect(await setPasswordWithToken("REINITIALISATION", token, "motdepasse123")).toMatchObject({
      ok: false,
      field: "password",
    });
    expect(await signIn({ email: user.email, password: PASSWORD, ip: "10.31.0.1", userAgent: null })).toMatchObject({
      ok: false,
      message: expect.stringContaining("Trop de tentatives"),
    });
  });

  it("simultaneous reset requests for one address send at most five mails", async () => {
    const user = await person("reinit.rafale@essai.example");
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => requestPasswordReset(user.email, `10.32.0.${i}`)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.message.includes("Réessayez dans 1 minute"))).toHaveLength(25);
    expect(await prisma.outboxMail.count({ where: { toAddresses: { contains: user.email } } })).toBe(5);
  });
});

describe("other password and code checks under simultaneous attempts", () => {
  it("100 wrong second-factor codes sent at once: five are checked, then even the right code waits", async () => {
    const user = await person("totp.rafale@essai.example");
    const key = newTotpKey();
    await prisma.user.update({ where: { id: user.id }, data: { totpKey: sealTotpKey(key), totpEnabledAt: START } });
    const signedIn = await signIn({ email: user.email, password: PASSWORD, ip: "10.40.0.1", userAgent: null });
    if (!signedIn.ok) throw new Error("sign-in failed");
    const { session } = (await validateSessionToken(signedIn.token))!;
    const right = generateTOTP(key, 30, 6);
    const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, "0");
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        verifySecondFactor({ sessionId: session.id, userId: user.id, code: wrong, ip: `10.40.1.${i}` }),
      ),
    );
    expect(results.filter((r) => !r.ok && r.message.startsWith("Code incorrect"))).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.message.startsWith("Trop de tentatives"))).toHaveLength(95);
    expect(
      await verifySecondFactor({ sessionId: session.id, userId: user.id, code: right, ip: "10.40.2.1" }),
    ).toMatchObject({ ok: false, message: expect.stringContaining("Trop de tentatives") });
    expect((await validateSessionToken(signedIn.token))!.session.twoFactorVerified).toBe(false);
  });

  it("100 wrong current passwords sent at once to the password change cost five checks", async () => {
    const user = await person("changement.rafale@essai.example");
    const signedIn = await signIn({ email: user.email, password: PASSWORD, ip: "10.41.0.1", userAgent: null });
    if (!signedIn.ok) throw new Error("sign-in failed");
    const { session } = (await validateSessionToken(signedIn.token))!;
    const { result, checks } = await burst((i) =>
      changePassword({
        userId: user.id,
        sessionId: session.id,
        current: `mauvais ${i}`,
        next: "nouvelle phrase très solide",
      }),
    );
    expect(checks).toBe(5);
    expect(result.filter((r) => !r.ok && r.message === "Le mot de passe actuel est incorrect.")).toHaveLength(5);
    expect(result.filter((r) => !r.ok && r.message.startsWith("Trop de tentatives"))).toHaveLength(95);
  });
});

describe("password hashing under a burst", () => {
  it("simultaneous hashes run at most the configured number at a time; the others wait and all complete", async () => {
    const burst = Array.from({ length: 8 }, (_, i) => hashPassword(`phrase de passe numéro ${i}`));
    const during = passwordHashingStats();
    expect(during.running).toBe(Math.min(8, during.limit));
    expect(during.waiting).toBe(8 - during.running);
    const hashes = await Promise.all(burst);
    expect(hashes.every((hash) => hash.startsWith("$argon2id$"))).toBe(true);
    expect(new Set(hashes).size).toBe(8);
    const after = passwordHashingStats();
    expect(after.peak).toBeLessThanOrEqual(after.limit);
    expect(after.running).toBe(0);
    expect(after.waiting).toBe(0);
  });
});
