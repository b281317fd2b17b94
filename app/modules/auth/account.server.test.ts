import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCnaf } from "../../../test/support/organisations";
import { prisma } from "~/utils/db.server";
import { resetClock, setClock } from "~/utils/clock.server";
import { hashPassword } from "./password.server";
import { requestPasswordReset, setPasswordWithToken, signIn, changePassword, invitePerson } from "./account.server";
import { validateSessionToken } from "./session.server";
import { useSmtpServer } from "../../../test/support/smtp-fixture";
import { receiveLink } from "../../../test/support/mail-links";
import { createPerson } from "../../../test/support/people";

const START = new Date("2026-11-23T09:00:00Z");
const PASSWORD = "phrase de passe initiale solide";
let orgId: string;

async function person(email: string, roles: string[] = ["MEMBRE_GT"]) {
  return createPerson({ email, organisationId: orgId, passwordHash: await hashPassword(PASSWORD), roles });
}

const smtp = useSmtpServer();

/** The link as the person receives it: delivered to the real SMTP test server, read from the mail. */
function lastLink(email: string, path: string) {
  return receiveLink(smtp.server, smtp.transport, email, path);
}

beforeAll(async () => {
  setClock(START, { frozen: true });
  orgId = await createCnaf();
});

describe("password reset links", () => {
  it("work once, then are refused as used", async () => {
    const user = await person("reset.once@essai.example");
    await requestPasswordReset("Reset.Once@essai.example ", "10.9.0.1");
    const token = await lastLink(user.email, "/reinitialisation/");
    expect(await setPasswordWithToken("REINITIALISATION", token, "nouvelle phrase très solide")).toEqual({ ok: true });
    expect(await setPasswordWithToken("REINITIALISATION", token, "une autre phrase très solide")).toMatchObject({
      ok: false,
      message: expect.stringContaining("déjà été utilisé"),
    });
    expect(
      (await signIn({ email: user.email, password: "nouvelle phrase très solide", ip: "10.0.0.1", userAgent: null }))
        .ok,
    ).toBe(true);
  });

  it("expire after 30 minutes", async () => {
    const user = await person("reset.expired@essai.example");
    await requestPasswordReset(user.email, "10.9.0.1");
    const token = await lastLink(user.email, "/reinitialisation/");
    setClock(new Date(START.getTime() + 30 * 60_000 + 1000), { frozen: true });
    expect(await setPasswordWithToken("REINITIALISATION", token, "nouvelle phrase très solide")).toMatchObject({
      ok: false,
      message: expect.stringContaining("expiré"),
    });
    setClock(START, { frozen: true });
  });

  it("are replaced by a newer link, and a forged one is refused", async () => {
    const user = await person("reset.twice@essai.example");
    await requestPasswordReset(user.email, "10.9.0.1");
    const first = await lastLink(user.email, "/reinitialisation/");
    setClock(new Date(START.getTime() + 1000), { frozen: true });
    await requestPasswordReset(user.email, "10.9.0.1");
    const second = await lastLink(user.email, "/reinitialisation/");
    expect(second).not.toBe(first);
    expect((await setPasswordWithToken("REINITIALISATION", first, "nouvelle phrase très solide")).ok).toBe(false);
    const [id] = second.split(".");
    expect(
      (await setPasswordWithToken("REINITIALISATION", `${id}.aaaaaaaaaaaaaaaaaaaaaaaa`, "nouvelle phrase très solide"))
        .ok,
    ).toBe(false);
    expect((await setPasswordWithToken("REINITIALISATION", second, "nouvelle phrase très solide")).ok).toBe(true);
    setClock(START, { frozen: true });
  });

  it("are not sent for an unknown address, which gets the same (silent) answer", async () => {
    const before = await prisma.outboxMail.count();
    await expect(requestPasswordReset("personne@inconnue.example", "10.9.0.1")).resolves.toEqual({ ok: true });
    expect(await prisma.outboxMail.count()).toBe(before);
  });

  it("refuse a weak password and keep the link usable", async () => {
    const user = await person("reset.weak@essai.example");
    await requestPasswordReset(user.email, "10.9.0.1");
    const token = await lastLink(user.email, "/reinitialisation/");
    expect(await setPasswordWithToken("REINITIALISATION", token, "motdepasse123")).toMatchObject({
      ok: false,
      field: "password",
    });
    expect(await setPasswordWithToken("REINITIALISATION", token, "court")).toMatchObject({
      ok: false,
      message: expect.stringContaining("au moins 12"),
    });
    expect((await setPasswordWithToken("REINITIALISATION", token, "nouvelle phrase très solide")).ok).toBe(true);
  });

  it("end every session of the person", async () => {
    const user = await person("reset.sessions@essai.example");
    const session = await signIn({ email: user.email, password: PASSWORD, ip: "10.0.0.2", userAgent: null });
    if (!session.ok) throw new Error("sign-in failed");
    await requestPasswordReset(user.email, "10.9.0.1");
    await setPasswordWithToken(
      "REINITIALISATION",
      await lastLink(user.email, "/reinitialisation/"),
      "nouvelle phrase très solide",
    );
    expect(await validateSessionToken(session.token)).toBeNull();
  });
});

