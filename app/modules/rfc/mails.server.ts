/**
 * The RFC mails, in French, through the one mailing path (mail/mailing.server.ts). One outbox
 * mail per recipient address, each with its own
 * idempotency key (`<key>:<address>`), so that a repeated effect or job never sends twice and
 * nobody sees the other recipients' addresses.
 */
import { mailsOf, queueMailing, type Mailing } from "~/modules/mail/mailing.server";
import type { NewMail } from "~/modules/mail/outbox.server";
import type { Tx } from "~/utils/db.server";
import { formatDate } from "~/utils/format";

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

const RFC_FOOTER =
  "Ce courriel est envoyé automatiquement par Passerelles aux organisations qui participent aux appels à commentaires (RFC) des groupes de travail.";

const rfcMailing = ({ template, to, subject, paragraphs, rfc, link, key }: RfcMailing): Omit<Mailing, "now"> => ({
  template: `rfc.${template}`,
  to,
  subject: rfc ? `[${rfc.number}] ${subject}` : subject,
  paragraphs,
  footer: RFC_FOOTER,
  link,
  related: rfc ? { type: "Rfc", id: rfc.id } : undefined,
  delivery: "each",
  idempotencyKey: key,
});

/** The mails of one mailing: the same text, one mail per address. */
export function rfcMails(mailing: RfcMailing): NewMail[] {
  return mailsOf(rfcMailing(mailing));
}

export function sendRfcMails(tx: Tx, { now, ...mailing }: RfcMailing & { now: Date }) {
  return queueMailing(tx, { ...rfcMailing(mailing), now });
}
