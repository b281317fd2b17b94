/**
 * The SMTP connection used by the sender. Without SMTP_URL there is no transport and mails
 * stay in the local outbox, where administrators can read them.
 */
import nodemailer from "nodemailer";
import type { Transporter } from "nodemailer";
import type { SMTPSentMessageInfo, SMTPTransportOptions } from "nodemailer/lib/smtp-transport";

export type MailTransport = Transporter<SMTPSentMessageInfo, SMTPTransportOptions>;

export type TransportTimeouts = {
  /** TCP connection (DNS lookup included). */
  connectionTimeout?: number;
  /** From connected to the server's 220 greeting. */
  greetingTimeout?: number;
  /** Inactivity on an open connection. */
  socketTimeout?: number;
};

// A hung or slow-dripping server must not hold the worker: each phase is bounded here and the
// sender also bounds the whole send (sender.server.ts, SEND_TIMEOUT_MS).
export const DEFAULT_TIMEOUTS: Required<TransportTimeouts> = {
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 30_000,
};

/**
 * `smtp://user:password@host:587` (STARTTLS when the server offers it) or
 * `smtps://user:password@host:465` (TLS from the start). Credentials are URL-encoded.
 * Query parameters are passed to nodemailer (e.g. `?requireTLS=true`).
 */
export function createTransport(
  smtpUrl: string | undefined | null = process.env.SMTP_URL,
  timeouts: TransportTimeouts = {},
): MailTransport | null {
  const url = smtpUrl?.trim();
  if (!url) return null;
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new Error("SMTP_URL is not a valid URL (expected smtp://… or smtps://…)");
  }
  if (protocol !== "smtp:" && protocol !== "smtps:") {
    throw new Error(`SMTP_URL must start with smtp:// or smtps://, got ${protocol}//`);
  }
  return nodemailer.createTransport({
    url,
    // Reuse connections: one SMTP session per mail costs a handshake each time.
    pool: true,
    maxConnections: 2,
    ...DEFAULT_TIMEOUTS,
    ...timeouts,
    dnsTimeout: timeouts.connectionTimeout ?? DEFAULT_TIMEOUTS.connectionTimeout,
    // Attachments come from the database only: never let a message read files or URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
}

/** A one-line description for logs and the administrators' page, without the password. */
export function describeSmtpUrl(smtpUrl: string | undefined | null = process.env.SMTP_URL): string | null {
  if (!smtpUrl) return null;
  try {
    const url = new URL(smtpUrl);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "(SMTP_URL invalide)";
  }
}
