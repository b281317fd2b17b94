import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { testMail as newMail } from "../../../test/support/mails";
import { prisma, writeTransaction } from "~/utils/db.server";
import { startSmtpServer, type TestSmtpServer } from "../../../test/support/smtp-server";
import { useSmtpServer } from "../../../test/support/smtp-fixture";
import { enqueueMail, retryMail, type NewMail } from "./outbox.server";
import { backoffMs, deliverDueMails, LEASE_MS, MAX_ATTEMPTS } from "./sender.server";
import { invitationMail } from "./templates/account.server";
import { createTransport, type MailTransport } from "./transport.server";

/** A clock the test moves by hand. */
function testClock(start = "2026-03-02T08:00:00Z") {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current += ms;
    },
  };
}

async function enqueue(clock: { now: () => Date }, overrides: Partial<NewMail> = {}) {
  return writeTransaction((tx) => enqueueMail(tx, newMail(overrides), clock.now));
}

const statusOf = async (id: string) => (await prisma.outboxMail.findUniqueOrThrow({ where: { id } })).status;

const smtp = useSmtpServer();
/** Delivers what is due at the clock's time through the file's transport. */
const deliver = (clock: { now: () => Date }, options: { batchSize?: number } = {}) =>
  deliverDueMails({ transport: smtp.transport, now: clock.now, ...options });
beforeEach(async () => {
  await prisma.outboxMail.deleteMany();
  smtp.server.clear();
  smtp.server.failNext(0);
});

