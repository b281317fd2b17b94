/**
 * Mails that carry a secret (docs/decisions/010): invitation and reset links are minted when
 * the mail leaves for the SMTP server, so the outbox, its administration pages, exports and
 * the database file (hence its backups) never hold a usable link — only the addressee's
 * mailbox does. Checked against the real SMTP test server and the real database files.
 */
import { existsSync, readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma, writeTransaction } from "~/utils/db.server";
import { resetClock, setClock } from "~/utils/clock.server";
import { parseEnv, type Env } from "~/utils/env.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { enqueueMail, type NewMail } from "~/modules/mail/outbox.server";
import { deliverDueMails } from "~/modules/mail/sender.server";
import { setPersonActive } from "~/modules/people/admin.server";
import { loader as outboxListLoader } from "~/routes/admin.courriels._index";
import { loader as outboxMailLoader, action as outboxMailAction } from "~/routes/admin.courriels.$id";
import { loader as journalExportLoader } from "~/routes/admin.journal_.export";
import { loader as signInLoader } from "~/routes/connexion";
import { loadReferenceData } from "../../../seeds/reference/load.server";
import { createPerson, person } from "../../../test/support/people";
import { bodyOf, callRoute, statusOf } from "../../../test/support/routes";
import { tokenIn } from "../../../test/support/mail-links";
import { useSmtpServer } from "../../../test/support/smtp-fixture";
import { hashPassword } from "./password.server";
import { invitePerson, requestPasswordReset, resendInvitation, setPasswordWithToken } from "./account.server";
import {
  holdsLiveLink,
  LINK_EXPIRY_PLACEHOLDER,
  LINK_PLACEHOLDER,
  mailedLinkUrl,
  revealLocalMailLink,
} from "./mailed-links.server";
import { hashSecret, splitToken } from "./tokens.server";

const START = new Date("2026-12-04T09:00:00Z");
const NEW_PASSWORD = "nouvelle phrase très solide";

const smtp = useSmtpServer();
let admin: SessionUser;
let coordinator: SessionUser;
let organisationId: string;

const envStore = globalThis as unknown as { __passerellesEnv?: Env };
/** Runs with another configuration (env() is read once and kept). */
async function withEnv<T>(overrides: Record<string, string | undefined>, work: () => Promise<T>) {
  const saved = envStore.__passerellesEnv;
  envStore.__passerellesEnv = parseEnv({ ...process.env, ...overrides });
  try {
    return await work();
  } finally {
    envStore.__passerellesEnv = saved;
  }
}

async function member(email: string, withPassword = true) {
  const passwordHash = withPassword ? await hashPassword("phrase de passe initiale solide") : null;
  return createPerson({ email, organisationId, passwordHash });
}

const inviter = () => ({ id: admin.id, firstName: admin.firstName, lastName: admin.lastName, roles: admin.roles });
const invite = (email: string, firstName: string, lastName: string) =>
  invitePerson(inviter(), { email, firstName, lastName, organisationId, roles: ["MEMBRE_GT"] });

/** Every byte of the database files, WAL included: what a copy or a backup would hold. */
function databaseBytes() {
  const file = process.env.DATABASE_URL!.replace(/^file:/, "");
  return Buffer.concat([file, `${file}-wal`].filter(existsSync).map((path) => readFileSync(path)));
}

/** Nothing at rest can open the link: neither the whole token nor its secret part. */
function expectNowhereAtRest(token: string) {
  const { secret } = splitToken(token)!;
  const bytes = databaseBytes();
  expect(bytes.includes(token)).toBe(false);
  expect(bytes.includes(secret)).toBe(false);
}

const received = (email: string, path: string) =>
  smtp.server.messages.filter((m) => m.to.includes(email) && m.text?.includes(path));
