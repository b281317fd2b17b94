import { createServer, type AddressInfo, type Socket } from "node:net";
import { beforeEach, describe, expect, test } from "vitest";
import { prisma, writeTransaction } from "~/utils/db.server";
import { startSmtpServer } from "../../../test/support/smtp-server";
import { enqueueMail } from "./outbox.server";
import { deliverDueMails } from "./sender.server";
import { createTransport, describeSmtpUrl, type MailTransport } from "./transport.server";

const T0 = new Date("2026-03-02T08:00:00Z");
const now = () => new Date(T0);

async function enqueue() {
  return writeTransaction((tx) =>
    enqueueMail(
      tx,
      {
        template: "test.transport",
        to: ["marie@mdph69.example.fr"],
        subject: "Objet",
        text: "Texte",
        html: "<p>Texte</p>",
      },
      now,
    ),
  );
}

// The SMTP transport keeps the options it resolved from the URL.
function resolvedOptions(transport: MailTransport) {
  return (transport.transporter as unknown as { options: Record<string, unknown> }).options;
}

beforeEach(async () => {
  await prisma.outboxMail.deleteMany();
});

describe("createTransport", () => {
  test("without SMTP_URL there is no transport", () => {
    expect(createTransport(undefined)).toBeNull();
    expect(createTransport("")).toBeNull();
    expect(createTransport("  ")).toBeNull();
  });

  test("only smtp:// and smtps:// URLs are accepted", () => {
    expect(() => createTransport("http://mail.example.fr")).toThrow(/smtp:\/\/ or smtps:\/\//);
    expect(() => createTransport("not a url")).toThrow(/not a valid URL/);
  });

  test("smtps:// means TLS from the start, with the URL's credentials and short timeouts", () => {
    const transport = createTransport("smtps://user%40cnsa.fr:p%40ss%3Aword@smtp.example.fr:465")!;
    const options = resolvedOptions(transport);
    expect(options).toMatchObject({
      host: "smtp.example.fr",
      port: 465,
      secure: true,
      auth: { user: "user@cnsa.fr", pass: "p@ss:word" },
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    transport.close();
    expect(resolvedOptions(createTransport("smtp://smtp.example.fr:587")!)).toMatchObject({ port: 587, secure: false });
  });

  test("describeSmtpUrl hides the password", () => {
    expect(describeSmtpUrl("smtp://user:secret@smtp.example.fr:587")).toBe("smtp://user:***@smtp.example.fr:587");
    expect(describeSmtpUrl(undefined)).toBeNull();
  });
});

describe("sending through the transport", () => {
  test("credentials in the URL authenticate with the server", async () => {
    const smtp = await startSmtpServer({ auth: { username: "passerelles", password: "s3cr:et@" } });
    const transport = createTransport(smtp.url)!;
    try {
      const row = await enqueue();
      expect(await deliverDueMails({ transport, now })).toEqual({ sent: 1, failed: 0, kept: 0 });
      const received = await smtp.waitFor((m) => m.messageId === row.messageId);
      expect(received.user).toBe("passerelles");
    } finally {
      transport.close();
      await smtp.close();
    }
  });

  test("a wrong password is a failure to retry later, not a lost mail", async () => {
    const smtp = await startSmtpServer({ auth: { username: "passerelles", password: "right" } });
    const transport = createTransport(`smtp://passerelles:wrong@127.0.0.1:${smtp.port}`)!;
    try {
      const row = await enqueue();
      expect(await deliverDueMails({ transport, now })).toEqual({ sent: 0, failed: 1, kept: 0 });
      const stored = await prisma.outboxMail.findUniqueOrThrow({ where: { id: row.id } });
      expect(stored.status).toBe("PENDING");
      expect(stored.lastError).toMatch(/EAUTH/);
      expect(smtp.messages).toHaveLength(0);
    } finally {
      transport.close();
      await smtp.close();
    }
  });

  test("a server that accepts the connection and never answers does not hold the sender", async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => {
      sockets.add(socket);
      socket.on("error", () => {});
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as AddressInfo;
    const transport = createTransport(`smtp://127.0.0.1:${port}`, { greetingTimeout: 300, socketTimeout: 300 })!;
    try {
      const row = await enqueue();
      const started = performance.now();
      expect(await deliverDueMails({ transport, now })).toEqual({ sent: 0, failed: 1, kept: 0 });
      expect(performance.now() - started).toBeLessThan(5_000);
      const stored = await prisma.outboxMail.findUniqueOrThrow({ where: { id: row.id } });
      expect(stored.status).toBe("PENDING");
      expect(stored.lastError).toMatch(/ETIMEDOUT/);
    } finally {
      transport.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  test("a closed port is a failure to retry later", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const transport = createTransport(`smtp://127.0.0.1:${port}`)!;
    const row = await enqueue();
    expect(await deliverDueMails({ transport, now })).toEqual({ sent: 0, failed: 1, kept: 0 });
    const stored = await prisma.outboxMail.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored.status).toBe("PENDING");
    expect(stored.lastError).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    transport.close();
  });
});