describe("sign-in", () => {
  it("throttles an account after five failures for a short, growing delay, then lets the real person in", async () => {
    const user = await person("throttle@essai.example");
    for (let i = 0; i < 5; i += 1) {
      expect(await signIn({ email: user.email, password: "faux", ip: `10.1.0.${i}`, userAgent: null })).toEqual({
        ok: false,
        message: "Adresse électronique ou mot de passe incorrect.",
      });
    }
    const sixth = await signIn({ email: user.email, password: "faux", ip: "10.1.0.9", userAgent: null });
    expect(sixth).toMatchObject({ ok: false, message: expect.stringContaining("Réessayez dans 1 minute") });
    expect((await signIn({ email: user.email, password: PASSWORD, ip: "10.1.0.9", userAgent: null })).ok).toBe(false);
    setClock(new Date(START.getTime() + 31_000), { frozen: true });
    expect((await signIn({ email: user.email, password: PASSWORD, ip: "10.1.0.9", userAgent: null })).ok).toBe(true);
    setClock(START, { frozen: true });
  });

  it("refuses a deactivated person with the same message as a wrong password", async () => {
    const user = await person("inactive@essai.example");
    await prisma.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await signIn({ email: user.email, password: PASSWORD, ip: "10.2.0.1", userAgent: null })).toEqual({
      ok: false,
      message: "Adresse électronique ou mot de passe incorrect.",
    });
  });

  it("expires an idle session and slides it with activity", async () => {
    const user = await person("idle@essai.example");
    const result = await signIn({ email: user.email, password: PASSWORD, ip: "10.3.0.1", userAgent: null });
    if (!result.ok) throw new Error("sign-in failed");
    setClock(new Date(START.getTime() + 25 * 60_000), { frozen: true });
    expect(await validateSessionToken(result.token)).not.toBeNull();
    setClock(new Date(START.getTime() + 50 * 60_000), { frozen: true });
    expect(await validateSessionToken(result.token)).not.toBeNull();
    setClock(new Date(START.getTime() + 81 * 60_000), { frozen: true });
    expect(await validateSessionToken(result.token)).toBeNull();
    setClock(START, { frozen: true });
  });
});

describe("password change and invitations", () => {
  it("changing the password ends the person's other sessions but not the current one", async () => {
    const user = await person("change@essai.example");
    const a = await signIn({ email: user.email, password: PASSWORD, ip: "10.4.0.1", userAgent: null });
    const b = await signIn({ email: user.email, password: PASSWORD, ip: "10.4.0.2", userAgent: null });
    if (!a.ok || !b.ok) throw new Error("sign-in failed");
    const current = await validateSessionToken(a.token);
    expect(
      await changePassword({ userId: user.id, sessionId: current!.session.id, current: "faux", next: "x" }),
    ).toMatchObject({ ok: false, field: "currentPassword" });
    expect(
      await changePassword({
        userId: user.id,
        sessionId: current!.session.id,
        current: PASSWORD,
        next: "nouvelle phrase très solide",
      }),
    ).toEqual({ ok: true, endedSessions: 1 });
    expect(await validateSessionToken(a.token)).not.toBeNull();
    expect(await validateSessionToken(b.token)).toBeNull();
  });

  it("only an administrator may grant the administrator role", async () => {
    const coordinator = { id: "c1", firstName: "Camille", lastName: "Durand", roles: ["COORDINATEUR_CNSA" as const] };
    expect(
      await invitePerson(coordinator, {
        email: "new.admin@essai.example",
        firstName: "A",
        lastName: "B",
        organisationId: orgId,
        roles: ["ADMIN"],
      }),
    ).toMatchObject({ ok: false, field: "roles" });
    const ok = await invitePerson(coordinator, {
      email: "new.member@essai.example",
      firstName: "A",
      lastName: "B",
      organisationId: orgId,
      roles: ["MEMBRE_GT"],
    });
    expect(ok.ok).toBe(true);
    expect(
      await invitePerson(coordinator, {
        email: "NEW.member@essai.example",
        firstName: "A",
        lastName: "B",
        organisationId: orgId,
        roles: ["MEMBRE_GT"],
      }),
    ).toMatchObject({ ok: false, field: "email" });
    const token = await lastLink("new.member@essai.example", "/invitation/");
    expect((await setPasswordWithToken("INVITATION", token, "phrase d'activation très solide")).ok).toBe(true);
    expect((await setPasswordWithToken("REINITIALISATION", token, "phrase d'activation très solide")).ok).toBe(false);
  });
});

describe("passwords", () => {
  it("are hashed with argon2id", async () => {
    expect(await hashPassword("peu importe la phrase")).toMatch(/^\$argon2id\$/);
  });
});

afterAll(() => resetClock());