const rowsFor = (userId: string) =>
  prisma.outboxMail.findMany({ where: { linkUserId: userId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

beforeAll(async () => {
  setClock(START, { frozen: true });
  await loadReferenceData();
  admin = await person("admin.liens@essai.example", "cnsa", ["ADMIN"]);
  coordinator = await person("coordination.liens@essai.example", "cnsa", ["COORDINATEUR_CNSA"]);
  organisationId = admin.organisationId;
});
beforeEach(() => {
  setClock(START, { frozen: true });
  smtp.server.failNext(0);
});
afterEach(async () => {
  // Each test starts with an empty queue, whatever the previous one left.
  await deliverDueMails({ transport: null });
});
afterAll(() => resetClock());

describe("a password reset mail", () => {
  it("is stored and shown to administrators without a usable link, and reaches its addressee with one that works", async () => {
    const user = await member("reset.secret@essai.example");
    await requestPasswordReset(user.email, "192.0.2.10");
    const [row] = await rowsFor(user.id);
    expect(row).toMatchObject({ template: "reinitialisation", linkKind: "REINITIALISATION", status: "PENDING" });
    expect(row.textBody).toContain(mailedLinkUrl("REINITIALISATION"));
    expect(row.htmlBody).toContain(LINK_PLACEHOLDER);
    expect(row.textBody).toContain(LINK_EXPIRY_PLACEHOLDER);
    // Nothing is minted before the mail leaves.
    expect(await prisma.actionToken.count({ where: { userId: user.id } })).toBe(0);

    expect(await deliverDueMails({ transport: smtp.transport })).toMatchObject({ sent: 1, failed: 0 });
    const [mail] = received(user.email, "/reinitialisation/");
    const token = tokenIn(mail, "/reinitialisation/");
    expect(mail.text).toContain("4 décembre 2026 à 10:30"); // 30 minutes after sending, Paris time
    expect(mail.text).not.toContain(LINK_PLACEHOLDER);
    expect(mail.html).toContain(`/reinitialisation/${token}`);

    // The outbox row, the administrators' pages and exports, and the database files hold no link.
    const sent = await prisma.outboxMail.findUniqueOrThrow({ where: { id: row.id } });
    expect(sent.status).toBe("SENT");
    expect(sent.messageId).toBe(mail.messageId);
    for (const body of [sent.textBody, sent.htmlBody]) {
      expect(holdsLiveLink(body)).toBe(false);
      expect(body).not.toContain(token);
    }
    const list = await callRoute(outboxListLoader, admin, "/admin/courriels", {});
    const detail = await callRoute(outboxMailLoader, admin, `/admin/courriels/${row.id}`, { id: row.id });
    expect(JSON.stringify(list)).toContain(row.id);
    expect(JSON.stringify(detail)).toContain(LINK_PLACEHOLDER);
    expect(detail).toMatchObject({ link: { label: expect.stringContaining("réinitialisation"), canReveal: false } });
    const journal = (await callRoute(journalExportLoader, admin, "/admin/journal/export?format=csv", {}, undefined, {
      confirmedIdentity: true,
    })) as Response;
    expect(journal.status).toBe(200);
    for (const page of [JSON.stringify(list), JSON.stringify(detail), await journal.text()]) {
      expect(page).not.toContain(token);
      expect(page).not.toContain(splitToken(token)!.secret);
    }
    // The scan does see what the database holds: the person's address and the token's id.
    expect(databaseBytes().includes(user.email)).toBe(true);
    expect(databaseBytes().includes(splitToken(token)!.id)).toBe(true);
    expectNowhereAtRest(token);
    const stored = await prisma.actionToken.findUniqueOrThrow({ where: { id: splitToken(token)!.id } });
    expect(Buffer.from(stored.secretHash).equals(Buffer.from(hashSecret(splitToken(token)!.secret)))).toBe(true);

    expect(await setPasswordWithToken("REINITIALISATION", token, NEW_PASSWORD)).toEqual({ ok: true });
  });

  it("still carries a working link when the first delivery was refused; that attempt's link is dead and the retry has its own Message-ID", async () => {
    const user = await member("reset.retry@essai.example");
    await requestPasswordReset(user.email, "192.0.2.10");
    const [queued] = await rowsFor(user.id);
    smtp.server.failNext(1);
    expect(await deliverDueMails({ transport: smtp.transport })).toMatchObject({ sent: 0, failed: 1 });
    const afterFailure = await prisma.outboxMail.findUniqueOrThrow({ where: { id: queued.id } });
    expect(afterFailure.status).toBe("PENDING");
    expect(afterFailure.messageId).not.toBe(queued.messageId);
    expect(received(user.email, "/reinitialisation/")).toHaveLength(0);
    const [unsent] = await prisma.actionToken.findMany({ where: { userId: user.id } });

    setClock(new Date(START.getTime() + 61_000), { frozen: true });
    expect(await deliverDueMails({ transport: smtp.transport })).toMatchObject({ sent: 1, failed: 0 });
    const mails = received(user.email, "/reinitialisation/");
    expect(mails).toHaveLength(1);
    const token = tokenIn(mails[0], "/reinitialisation/");
    const delivered = await prisma.outboxMail.findUniqueOrThrow({ where: { id: queued.id } });
    expect(mails[0].messageId).toBe(delivered.messageId);
    expect(delivered.messageId).not.toBe(afterFailure.messageId);
    const tokens = await prisma.actionToken.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" } });
    expect(tokens).toHaveLength(2);
    expect(tokens.find((t) => t.id === unsent.id)?.replacedAt).not.toBeNull();
    expectNowhereAtRest(token);
    expect(await setPasswordWithToken("REINITIALISATION", token, NEW_PASSWORD)).toEqual({ ok: true });
  });

  it("a newer request's link replaces the older one, which then says a newer link was sent", async () => {
    const user = await member("reset.deux@essai.example");
    await requestPasswordReset(user.email, "192.0.2.10");
    await deliverDueMails({ transport: smtp.transport });
    await requestPasswordReset(user.email, "192.0.2.10");
    await deliverDueMails({ transport: smtp.transport });
    const [first, second] = received(user.email, "/reinitialisation/").map((m) => tokenIn(m, "/reinitialisation/"));
    expect(first).not.toBe(second);
    expect(await setPasswordWithToken("REINITIALISATION", first, NEW_PASSWORD)).toMatchObject({
      ok: false,
      message: expect.stringContaining("remplacé par un lien plus récent"),
    });
    expect(await setPasswordWithToken("REINITIALISATION", second, NEW_PASSWORD)).toEqual({ ok: true });
  });
});

describe("an invitation mail", () => {
  it("new or resent, holds its link only in the received mail; the resent link replaces the first", async () => {
    const email = "invitee.secret@essai.example";
    const invited = await invite(email, "Inès", "Vitée");
    if (!invited.ok) throw new Error(invited.message);
    const [row] = await rowsFor(invited.userId);
    expect(row).toMatchObject({ linkKind: "INVITATION", linkIssuedById: admin.id });
    expect(holdsLiveLink(row.textBody) || holdsLiveLink(row.htmlBody)).toBe(false);
    await deliverDueMails({ transport: smtp.transport });
    const first = tokenIn(received(email, "/invitation/")[0], "/invitation/");
    expect(received(email, "/invitation/")[0].text).toContain("11 décembre 2026 à 10:00"); // 7 days after sending

    expect(await resendInvitation(inviter(), invited.userId)).toEqual({ ok: true });
    await deliverDueMails({ transport: smtp.transport });
    const second = tokenIn(received(email, "/invitation/")[1], "/invitation/");
    expect((await prisma.actionToken.findUniqueOrThrow({ where: { id: splitToken(second)!.id } })).createdById).toBe(
      admin.id,
    );
    expectNowhereAtRest(first);
    expectNowhereAtRest(second);
    expect(await setPasswordWithToken("INVITATION", first, NEW_PASSWORD)).toMatchObject({
      ok: false,
      message: expect.stringContaining("remplacé"),
    });
    expect(await setPasswordWithToken("INVITATION", second, NEW_PASSWORD)).toEqual({ ok: true });
  });

  it("is not sent, and no link is made, when the person was deactivated or has activated their account in the meantime", async () => {
    const email = "invitee.desactivee@essai.example";
    const invited = await invite(email, "Dé", "Sactivée");
    if (!invited.ok) throw new Error(invited.message);
    expect(await setPersonActive(inviter(), invited.userId, false)).toMatchObject({ ok: true });
    expect(await deliverDueMails({ transport: smtp.transport })).toMatchObject({ sent: 0, failed: 1 });
    const [row] = await rowsFor(invited.userId);
    expect(row).toMatchObject({
      status: "FAILED",
      lastError: "Lien non créé : le compte de la personne est désactivé.",
    });
    expect(await prisma.actionToken.count({ where: { userId: invited.userId } })).toBe(0);
    expect(received(email, "/invitation/")).toHaveLength(0);

    const other = "invitee.activee@essai.example";
    const second = await invite(other, "Ac", "Tivée");
    if (!second.ok) throw new Error(second.message);
    await deliverDueMails({ transport: smtp.transport });
    const token = tokenIn(received(other, "/invitation/")[0], "/invitation/");
    await resendInvitation(inviter(), second.userId);
    expect(await setPasswordWithToken("INVITATION", token, NEW_PASSWORD)).toEqual({ ok: true });
    expect(await deliverDueMails({ transport: smtp.transport })).toMatchObject({ sent: 0, failed: 1 });
    expect((await rowsFor(second.userId)).at(-1)).toMatchObject({
      status: "FAILED",
      lastError: "Lien non créé : la personne a déjà activé son compte.",
    });
    expect(received(other, "/invitation/")).toHaveLength(1);
  });
});

const base: NewMail = {
  template: "essai",
  to: ["quelqu.un@essai.example"],
  subject: "Objet",
  text: "Texte",
  html: "<p>Texte</p>",
};
const enqueue = (mail: NewMail) => writeTransaction((tx) => enqueueMail(tx, mail));

describe("the outbox", () => {
  it("refuses any mail that holds a usable secret link, whatever builds it, and stores nothing", async () => {
    const before = await prisma.outboxMail.count();
    const live = [
      "http://localhost:3000/reinitialisation/abcdefghijklmnop.qrstuvwxyz234567",
      "https://passerelles.example/invitation/abcdefghijklmnop.qrstuvwxyz234567",
      "http://localhost:3000/calendrier/flux/abcdefghijklmnopqrstuvwxyz234567.ics",
    ];
    for (const url of live) {
      await expect(enqueue({ ...base, text: `Cliquez : ${url}` })).rejects.toThrow(/usable secret link/);
      await expect(enqueue({ ...base, html: `<a href="${url}">ici</a>` })).rejects.toThrow(/usable secret link/);
      await expect(enqueue({ ...base, subject: url })).rejects.toThrow(/usable secret link/);
    }
    await expect(enqueue({ ...base, text: `Lien : ${mailedLinkUrl("INVITATION")}` })).rejects.toThrow(
      /placeholders without `link`/,
    );
    await expect(enqueue({ ...base, link: { kind: "REINITIALISATION", userId: admin.id } })).rejects.toThrow(
      /must hold LINK_PLACEHOLDER/,
    );
    expect(await prisma.outboxMail.count()).toBe(before);
  });
});

describe("without a mail server (demo)", () => {
  it("keeps the mail locally without any link, and shows its link once, on demand, to an administrator only", async () => {
    const user = await member("reset.local@essai.example");
    await requestPasswordReset(user.email, "192.0.2.10");
    expect(await deliverDueMails({ transport: null })).toMatchObject({ kept: 1 });
    const [row] = await rowsFor(user.id);
    expect(row.status).toBe("LOCAL");
    expect(await prisma.actionToken.count({ where: { userId: user.id } })).toBe(0);

    const detail = await callRoute(outboxMailLoader, admin, `/admin/courriels/${row.id}`, { id: row.id });
    expect(detail).toMatchObject({ link: { canReveal: true } });
    // A coordinator has no access to the outbox, let alone its links.
    const reveal = (who: SessionUser | null) =>
      callRoute(outboxMailAction, who, `/admin/courriels/${row.id}`, { id: row.id }, { intent: "afficher-lien" });
    expect(statusOf(await reveal(coordinator))).toBe(403);
    expect(statusOf(await reveal(null))).not.toBe(200);
    expect(await prisma.actionToken.count({ where: { userId: user.id } })).toBe(0);

    const shown = (await reveal(admin)) as { ok: true; link: { url: string } };
    expect(shown.ok).toBe(true);
    const token = shown.link.url.split("/reinitialisation/")[1];
    expectNowhereAtRest(token);
    expect(
      await prisma.auditEntry.findFirst({ where: { action: "lien-personnel-affiche", entityId: user.id } }),
    ).toMatchObject({ actorId: admin.id });
    const again = await revealLocalMailLink(admin, row.id);
    if (!again.ok) throw new Error(again.message);
    expect(await setPasswordWithToken("REINITIALISATION", token, NEW_PASSWORD)).toMatchObject({
      ok: false,
      message: expect.stringContaining("remplacé"),
    });
    expect(
      await setPasswordWithToken("REINITIALISATION", again.url.split("/reinitialisation/")[1], NEW_PASSWORD),
    ).toEqual({ ok: true });
  });

  it("refuses to show a link when mails really leave, for a mail without a link, or for a mail not kept locally", async () => {
    const user = await member("reset.refus@essai.example");
    await requestPasswordReset(user.email, "192.0.2.10");
    await deliverDueMails({ transport: null });
    const [row] = await rowsFor(user.id);
    await withEnv({ SMTP_URL: smtp.server.url }, async () => {
      expect(await revealLocalMailLink(admin, row.id)).toEqual({
        ok: false,
        message: expect.stringContaining("ne partent que par courriel"),
      });
      expect(await callRoute(outboxMailLoader, admin, `/admin/courriels/${row.id}`, { id: row.id })).toMatchObject({
        link: { canReveal: false },
      });
      const refusedLink = await callRoute(
        outboxMailAction,
        admin,
        `/admin/courriels/${row.id}`,
        { id: row.id },
        { intent: "afficher-lien" },
      );
      expect(statusOf(refusedLink)).toBe(422);
      expect(bodyOf(refusedLink)).toMatchObject({ ok: false });
    });
    const plain = await enqueue({ ...base });
    await deliverDueMails({ transport: null });
    expect(await revealLocalMailLink(admin, plain.id)).toEqual({
      ok: false,
      message: "Ce courriel ne contient pas de lien personnel.",
    });
    await requestPasswordReset(user.email, "192.0.2.10");
    await deliverDueMails({ transport: smtp.transport });
    const sent = (await rowsFor(user.id)).at(-1)!;
    expect(sent.status).toBe("SENT");
    expect(await revealLocalMailLink(admin, sent.id)).toMatchObject({
      ok: false,
      message: expect.stringContaining("boîte d'envoi locale"),
    });
    // Only the mail actually sent minted a link.
    expect(await prisma.actionToken.count({ where: { userId: user.id } })).toBe(1);
  });
});

describe("configuration", () => {
  it("production without a mail server refuses to start, saying why; the demo and development keep a local outbox", () => {
    const production = {
      NODE_ENV: "production" as const,
      APP_SECRET: "s".repeat(40),
      DEMO_DATA: "0",
      SMTP_URL: undefined,
    };
    expect(() => parseEnv(production)).toThrow("SMTP_URL est obligatoire en production");
    expect(parseEnv({ ...production, SMTP_URL: "smtp://mail.example:587" }).smtpUrl).toBe("smtp://mail.example:587");
    expect(parseEnv({ ...production, DEMO_DATA: "1" }).smtpUrl).toBeNull();
    expect(parseEnv({ NODE_ENV: "development", DATABASE_URL: process.env.DATABASE_URL }).smtpUrl).toBeNull();
  });

  it("the demo's sign-in page says how to receive a link only when there is no mail server", async () => {
    const signIn = () => callRoute(signInLoader, null, "/connexion", {});
    await withEnv({ DEMO_DATA: "1", SMTP_URL: undefined }, async () => {
      expect(await signIn()).toMatchObject({ demo: { localLinksAdmin: "thomas.leroy@cnsa.example" } });
    });
    await withEnv({ DEMO_DATA: "1", SMTP_URL: smtp.server.url }, async () => {
      expect(await signIn()).toMatchObject({ demo: { localLinksAdmin: null } });
    });
  });
});
