/**
 * Delivers the outbox (outbox.server.ts). The worker calls deliverDueMails periodically.
 *
 * Delivery semantics
 * - No transport (no SMTP_URL): due PENDING mails (and SENDING ones whose lease expired)
 *   become LOCAL, "conservé dans la boîte d'envoi locale". Administrators read them in the
 *   app; they are never sent later automatically.
 * - With a transport, each mail is claimed before it is sent: in an IMMEDIATE write
 *   transaction, a compare-and-set moves one due mail (PENDING with nextAttemptAt <= now, or
 *   SENDING whose lease lockedUntil has expired: its sender crashed mid-send) to SENDING,
 *   sets lockedUntil = now + LEASE_MS and increments `attempts`. Only one sender, in this
 *   process or another, can win that update, so two senders never send a mail at the same
 *   time. Mails are claimed one at a time so that a lease only has to outlast one send,
 *   which SEND_TIMEOUT_MS bounds.
 * - Accepted by the SMTP server: SENT + sentAt. A SENT mail is never claimed again, so
 *   restarts do not resend it.
 * - Refused or unreachable server: back to PENDING with nextAttemptAt = now + 1, 2, 4, 8…
 *   minutes (at most 1 h), or FAILED after MAX_ATTEMPTS attempts, or at once when the server
 *   refuses the message or its recipients for good (5xx). retryMail (outbox.server.ts) gives
 *   a FAILED mail a new round. `attempts` is also the claim's fencing token: a sender whose
 *   lease expired cannot overwrite the outcome of the sender that reclaimed the mail.
 * - A mail that carries a single-use link (linkKind, docs/decisions/010) gets its token
 *   minted in the claim's transaction and written into the bodies in memory only; the row
 *   keeps its placeholders. Each attempt mints a new token (the previous one stops working)
 *   and carries a new Message-ID, because its content differs: a receiver must not discard
 *   the mail with the working link as a duplicate of an earlier one. When the link has no
 *   purpose any more (person deactivated, account already activated) the mail ends FAILED,
 *   saying why. Without a transport such mails stay LOCAL with their placeholders.
 * - The one window we cannot close: a crash (or a send timeout) after the SMTP server has
 *   accepted the message but before SENT is written. The lease then expires and the mail is
 *   sent once more, with the SAME Message-ID header, so receiving systems and people can
 *   recognise the duplicate. Delivery is "at least once", and "exactly once" otherwise.
 */
import type { OutboxAttachment, OutboxMail } from "~/generated/prisma/client";
import { now as clockNow } from "~/utils/clock.server";
import { prisma, writeTransaction, type Tx } from "~/utils/db.server";
import { oneLine } from "~/utils/forms";
import { fillMailedLink, isMailedLinkKind, mintMailedLink } from "~/modules/auth/mailed-links.server";
import { generateMessageId } from "./outbox.server";
import type { MailTransport } from "./transport.server";

export const DEFAULT_MAIL_FROM = "Passerelles <ne-pas-repondre@passerelles.localhost>";
export const MAX_ATTEMPTS = 8;
/** How long a claim holds a mail; well above SEND_TIMEOUT_MS. */
export const LEASE_MS = 5 * 60_000;
/** A whole SMTP conversation for one mail, whatever the server does. */
export const SEND_TIMEOUT_MS = 2 * 60_000;
const BACKOFF_BASE_MS = 60_000;
const BACKOFF_MAX_MS = 60 * 60_000;
const LAST_ERROR_MAX_LENGTH = 500;

/** Delay before the next attempt after `attempts` failed ones: 1 min, 2, 4, 8… capped at 1 h. */
export function backoffMs(attempts: number): number {
  const exponent = Math.max(attempts - 1, 0);
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.min(exponent, 30), BACKOFF_MAX_MS);
}

export type DeliveryCounts = {
  /** Accepted by the SMTP server. */
  sent: number;
  /** Attempts that failed (the mail was rescheduled, or FAILED for good). */
  failed: number;
  /** Kept in the local outbox (LOCAL) because there is no transport. */
  kept: number;
};

type ClaimedMail = OutboxMail & { attachments: OutboxAttachment[] };

function dueWhere(at: Date) {
  return {
    OR: [
      { status: "PENDING", nextAttemptAt: { lte: at } },
      { status: "SENDING", lockedUntil: { lte: at } },
    ],
  };
}

