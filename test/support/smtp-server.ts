/**
 * A real SMTP server on 127.0.0.1 for tests: it receives what the app sends and parses every
 * message with mailparser so tests can read them. Plain text, no TLS; authentication is
 * optional unless `auth` is given. Unit, integration and end-to-end tests share it.
 *
 *   const smtp = await startSmtpServer();
 *   process.env.SMTP_URL = smtp.url;
 *   …
 *   const mail = await smtp.waitFor((m) => m.to.includes("alice@mdph.example"));
 *   await smtp.close();
 */
import type { AddressInfo } from "node:net";
import { simpleParser, type AddressObject } from "mailparser";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";

export type ReceivedAttachment = {
  filename: string | undefined;
  contentType: string;
  content: Buffer;
  size: number;
};

export type ReceivedMail = {
  /** The Message-ID header, angle brackets included: "<…@host>". */
  messageId: string | undefined;
  /** Header From address (lowercase), and its display form. */
  from: string | undefined;
  fromText: string | undefined;
  /** Header To / Cc addresses, lowercase. */
  to: string[];
  cc: string[];
  /** SMTP envelope (MAIL FROM / RCPT TO), lowercase. */
  envelope: { from: string | undefined; to: string[] };
  subject: string | undefined;
  text: string | undefined;
  html: string | undefined;
  attachments: ReceivedAttachment[];
  /** Every header, lowercase names, as mailparser parsed them. */
  headers: Map<string, unknown>;
  /** The raw message as received. */
  raw: Buffer;
  /** The user name the client authenticated with, if it did. */
  user: string | undefined;
};

export type StartSmtpServerOptions = {
  /** The first N deliveries are refused at the end of DATA with a temporary error. */
  failFirst?: number;
  /** Reply code and text of those refusals; 451 by default (a temporary failure). */
  failWith?: { code: number; message?: string };
  /** Require this user and password (AUTH PLAIN/LOGIN over plain text). */
  auth?: { username: string; password: string };
  /** Refuse these recipients at RCPT TO (550). */
  rejectRecipient?: (address: string) => boolean;
  /** Wait this long before answering the end of DATA: to test timeouts. */
  delayMs?: number;
};

export type TestSmtpServer = {
  /** "smtp://127.0.0.1:PORT" (with credentials when `auth` is set). */
  url: string;
  port: number;
  /** Every accepted message, in order of arrival. */
  messages: ReceivedMail[];
  /** How many deliveries were refused because of failFirst / failNext. */
  refused: () => number;
  /** Refuse the next N deliveries (replaces the count still pending; 0 stops refusing). */
  failNext: (count: number, failWith?: { code: number; message?: string }) => void;
  /** Resolves with the first message (already received or to come) that matches. */
  waitFor: (predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number) => Promise<ReceivedMail>;
  /** Messages whose Message-ID is `messageId`. */
  withMessageId: (messageId: string) => ReceivedMail[];
  /** Forget the messages received so far and reset the refusal count. */
  clear: () => void;
  close: () => Promise<void>;
};

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  if (!value) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((group) => group.value.flatMap(flattenAddress));
}

function flattenAddress(entry: { address?: string; group?: { address?: string }[] }): string[] {
  if (entry.group) return entry.group.flatMap(flattenAddress);
  return entry.address ? [entry.address.toLowerCase()] : [];
}

function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

function smtpError(code: number, message: string) {
  return Object.assign(new Error(message), { responseCode: code });
}

export async function startSmtpServer(options: StartSmtpServerOptions = {}): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<{ predicate: (mail: ReceivedMail) => boolean; resolve: (mail: ReceivedMail) => void }>();
  let toFail = options.failFirst ?? 0;
  let failWith = options.failWith ?? { code: 451 };
  let refused = 0;

  async function receive(stream: SMTPServerDataStream, session: SMTPServerSession) {
    const raw = await readAll(stream);
    if (stream.sizeExceeded) throw smtpError(552, "Message too large");
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    if (toFail > 0) {
      toFail--;
      refused++;
      throw smtpError(failWith.code, failWith.message ?? "Temporary failure, try again later (test server)");
    }
    const parsed = await simpleParser(raw);
    const mail: ReceivedMail = {
      messageId: parsed.messageId,
      from: addresses(parsed.from)[0],
      fromText: parsed.from?.text,
      to: addresses(parsed.to),
      cc: addresses(parsed.cc),
      envelope: {
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address.toLowerCase() : undefined,
        to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
      },
      subject: parsed.subject,
      text: parsed.text,
      html: parsed.html === false ? undefined : parsed.html,
      attachments: parsed.attachments.map((attachment) => ({
        filename: attachment.filename,
        contentType: attachment.contentType,
        content: attachment.content,
        size: attachment.size,
      })),
      headers: parsed.headers as Map<string, unknown>,
      raw,
      user: typeof session.user === "string" ? session.user : undefined,
    };
    messages.push(mail);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(mail)) {
        waiters.delete(waiter);
        waiter.resolve(mail);
      }
    }
  }

  const server = new SMTPServer({
    secure: false,
    disabledCommands: options.auth ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    disableReverseLookup: true,
    logger: false,
    size: 25 * 1024 * 1024,
    closeTimeout: 1000,
    onAuth(auth, _session, callback) {
      const expected = options.auth;
      if (expected && auth.username === expected.username && auth.password === expected.password) {
        callback(null, { user: auth.username });
      } else {
        callback(smtpError(535, "Authentication failed"));
      }
    },
    onRcptTo(address, _session, callback) {
      if (options.rejectRecipient?.(address.address)) callback(smtpError(550, "Mailbox unavailable"));
      else callback();
    },
    onData(stream, session, callback) {
      receive(stream, session).then(
        () => callback(),
        (error: Error) => callback(error),
      );
    },
  });
  // Client misbehaviour (a dropped connection…) is part of what tests exercise.
  server.on("error", () => {});

  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.server.off("error", reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  const credentials = options.auth
    ? `${encodeURIComponent(options.auth.username)}:${encodeURIComponent(options.auth.password)}@`
    : "";

  return {
    url: `smtp://${credentials}127.0.0.1:${port}`,
    port,
    messages,
    refused: () => refused,
    failNext(count, nextFailWith) {
      toFail = count;
      if (nextFailWith) failWith = nextFailWith;
    },
    waitFor(predicate, timeoutMs = 5000) {
      const already = messages.find(predicate);
      if (already) return Promise.resolve(already);
      return new Promise<ReceivedMail>((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (mail: ReceivedMail) => {
            clearTimeout(timer);
            resolve(mail);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`No matching mail within ${timeoutMs} ms (received ${messages.length})`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    withMessageId: (messageId) => messages.filter((mail) => mail.messageId === messageId),
    clear() {
      messages.length = 0;
      refused = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