describe("deliverDueMails with an SMTP server", () => {
  test("a mail enqueued in a transaction that rolls back is never sent", async () => {
    const clock = testClock();
    await expect(
      writeTransaction(async (tx) => {
        await enqueueMail(tx, newMail({ subject: "Annulé" }), clock.now);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    const kept = await enqueue(clock, { subject: "Gardé" });

    expect(await deliver(clock)).toEqual({ sent: 1, failed: 0, kept: 0 });
    expect(smtp.server.messages.map((m) => m.subject)).toEqual(["Gardé"]);
    expect(await statusOf(kept.id)).toBe("SENT");
  });

  test("the delivered mail carries its Message-ID, sender, recipients, French bodies and an intact attachment", async () => {
    const clock = testClock();
    const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(64 * 1024), Buffer.from([0, 13, 10, 0xff])]);
    const content = invitationMail({
      firstName: "Marie",
      inviterName: "Jean Dupont",
      organisationName: "MDPH du Rhône",
      url: "https://passerelles.example/invitation/abc",
      validUntil: "9 mars 2026 à 09:00",
    });
    const row = await enqueue(clock, {
      template: "account.invitation",
      to: ["marie.martin@mdph69.example.fr", "Paul.Durand@mdph69.example.fr"],
      cc: ["referent@cnsa.example.fr"],
      ...content,
      attachments: [{ filename: "Compte rendu réunion.pdf", contentType: "application/pdf", content: pdf }],
    });

    expect(await deliver(clock)).toEqual({ sent: 1, failed: 0, kept: 0 });
    const received = await smtp.server.waitFor((m) => m.messageId === row.messageId);

    expect(received.from).toBe("ne-pas-repondre@passerelles.localhost");
    expect(received.fromText).toContain("Passerelles");
    expect(received.to).toEqual(["marie.martin@mdph69.example.fr", "paul.durand@mdph69.example.fr"]);
    expect(received.cc).toEqual(["referent@cnsa.example.fr"]);
    expect(received.envelope.to.sort()).toEqual(
      ["marie.martin@mdph69.example.fr", "paul.durand@mdph69.example.fr", "referent@cnsa.example.fr"].sort(),
    );
    expect(received.subject).toBe("Invitation à rejoindre Passerelles (MDPH du Rhône)");
    expect(received.text).toContain("Jean Dupont vous invite à rejoindre Passerelles");
    expect(received.text).toContain("9 mars 2026 à 09:00");
    expect(received.text).toContain("https://passerelles.example/invitation/abc");
    expect(received.html).toContain('<html lang="fr">');
    expect(received.html).toContain("«\u00a0MDPH du Rhône\u00a0»");
    expect(received.headers.get("auto-submitted")).toBe("auto-generated");

    expect(received.attachments).toHaveLength(1);
    const [attachment] = received.attachments;
    expect(attachment.filename).toBe("Compte rendu réunion.pdf");
    expect(attachment.contentType).toBe("application/pdf");
    expect(attachment.content.equals(pdf)).toBe(true);

    const sent = await prisma.outboxMail.findUniqueOrThrow({ where: { id: row.id } });
    expect(sent).toMatchObject({
      status: "SENT",
      attempts: 1,
      sentAt: clock.now(),
      lockedUntil: null,
      lastError: null,
    });
  });

  test("a temporary refusal is retried after the backoff, and the mail arrives exactly once", async () => {
    const clock = testClock();
    smtp.server.failNext(1);
    const row = await enqueue(clock);

    expect(await deliver(clock)).toEqual({ sent: 0, failed: 1, kept: 0 });
    let stored = await prisma.outboxMail.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored.status).toBe("PENDING");
    expect(stored.attempts).toBe(1);
    expect(stored.lastError).toMatch(/451/);
    expect(stored.nextAttemptAt).toEqual(new Date(clock.now().getTime() + 60_000));
    expect(smtp.server.refused()).toBe(1);

    // Not due yet.
    clock.advance(59_000);
    expect(await deliver(clock)).toEqual({ sent: 0, failed: 0, kept: 0 });

    clock.advance(2_000);
    expect(await deliver(clock)).toEqual({ sent: 1, failed: 0, kept: 0 });
    stored = await prisma.outboxMail.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored).toMatchObject({ status: "SENT", attempts: 2, lastError: null });

    clock.advance(3_600_000);
    expect(await deliver(clock)).toEqual({ sent: 0, failed: 0, kept: 0 });
    expect(smtp.server.withMessageId(row.messageId)).toHaveLength(1);
  });

  test("the backoff doubles from one minute and stops at one hour", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => backoffMs(n) / 60_000)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  test("two overlapping calls deliver each mail once", async () => {
    const clock = testClock();
    const rows = [];
    for (let i = 0; i < 12; i++) rows.push(await enqueue(clock, { subject: `Mail ${i}` }));

    const results = await Promise.all([
      deliver(clock),
      deliver(clock),
      deliverDueMails({ transport: createTransport(smtp.server.url)!, now: clock.now }),
    ]);
    expect(results.reduce((total, r) => total + r.sent, 0)).toBe(12);
    expect(smtp.server.messages).toHaveLength(12);
    for (const row of rows) expect(smtp.server.withMessageId(row.messageId)).toHaveLength(1);
  });

  test("after a restart (new transport, new call) SENT mails are not sent again", async () => {
    const clock = testClock();
    const row = await enqueue(clock);
    expect((await deliver(clock)).sent).toBe(1);

    const afterRestart = createTransport(smtp.server.url)!;
    clock.advance(24 * 3_600_000);
    expect(await deliverDueMails({ transport: afterRestart, now: clock.now })).toEqual({ sent: 0, failed: 0, kept: 0 });
    afterRestart.close();
    expect(smtp.server.withMessageId(row.messageId)).toHaveLength(1);
  });

  test("a mail left SENDING by a crashed sender is sent again once its lease expires, with the same Message-ID", async () => {
    const clock = testClock();
    const row = await enqueue(clock);
    // What a sender that claimed the mail and then died leaves behind.
    await prisma.outboxMail.update({
      where: { id: row.id },
      data: { status: "SENDING", attempts: 1, lockedUntil: new Date(clock.now().getTime() + LEASE_MS) },
    });

    expect(await deliver(clock)).toEqual({ sent: 0, failed: 0, kept: 0 });
    expect(await statusOf(row.id)).toBe("SENDING");

    clock.advance(LEASE_MS);
    expect(await deliver(clock)).toEqual({ sent: 1, failed: 0, kept: 0 });
    expect(smtp.server.withMessageId(row.messageId)).toHaveLength(1);
    expect(await prisma.outboxMail.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: "SENT",
      attempts: 2,
    });
  });

  test("a sender that lost its lease cannot undo the delivery made by the sender that took over", async () => {
    const clock = testClock();
    const row = await enqueue(clock);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let claimed!: () => void;
    const claimedPromise = new Promise<void>((resolve) => (claimed = resolve));
    // A sender stuck in a send that eventually fails.
    const stuck = {
      sendMail: async () => {
        claimed();
        await gate;
        throw Object.assign(new Error("Connection closed"), { code: "ECONNECTION" });
      },
    } as unknown as MailTransport;

    const slow = deliverDueMails({ transport: stuck, now: clock.now });
    await claimedPromise;
    clock.advance(LEASE_MS + 1);
    expect(await deliver(clock)).toEqual({ sent: 1, failed: 0, kept: 0 });
    release();
    expect(await slow).toEqual({ sent: 0, failed: 1, kept: 0 });

    expect(await statusOf(row.id)).toBe("SENT");
    clock.advance(3_600_000);
    expect((await deliver(clock)).sent).toBe(0);
    expect(smtp.server.withMessageId(row.messageId)).toHaveLength(1);
  });

  test(`after ${MAX_ATTEMPTS} refusals the mail is FAILED; retryMail puts it back and it is delivered`, async () => {
    const clock = testClock();
    smtp.server.failNext(1000);
    const row = await enqueue(clock);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await deliver(clock)).toEqual({ sent: 0, failed: 1, kept: 0 });
      clock.advance(backoffMs(attempt));
    }
    let stored = await prisma.outboxMail.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS });
    expect(stored.lastError).toMatch(/451/);
    expect(smtp.server.refused()).toBe(MAX_ATTEMPTS);

    // Not retried automatically.
    clock.advance(24 * 3_600_000);
    expect(await deliver(clock)).toEqual({ sent: 0, failed: 0, kept: 0 });

    smtp.server.failNext(0);
    expect(await retryMail(row.id, { now: clock.now })).toMatchObject({ status: "PENDING", attempts: 0 });
    expect(await deliver(clock)).toEqual({ sent: 1, failed: 0, kept: 0 });
    stored = await prisma.outboxMail.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored).toMatchObject({ status: "SENT", attempts: 1 });
    expect(smtp.server.withMessageId(row.messageId)).toHaveLength(1);
  });

  test("a permanent refusal (5xx) fails the mail at once", async () => {
    const clock = testClock();
    smtp.server.failNext(1, { code: 554, message: "Message refused" });
    const row = await enqueue(clock);
    expect(await deliver(clock)).toEqual({ sent: 0, failed: 1, kept: 0 });
    const stored = await prisma.outboxMail.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(stored.lastError).toMatch(/554 Message refused/);
  });

  test("a recipient refused for good fails the mail at once; a partial refusal still counts as sent", async () => {
    const picky = await startSmtpServer({ rejectRecipient: (address) => address.startsWith("inconnu") });
    const pickyTransport = createTransport(picky.url)!;
    try {
      const clock = testClock();
      const refused = await enqueue(clock, { to: ["inconnu@mdph69.example.fr"] });
      expect(await deliverDueMails({ transport: pickyTransport, now: clock.now })).toEqual({
        sent: 0,
        failed: 1,
        kept: 0,
      });
      const stored = await prisma.outboxMail.findUniqueOrThrow({ where: { id: refused.id } });
      expect(stored).toMatchObject({ status: "FAILED", attempts: 1 });
      expect(stored.lastError).toMatch(/EENVELOPE.*550/);

      const partial = await enqueue(clock, { to: ["marie@mdph69.example.fr", "inconnu@mdph69.example.fr"] });
      expect(await deliverDueMails({ transport: pickyTransport, now: clock.now })).toEqual({
        sent: 1,
        failed: 0,
        kept: 0,
      });
      const sent = await prisma.outboxMail.findUniqueOrThrow({ where: { id: partial.id } });
      expect(sent.status).toBe("SENT");
      expect(sent.lastError).toBe("Recipients refused: inconnu@mdph69.example.fr");
      expect((await picky.waitFor((m) => m.messageId === partial.messageId)).envelope.to).toEqual([
        "marie@mdph69.example.fr",
      ]);
    } finally {
      pickyTransport.close();
      await picky.close();
    }
  });

  test("a mail whose lease expired after the last attempt is given up rather than retried forever", async () => {
    const clock = testClock();
    const row = await enqueue(clock);
    await prisma.outboxMail.update({
      where: { id: row.id },
      data: { status: "SENDING", attempts: MAX_ATTEMPTS, lockedUntil: clock.now() },
    });
    expect(await deliver(clock)).toEqual({ sent: 0, failed: 1, kept: 0 });
    expect(await statusOf(row.id)).toBe("FAILED");
    expect(smtp.server.messages).toHaveLength(0);
  });

  test("batchSize bounds what one call sends; the rest goes with the next call", async () => {
    const clock = testClock();
    for (let i = 0; i < 5; i++) await enqueue(clock, { subject: `Mail ${i}` });
    expect((await deliver(clock, { batchSize: 3 })).sent).toBe(3);
    expect((await deliver(clock, { batchSize: 3 })).sent).toBe(2);
    expect(smtp.server.messages.map((m) => m.subject)).toEqual(["Mail 0", "Mail 1", "Mail 2", "Mail 3", "Mail 4"]);
  });

  test("a mail due later waits for its time", async () => {
    const clock = testClock();
    const row = await enqueue(clock);
    await prisma.outboxMail.update({
      where: { id: row.id },
      data: { nextAttemptAt: new Date(clock.now().getTime() + 60_000) },
    });
    expect((await deliver(clock)).sent).toBe(0);
    clock.advance(60_000);
    expect((await deliver(clock)).sent).toBe(1);
  });
});

