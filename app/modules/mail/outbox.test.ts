import { beforeEach, describe, expect, test } from "vitest";
import { testMail as mail } from "../../../test/support/mails";
import { prisma, writeTransaction } from "~/utils/db.server";
import {
  enqueueMail,
  enqueueMails,
  getMail,
  getMailAttachment,
  listOutbox,
  messageIdHost,
  retryMail,
  type NewMail,
} from "./outbox.server";

const T0 = new Date("2026-03-02T08:00:00Z");
const at = (date: Date) => () => new Date(date);

beforeEach(async () => {
  await prisma.outboxMail.deleteMany();
});

describe("enqueueMail", () => {
  test("stores a pending mail due now, with its recipients, relation and a Message-ID from APP_URL's host", async () => {
    const row = await writeTransaction((tx) =>
      enqueueMail(
        tx,
        mail({ cc: ["Chef@CNSA.example.fr", "marie.martin@mdph69.example.fr"], related: { type: "Rfc", id: "rfc-1" } }),
        at(T0),
      ),
    );
    expect(row.status).toBe("PENDING");
    expect(row.attempts).toBe(0);
    expect(row.nextAttemptAt).toEqual(T0);
    expect(row.createdAt).toEqual(T0);
    expect(JSON.parse(row.toAddresses)).toEqual(["marie.martin@mdph69.example.fr"]);
    // A recipient already in To is not copied again.
    expect(JSON.parse(row.ccAddresses)).toEqual(["Chef@CNSA.example.fr"]);
    expect(row.relatedType).toBe("Rfc");
    expect(row.relatedId).toBe("rfc-1");
    expect(row.messageId).toMatch(/^<[0-9a-f]{32}@localhost>$/); // APP_URL is http://localhost:3000 in tests
  });

  test("the Message-ID host comes from APP_URL, passerelles.localhost without it", () => {
    expect(messageIdHost("https://passerelles.cnsa.fr/")).toBe("passerelles.cnsa.fr");
    expect(messageIdHost("")).toBe("passerelles.localhost");
    expect(messageIdHost("not a url")).toBe("passerelles.localhost");
  });

  test("a mail enqueued in a transaction that rolls back does not exist", async () => {
    await expect(
      writeTransaction(async (tx) => {
        await enqueueMail(tx, mail({ subject: "Jamais" }));
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await prisma.outboxMail.count()).toBe(0);
  });

  test("a repeated idempotency key returns the mail already enqueued", async () => {
    const first = await writeTransaction((tx) => enqueueMail(tx, mail({ idempotencyKey: "invitation:u1" })));
    const second = await writeTransaction((tx) =>
      enqueueMail(tx, mail({ idempotencyKey: "invitation:u1", subject: "Autre objet" })),
    );
    expect(second.id).toBe(first.id);
    expect(second.subject).toBe("Objet du message");
    expect(await prisma.outboxMail.count()).toBe(1);
    // Without a key, two calls are two mails.
    await writeTransaction((tx) => enqueueMail(tx, mail()));
    await writeTransaction((tx) => enqueueMail(tx, mail()));
    expect(await prisma.outboxMail.count()).toBe(3);
  });

  test("concurrent enqueues with the same key create one mail", async () => {
    const rows = await Promise.all(
      Array.from({ length: 5 }, () => writeTransaction((tx) => enqueueMail(tx, mail({ idempotencyKey: "same" })))),
    );
    expect(new Set(rows.map((row) => row.id)).size).toBe(1);
    expect(await prisma.outboxMail.count()).toBe(1);
  });

  test("a subject or file name built from a stored name with line breaks or control characters is kept on one line", async () => {
    const stored = await writeTransaction((tx) =>
      enqueueMail(
        tx,
        mail({
          subject: "Invitation à rejoindre Passerelles (MDPH\r\nBcc: x@evil.example\u0000\u0085)",
          attachments: [{ filename: "Liste\nde\tla MDPH/53.csv", contentType: "text/csv", content: Buffer.from("x") }],
        }),
      ),
    );
    expect(stored.subject).toBe("Invitation à rejoindre Passerelles (MDPH Bcc: x@evil.example )");
    expect((await prisma.outboxAttachment.findFirstOrThrow({ where: { mailId: stored.id } })).filename).toBe(
      "Liste de la MDPH-53.csv",
    );
    await writeTransaction((tx) =>
      enqueueMails(tx, [mail({ subject: "Groupe\n« Sphère emploi »", idempotencyKey: "bulk" })]),
    );
    expect((await prisma.outboxMail.findUniqueOrThrow({ where: { idempotencyKey: "bulk" } })).subject).toBe(
      "Groupe « Sphère emploi »",
    );
  });

  test.each([
    [{ to: [] }, /at least one address/],
    [{ to: ["pas-une-adresse"] }, /malformed e-mail address in "to"/],
    [{ to: ["a@b"] }, /malformed/],
    [{ to: ["Marie <marie@example.fr>"] }, /malformed/],
    [{ to: ["marie@example.fr\r\nBcc: x@evil.example"] }, /malformed/],
    [{ to: ["a@example.fr, b@example.fr"] }, /malformed/],
    [{ cc: ["ok@example.fr", "x @example.fr"] }, /malformed e-mail address in "cc"/],
    [{ subject: " " }, /subject is required/],
    [{ subject: "\r\n\u0000\t" }, /subject is required/],
  ] as [Partial<NewMail>, RegExp][])("refuses %j", async (overrides, message) => {
    await expect(writeTransaction((tx) => enqueueMail(tx, mail(overrides)))).rejects.toThrow(message);
    expect(await prisma.outboxMail.count()).toBe(0);
  });

  test("attachments are stored byte for byte", async () => {
    const content = Buffer.from([0, 1, 2, 255, 254, 10, 13, 0]);
    const row = await writeTransaction((tx) =>
      enqueueMail(
        tx,
        mail({ attachments: [{ filename: "pièce.bin", contentType: "application/octet-stream", content }] }),
      ),
    );
    const detail = await getMail(row.id);
    expect(detail?.attachments).toEqual([
      { id: expect.any(String), filename: "pièce.bin", contentType: "application/octet-stream", size: 8 },
    ]);
    const attachment = await getMailAttachment(row.id, detail!.attachments[0].id);
    expect(attachment?.content.equals(content)).toBe(true);
    expect(await getMailAttachment("another-mail", detail!.attachments[0].id)).toBeNull();
  });
});

describe("enqueueMails", () => {
  test("adds one pending mail per recipient with distinct Message-IDs, and skips keys already in the outbox", async () => {
    const addresses = Array.from(
      { length: 120 },
      (_, i) => `directeur@mdph${String(i + 1).padStart(3, "0")}.example.fr`,
    );
    const mails = addresses.map((address) => mail({ to: [address], idempotencyKey: `rfc.ouverture:v1:${address}` }));
    await writeTransaction((tx) => enqueueMail(tx, mails[0], at(T0)));
    const added = await writeTransaction((tx) => enqueueMails(tx, [...mails, mails[1]], at(T0)));
    expect(added).toBe(119);
    const rows = await prisma.outboxMail.findMany();
    expect(rows).toHaveLength(120);
    expect(new Set(rows.map((r) => r.messageId)).size).toBe(120);
    expect(rows.every((r) => r.status === "PENDING" && r.nextAttemptAt.getTime() === T0.getTime())).toBe(true);
    // Run twice (a retried job): nothing more.
    expect(await writeTransaction((tx) => enqueueMails(tx, mails, at(T0)))).toBe(0);
  });

  test("refuses a malformed address or a mail with attachments, adding nothing", async () => {
    await expect(
      writeTransaction((tx) => enqueueMails(tx, [mail(), mail({ to: ["pas une adresse"] })], at(T0))),
    ).rejects.toThrow(/malformed/);
    await expect(
      writeTransaction((tx) =>
        enqueueMails(
          tx,
          [mail({ attachments: [{ filename: "a.pdf", contentType: "application/pdf", content: Buffer.from("x") }] })],
          at(T0),
        ),
      ),
    ).rejects.toThrow(/attachments/);
    expect(await prisma.outboxMail.count()).toBe(0);
  });
});

describe("administrators' view", () => {
  test("listOutbox filters by status, pages newest first and counts", async () => {
    for (let i = 0; i < 5; i++) {
      await writeTransaction((tx) =>
        enqueueMail(tx, mail({ subject: `Mail ${i}` }), at(new Date(T0.getTime() + i * 1000))),
      );
    }
    await prisma.outboxMail.updateMany({ where: { subject: { in: ["Mail 1", "Mail 3"] } }, data: { status: "LOCAL" } });

    const page = await listOutbox({ take: 2, skip: 1 });
    expect(page.total).toBe(5);
    expect(page.mails.map((m) => m.subject)).toEqual(["Mail 3", "Mail 2"]);

    const local = await listOutbox({ status: "LOCAL", take: 10 });
    expect(local.total).toBe(2);
    expect(local.mails.map((m) => m.subject)).toEqual(["Mail 3", "Mail 1"]);
    expect(local.mails[0].statusLabel).toBe("Conservé dans la boîte d'envoi locale");
    expect(local.mails[0].to).toEqual(["marie.martin@mdph69.example.fr"]);
  });

  test("getMail returns the bodies an administrator reads, or null", async () => {
    const row = await writeTransaction((tx) => enqueueMail(tx, mail()));
    const detail = await getMail(row.id);
    expect(detail).toMatchObject({
      id: row.id,
      messageId: row.messageId,
      text: "Bonjour,\n\nTexte.",
      html: "<p>Bonjour,</p>",
    });
    expect(await getMail("missing")).toBeNull();
  });

  test("retryMail puts a FAILED mail back in the queue, and nothing else", async () => {
    const row = await writeTransaction((tx) => enqueueMail(tx, mail(), at(T0)));
    expect(await retryMail(row.id)).toBeNull(); // PENDING: nothing to retry
    await prisma.outboxMail.update({
      where: { id: row.id },
      data: { status: "FAILED", attempts: 8, lastError: "EMESSAGE: 451 later" },
    });
    const later = new Date("2026-03-03T10:00:00Z");
    const retried = await retryMail(row.id, { now: at(later) });
    expect(retried).toMatchObject({
      status: "PENDING",
      attempts: 0,
      nextAttemptAt: later,
      lastError: "EMESSAGE: 451 later",
    });
    expect(await retryMail("missing")).toBeNull();
  });
});
