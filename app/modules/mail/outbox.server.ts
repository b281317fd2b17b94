/**
 * The transactional outbox: a mail is written in the same transaction as the change that
 * causes it, so a rolled-back change never sends a mail and a committed one always does
 * (eventually). The sender (sender.server.ts) delivers what is due.
 */
import { randomBytes } from "node:crypto";
import type { OutboxMail } from "~/generated/prisma/client";
import { now as clockNow } from "~/utils/clock.server";
import { prisma, type Tx } from "~/utils/db.server";
import { oneLine } from "~/utils/forms";
import { vocabulary, type CodeOf } from "~/utils/vocabulary";
import {
  holdsLiveLink,
  isMailedLinkKind,
  LINK_EXPIRY_PLACEHOLDER,
  LINK_PLACEHOLDER,
  type MailedLink,
  type MailedLinkKind,
} from "~/modules/auth/mailed-links.server";

/** A mail's statuses, as they read for administrators. */
export const MAIL_STATUS_VOCABULARY = vocabulary({
  PENDING: "En attente d'envoi",
  SENDING: "Envoi en cours",
  SENT: "Envoyé",
  FAILED: "Échec de l'envoi",
  LOCAL: "Conservé dans la boîte d'envoi locale",
});
export type MailStatus = CodeOf<typeof MAIL_STATUS_VOCABULARY>;
export const { codes: MAIL_STATUSES, labels: MAIL_STATUS_LABELS } = MAIL_STATUS_VOCABULARY;

export type MailAttachmentInput = { filename: string; contentType: string; content: Buffer | Uint8Array };

export type NewMail = {
  /** A short name of what produced the mail ("account.invitation"), for the administrators' list. */
  template: string;
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachmentInput[];
  /** A repeated key returns the mail already enqueued instead of creating a second one. */
  idempotencyKey?: string;
  related?: { type: string; id: string };
  /**
   * The mail carries a single-use link (invitation, reset): its bodies hold LINK_PLACEHOLDER
   * (and LINK_EXPIRY_PLACEHOLDER) and the sender mints the token at SMTP time. A body must
   * never hold a usable link itself (docs/decisions/010).
   */
  link?: MailedLink;
};

const DEFAULT_MESSAGE_ID_HOST = "passerelles.localhost";

// Deliberately strict: these mails go to people in public bodies, never to exotic addresses,
// and a refused address is a programming error better found before the mail is stored.
const ADDRESS =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

