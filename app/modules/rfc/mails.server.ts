/**
 * The RFC mails, in French. One outbox mail per recipient address, each with its own
 * idempotency key (`<key>:<address>`), so that a repeated effect or job never sends twice and
 * nobody sees the other recipients' addresses.
 */
import { enqueueMails, type NewMail } from "~/modules/mail/outbox.server";
import { renderMail } from "~/modules/mail/render.server";
import type { Tx } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { formatDate } from "~/utils/format";
import { unique } from "./recipients.server";

export type RfcSummary = { id: string; number: string; title: string };

const timeFormat = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", hour: "2-digit", minute: "2-digit" });

/** "mardi 15 décembre 2026 à 18:00" (Paris). */
export function instantLabel(at: Date | string) {
  const date = new Date(at);
  return `${formatDate(date)} à ${timeFormat.format(date)}`;
}

export type RfcMailing = {
  template: string;
  to: string[];
  subject: string;
  paragraphs: string[];
  rfc?: RfcSummary;
  /** Path inside the app for the call to action. */
  link?: { label: string; path: string };
  /** Idempotency key of this mailing; the address is appended for each recipient. */
  key: string;
};

/** The mails of one mailing: the same text, one mail per address. */
export function rfcMails({ template, to, subject, paragraphs, rfc, link, key }: RfcMailing): NewMail[] {
  const body = renderMail({
    greeting: "Bonjour,",
    paragraphs,
    action: link ? { label: link.label, url: `${env().appUrl}${link.path}` } : undefined,
    notes: [
      "Ce courriel est envoyé automatiquement par Passerelles aux organisations qui participent aux appels à commentaires (RFC) des groupes de travail.",
    ],
  });
  return unique(to).map((address) => ({
    template: `rfc.${template}`,
    to: [address],
    subject: rfc ? `[${rfc.number}] ${subject}` : subject,
    ...body,
    idempotencyKey: `${key}:${address}`,
    related: rfc ? { type: "Rfc", id: rfc.id } : undefined,
  }));
}

export async function sendRfcMails(tx: Tx, { now, ...mailing }: RfcMailing & { now: Date }) {
  const mails = rfcMails(mailing);
  await enqueueMails(tx, mails, () => now);
  return mails.length;
}