describe("deliverDueMails without an SMTP server", () => {
  test("due mails are kept in the local outbox and never sent later automatically", async () => {
    const clock = testClock();
    const row = await enqueue(clock);
    const later = await enqueue(clock);
    await prisma.outboxMail.update({
      where: { id: later.id },
      data: { nextAttemptAt: new Date(clock.now().getTime() + 60_000) },
    });

    expect(await deliverDueMails({ transport: null, now: clock.now })).toEqual({ sent: 0, failed: 0, kept: 1 });
    expect(await statusOf(row.id)).toBe("LOCAL");
    expect(await statusOf(later.id)).toBe("PENDING");

    // Even once an SMTP server is configured.
    expect(await deliver(clock)).toEqual({ sent: 0, failed: 0, kept: 0 });
    expect(await statusOf(row.id)).toBe("LOCAL");
    expect(smtp.server.messages).toHaveLength(0);
  });
});

describe("idempotency", () => {
  test("a repeated idempotency key sends one mail", async () => {
    const clock = testClock();
    const first = await enqueue(clock, { idempotencyKey: "password-reset:u1:token1" });
    const second = await enqueue(clock, { idempotencyKey: "password-reset:u1:token1" });
    expect(second.id).toBe(first.id);
    expect((await deliver(clock)).sent).toBe(1);
    // Even after it was sent.
    const third = await enqueue(clock, { idempotencyKey: "password-reset:u1:token1" });
    expect(third).toMatchObject({ id: first.id, status: "SENT" });
    expect((await deliver(clock)).sent).toBe(0);
    expect(smtp.server.messages).toHaveLength(1);
  });
});