function normaliseAddresses(list: string[] | undefined, field: "to" | "cc", required: boolean): string[] {
  const addresses = (list ?? []).map((address) => (typeof address === "string" ? address.trim() : address));
  if (required && addresses.length === 0) throw new Error(`enqueueMail: "${field}" must list at least one address`);
  for (const address of addresses) {
    if (typeof address !== "string" || address.length > 254 || !ADDRESS.test(address) || address.includes("..")) {
      throw new Error(`enqueueMail: malformed e-mail address in "${field}": ${JSON.stringify(address)}`);
    }
  }
  // Keep the first spelling of each address, compared case-insensitively.
  const seen = new Set<string>();
  return addresses.filter((address) => {
    const key = address.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The host part of generated Message-IDs: APP_URL's host name, so receivers see who sent it. */
export function messageIdHost(appUrl = process.env.APP_URL): string {
  if (!appUrl) return DEFAULT_MESSAGE_ID_HOST;
  try {
    return new URL(appUrl).hostname || DEFAULT_MESSAGE_ID_HOST;
  } catch {
    return DEFAULT_MESSAGE_ID_HOST;
  }
}

export function generateMessageId(host = messageIdHost()): string {
  return `<${randomBytes(16).toString("hex")}@${host}>`;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/**
 * Adds a mail to the outbox. Call it with the transaction that makes the change the mail
 * announces; the mail is sent only if that transaction commits. The Message-ID is fixed here
 * so that every (re)send of this mail carries the same one.
 */
/** Checks a mail and returns its normalised recipients, subject and attachments; a malformed mail is a programming error. */
function checkedRecipients(mail: NewMail) {
  const to = normaliseAddresses(mail.to, "to", true);
  const cc = normaliseAddresses(mail.cc, "cc", false).filter(
    (address) => !to.some((other) => other.toLowerCase() === address.toLowerCase()),
  );
  if (!mail.template?.trim()) throw new Error("enqueueMail: template is required");
  // Subjects and file names are built from stored names and titles: one typed before control
  // characters were refused (or a future slip) must not make the mail, and the change that
  // announces it, fail. Header injection is impossible either way: the line breaks are gone.
  const subject = oneLine(mail.subject ?? "");
  if (!subject) throw new Error("enqueueMail: subject is required");
  const attachments = (mail.attachments ?? []).map((attachment) => {
    const filename = oneLine(attachment.filename ?? "").replace(/[/\\]/g, "-");
    if (!filename) throw new Error(`enqueueMail: invalid attachment filename ${JSON.stringify(attachment.filename)}`);
    return { ...attachment, filename };
  });
  checkSecrets(mail);
  return { to, cc, subject, attachments };
}

// The outbox is readable by administrators and ends up in backups: a usable secret link must
// never be written to it, whoever builds the mail.
function checkSecrets(mail: NewMail) {
  if ([mail.subject, mail.text, mail.html].some(holdsLiveLink)) {
    throw new Error(
      "enqueueMail: the mail holds a usable secret link; queue it with `link` and placeholders instead (docs/decisions/010)",
    );
  }
  const placeholders = [mail.subject, mail.text, mail.html].some(
    (part) => part.includes(LINK_PLACEHOLDER) || part.includes(LINK_EXPIRY_PLACEHOLDER),
  );
  if (!mail.link) {
    if (placeholders) throw new Error("enqueueMail: link placeholders without `link`");
    return;
  }
  if (!isMailedLinkKind(mail.link.kind) || !mail.link.userId)
    throw new Error(`enqueueMail: invalid link ${JSON.stringify(mail.link)}`);
  if (!mail.text.includes(LINK_PLACEHOLDER) || !mail.html.includes(LINK_PLACEHOLDER)) {
    throw new Error("enqueueMail: a mail with `link` must hold LINK_PLACEHOLDER in both bodies");
  }
}

/** The outbox row of a checked mail (attachments aside). */
function outboxRow(mail: NewMail, { to, cc, subject }: { to: string[]; cc: string[]; subject: string }, at: Date) {
  return {
    idempotencyKey: mail.idempotencyKey || null,
    messageId: generateMessageId(),
    template: mail.template,
    toAddresses: JSON.stringify(to),
    ccAddresses: JSON.stringify(cc),
    subject,
    textBody: mail.text,
    htmlBody: mail.html,
    status: "PENDING",
    attempts: 0,
    nextAttemptAt: at,
    createdAt: at,
    relatedType: mail.related?.type ?? null,
    relatedId: mail.related?.id ?? null,
    linkKind: mail.link?.kind ?? null,
    linkUserId: mail.link?.userId ?? null,
    linkIssuedById: mail.link?.issuedById ?? null,
  };
}

export async function enqueueMail(tx: Tx, mail: NewMail, now: () => Date = clockNow): Promise<OutboxMail> {
  const checked = checkedRecipients(mail);

  const idempotencyKey = mail.idempotencyKey || null;
  if (idempotencyKey) {
    const existing = await tx.outboxMail.findUnique({ where: { idempotencyKey } });
    if (existing) return existing;
  }

  const at = now();
  try {
    return await tx.outboxMail.create({
      data: {
        ...outboxRow(mail, checked, at),
        attachments: {
          create: checked.attachments.map((attachment) => ({
            filename: attachment.filename,
            contentType: attachment.contentType,
            content: new Uint8Array(attachment.content),
          })),
        },
      },
    });
  } catch (error) {
    // Only reachable when the caller did not use a write transaction and another writer
    // stored the same key in between: the other one's mail is the mail.
    if (idempotencyKey && isUniqueViolation(error)) {
      const existing = await tx.outboxMail.findUnique({ where: { idempotencyKey } });
      if (existing) return existing;
    }
    throw error;
  }
}

/** Administrators: give a FAILED mail a new round of attempts, starting now. */
export async function retryMail(id: string, { now = clockNow }: { now?: () => Date } = {}): Promise<OutboxMail | null> {
  const { count } = await prisma.outboxMail.updateMany({
    where: { id, status: "FAILED" },
    data: { status: "PENDING", attempts: 0, nextAttemptAt: now(), lockedUntil: null },
  });
  if (count === 0) return null;
  return prisma.outboxMail.findUnique({ where: { id } });
}

export type OutboxListItem = {
  id: string;
  template: string;
  to: string[];
  cc: string[];
  subject: string;
  status: MailStatus;
  statusLabel: string;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
  related: { type: string; id: string } | null;
  /** The kind of single-use link the sender adds when it sends the mail, if any. */
  linkKind: MailedLinkKind | null;
};

function parseAddresses(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
}

function toListItem(mail: OutboxMail): OutboxListItem {
  const status = mail.status as MailStatus;
  return {
    id: mail.id,
    template: mail.template,
    to: parseAddresses(mail.toAddresses),
    cc: parseAddresses(mail.ccAddresses),
    subject: mail.subject,
    status,
    statusLabel: MAIL_STATUS_VOCABULARY.labelOf(mail.status),
    attempts: mail.attempts,
    nextAttemptAt: mail.nextAttemptAt,
    lastError: mail.lastError,
    sentAt: mail.sentAt,
    createdAt: mail.createdAt,
    related: mail.relatedType && mail.relatedId ? { type: mail.relatedType, id: mail.relatedId } : null,
    linkKind: isMailedLinkKind(mail.linkKind) ? mail.linkKind : null,
  };
}

/** Administrators' view of the outbox, newest first. */
export async function listOutbox({
  status,
  take = 50,
  skip = 0,
}: { status?: MailStatus; take?: number; skip?: number } = {}): Promise<{ mails: OutboxListItem[]; total: number }> {
  const where = status ? { status } : {};
  const [rows, total] = await Promise.all([
    prisma.outboxMail.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: Math.min(Math.max(take, 1), 500),
      skip: Math.max(skip, 0),
    }),
    prisma.outboxMail.count({ where }),
  ]);
  return { mails: rows.map(toListItem), total };
}

export type OutboxMailDetail = OutboxListItem & {
  messageId: string;
  text: string;
  html: string;
  attachments: { id: string; filename: string; contentType: string; size: number }[];
};

/** One mail with its bodies, as an administrator reads it (LOCAL mails in particular). */
export async function getMail(id: string): Promise<OutboxMailDetail | null> {
  const mail = await prisma.outboxMail.findUnique({ where: { id } });
  if (!mail) return null;
  // Attachment sizes without loading their content.
  const attachments = await prisma.$queryRaw<
    { id: string; filename: string; contentType: string; size: number | bigint }[]
  >`
    SELECT "id", "filename", "contentType", length("content") AS "size"
    FROM "OutboxAttachment" WHERE "mailId" = ${id} ORDER BY "rowid"`;
  return {
    ...toListItem(mail),
    messageId: mail.messageId,
    text: mail.textBody,
    html: mail.htmlBody,
    attachments: attachments.map((attachment) => ({ ...attachment, size: Number(attachment.size) })),
  };
}

/** The content of one attachment, for a download link next to getMail's list. */
export async function getMailAttachment(mailId: string, attachmentId: string) {
  const attachment = await prisma.outboxAttachment.findFirst({ where: { id: attachmentId, mailId } });
  if (!attachment) return null;
  return {
    filename: attachment.filename,
    contentType: attachment.contentType,
    content: Buffer.from(attachment.content),
  };
}

/**
 * Adds many mails without attachments at once (a national mailing: one mail per address),
 * in two queries instead of two or three per mail, so that the write transaction that
 * announces a change to 200 organisations stays short. Mails whose idempotency key is already
 * in the outbox are skipped. Returns how many were added.
 */
export async function enqueueMails(tx: Tx, mails: NewMail[], now: () => Date = clockNow): Promise<number> {
  const checked = mails.map((mail) => {
    if (mail.attachments?.length) throw new Error("enqueueMails: use enqueueMail for mails with attachments");
    return { mail, ...checkedRecipients(mail) };
  });
  const keys = checked.map((c) => c.mail.idempotencyKey).filter((key): key is string => Boolean(key));
  const existing = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const found = await tx.outboxMail.findMany({
      where: { idempotencyKey: { in: keys.slice(i, i + 500) } },
      select: { idempotencyKey: true },
    });
    for (const row of found) existing.add(row.idempotencyKey!);
  }
  const at = now();
  const seen = new Set<string>();
  const data = checked
    .filter(({ mail }) => {
      const key = mail.idempotencyKey;
      if (!key) return true;
      if (existing.has(key) || seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map(({ mail, ...recipients }) => outboxRow(mail, recipients, at));
  if (data.length === 0) return 0;
  const { count } = await tx.outboxMail.createMany({ data });
  return count;
}