function parseAddresses(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

function shortError(error: unknown): string {
  const e = error as { code?: unknown; responseCode?: unknown; response?: unknown; message?: unknown };
  const parts = [
    typeof e?.code === "string" ? e.code : null,
    typeof e?.response === "string" && e.response
      ? e.response
      : typeof e?.message === "string"
        ? e.message
        : String(error),
  ].filter(Boolean);
  const text = parts.join(": ").replace(/\s+/g, " ").trim();
  return text.length > LAST_ERROR_MAX_LENGTH ? `${text.slice(0, LAST_ERROR_MAX_LENGTH - 1)}…` : text;
}

// RFC 5321: 5yz replies are permanent. Only a refusal of this message or its recipients makes
// retrying pointless; a 5xx on authentication is a configuration error an administrator fixes.
function isPermanent(error: unknown): boolean {
  const e = error as { code?: unknown; responseCode?: unknown };
  return (
    typeof e?.responseCode === "number" &&
    e.responseCode >= 500 &&
    e.responseCode < 600 &&
    (e.code === "EENVELOPE" || e.code === "EMESSAGE")
  );
}

/** Mails due while there is no SMTP server become LOCAL. */
async function keepLocally(at: Date): Promise<number> {
  return writeTransaction(async (tx) => {
    const { count } = await tx.outboxMail.updateMany({
      where: dueWhere(at),
      data: { status: "LOCAL", lockedUntil: null },
    });
    return count;
  });
}

async function claimNext(at: Date): Promise<ClaimedMail | "gave-up" | "skipped" | "none"> {
  return writeTransaction(async (tx: Tx) => {
    const candidate = await tx.outboxMail.findFirst({
      where: dueWhere(at),
      orderBy: [{ nextAttemptAt: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      select: { id: true, attempts: true },
    });
    if (!candidate) return "none";
    // Only an interrupted send (expired lease) can reach here with no attempt left; giving up
    // keeps a mail that keeps crashing its sender from being retried forever.
    if (candidate.attempts >= MAX_ATTEMPTS) {
      await tx.outboxMail.updateMany({
        where: { id: candidate.id, attempts: candidate.attempts, ...dueWhere(at) },
        data: {
          status: "FAILED",
          lockedUntil: null,
          lastError: "Interrupted: the sender stopped during the last attempt (lease expired)",
        },
      });
      return "gave-up";
    }
    // Compare-and-set: the row must still be due and unchanged since we read it.
    const { count } = await tx.outboxMail.updateMany({
      where: { id: candidate.id, attempts: candidate.attempts, ...dueWhere(at) },
      data: {
        status: "SENDING",
        lockedUntil: new Date(at.getTime() + LEASE_MS),
        attempts: candidate.attempts + 1,
      },
    });
    if (count !== 1) return "skipped";
    const mail = await tx.outboxMail.findUniqueOrThrow({
      where: { id: candidate.id },
      include: { attachments: { orderBy: { id: "asc" } } },
    });
    if (!mail.linkKind) return mail;
    return withMintedLink(tx, mail, at);
  });
}

/** The claimed mail with its link minted and filled in, in memory only; "gave-up" when no link may be made. */
async function withMintedLink(tx: Tx, mail: ClaimedMail, at: Date): Promise<ClaimedMail | "gave-up"> {
  const minted =
    isMailedLinkKind(mail.linkKind) && mail.linkUserId
      ? await mintMailedLink(tx, { kind: mail.linkKind, userId: mail.linkUserId, issuedById: mail.linkIssuedById }, at)
      : { ok: false as const, reason: `Lien non créé : type de lien inconnu (${mail.linkKind}).` };
  if (!minted.ok) {
    await tx.outboxMail.update({
      where: { id: mail.id },
      data: { status: "FAILED", lockedUntil: null, lastError: minted.reason },
    });
    return "gave-up";
  }
  const messageId = generateMessageId();
  await tx.outboxMail.update({ where: { id: mail.id }, data: { messageId } });
  return {
    ...mail,
    messageId,
    textBody: fillMailedLink(mail.textBody, minted.token, minted.expiresAt),
    htmlBody: fillMailedLink(mail.htmlBody, minted.token, minted.expiresAt),
  };
}

async function send(transport: MailTransport, mail: ClaimedMail, from: string) {
  const cc = parseAddresses(mail.ccAddresses);
  return transport.sendMail({
    messageId: mail.messageId,
    from,
    to: parseAddresses(mail.toAddresses),
    cc: cc.length > 0 ? cc : undefined,
    // Stored on one line by enqueueMail; a row written before that rule must not break the header.
    subject: oneLine(mail.subject),
    text: mail.textBody,
    html: mail.htmlBody,
    date: mail.createdAt,
    attachments: mail.attachments.map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.contentType,
      content: Buffer.from(attachment.content),
    })),
    headers: { "Auto-Submitted": "auto-generated" },
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
  });
}

export async function deliverDueMails({
  transport,
  now = clockNow,
  batchSize = 20,
  from = process.env.MAIL_FROM || DEFAULT_MAIL_FROM,
}: {
  /** null: no SMTP server configured, mails are kept locally. */
  transport: MailTransport | null;
  now?: () => Date;
  /** At most this many mails are sent per call. */
  batchSize?: number;
  from?: string;
}): Promise<DeliveryCounts> {
  const counts: DeliveryCounts = { sent: 0, failed: 0, kept: 0 };
  if (!transport) {
    counts.kept = await keepLocally(now());
    return counts;
  }

  for (let i = 0; i < batchSize; i++) {
    const mail = await claimNext(now());
    if (mail === "none") break;
    if (mail === "skipped") continue;
    if (mail === "gave-up") {
      counts.failed++;
      continue;
    }
    try {
      const info = await send(transport, mail, from);
      const rejected: string[] = info.rejected ?? [];
      // Once any recipient has it, it is SENT, whoever marks it: a sender that lost its lease
      // and still succeeded must also stop further resends.
      await prisma.outboxMail.updateMany({
        where: { id: mail.id, status: { in: ["SENDING", "PENDING", "FAILED"] } },
        data: {
          status: "SENT",
          sentAt: now(),
          lockedUntil: null,
          lastError: rejected.length > 0 ? shortError(`Recipients refused: ${rejected.join(", ")}`) : null,
        },
      });
      counts.sent++;
    } catch (error) {
      counts.failed++;
      const at = now();
      const giveUp = mail.attempts >= MAX_ATTEMPTS || isPermanent(error);
      await prisma.outboxMail.updateMany({
        // Only if our claim still stands (attempts is the claim's fencing token).
        where: { id: mail.id, status: "SENDING", attempts: mail.attempts },
        data: giveUp
          ? { status: "FAILED", lockedUntil: null, lastError: shortError(error) }
          : {
              status: "PENDING",
              lockedUntil: null,
              lastError: shortError(error),
              nextAttemptAt: new Date(at.getTime() + backoffMs(mail.attempts)),
            },
      });
    }
  }
  return counts;
}