describe("two sender processes", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "passerelles-mail-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Another process with its own connection to the same database file: the claim must hold
  // across processes (BEGIN IMMEDIATE), not only within one.
  function startOtherProcess(smtpUrl: string) {
    const script = join(dir, "other-sender.mts");
    writeFileSync(
      script,
      `import { createInterface } from "node:readline";
import { deliverDueMails } from ${JSON.stringify(resolve("app/modules/mail/sender.server.ts"))};
import { createTransport } from ${JSON.stringify(resolve("app/modules/mail/transport.server.ts"))};
import { prisma } from ${JSON.stringify(resolve("app/utils/db.server.ts"))};
const transport = createTransport(${JSON.stringify(smtpUrl)})!;
await prisma.outboxMail.count(); // connect before saying ready
process.stdout.write("ready\\n");
for await (const _line of createInterface({ input: process.stdin })) break;
const now = () => new Date(${JSON.stringify(testClock().now().toISOString())});
const counts = await deliverDueMails({ transport, now, batchSize: 100 });
process.stdout.write(JSON.stringify(counts) + "\\n");
transport.close();
await prisma.$disconnect();
process.exit(0);
`,
    );
    const child = spawn(resolve("node_modules/.bin/tsx"), [script], {
      cwd: resolve("."),
      env: { ...process.env, NODE_OPTIONS: "" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const ready = new Promise<void>((resolveReady, reject) => {
      const check = () => (stdout.includes("ready\n") ? resolveReady() : undefined);
      child.stdout.on("data", check);
      child.once("exit", (code) => reject(new Error(`other sender exited early (${code}): ${stderr}`)));
    });
    const done = new Promise<{ sent: number; failed: number; kept: number }>((resolveDone, reject) => {
      child.once("exit", (code) => {
        if (code !== 0) return reject(new Error(`other sender failed (${code}): ${stderr}`));
        const line = stdout.trim().split("\n").pop()!;
        resolveDone(JSON.parse(line));
      });
    });
    // Awaited later: keep an early failure from being reported as unhandled meanwhile.
    done.catch(() => {});
    return { ready, go: () => child.stdin.end("go\n"), done, kill: () => child.kill() };
  }

  let slowSmtp: TestSmtpServer;
  afterEach(async () => {
    await slowSmtp?.close();
  });

  test("two processes sending at once deliver each mail exactly once", { timeout: 60_000 }, async () => {
    // A slow server keeps both senders busy at the same time.
    slowSmtp = await startSmtpServer({ delayMs: 40 });
    const clock = testClock();
    const rows = [];
    for (let i = 0; i < 30; i++) rows.push(await enqueue(clock, { subject: `Mail ${i}` }));

    const other = startOtherProcess(slowSmtp.url);
    try {
      await other.ready;
      other.go();
      const localTransport = createTransport(slowSmtp.url)!;
      const [mine, theirs] = await Promise.all([
        deliverDueMails({ transport: localTransport, now: clock.now, batchSize: 100 }),
        other.done,
      ]);
      localTransport.close();

      expect(mine.sent + theirs.sent).toBe(30);
      expect(mine.failed + theirs.failed).toBe(0);
      // Both really took part (otherwise the test proves nothing).
      expect(mine.sent).toBeGreaterThan(0);
      expect(theirs.sent).toBeGreaterThan(0);
      expect(slowSmtp.messages).toHaveLength(30);
      for (const row of rows) expect(slowSmtp.withMessageId(row.messageId)).toHaveLength(1);
      expect(await prisma.outboxMail.count({ where: { status: "SENT" } })).toBe(30);
    } finally {
      other.kill();
    }
  });
});
