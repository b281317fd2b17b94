/**
 * The reprise procedure's mails, in French. Each function writes one outbox mail inside the
 * caller's transaction; recipients without an address are skipped, and no mail is queued
 * when nobody is left. The decryption password of an OPALES delivery never appears in a mail.
 */
import { enqueueMail, type MailAttachmentInput } from "~/modules/mail/outbox.server";
import { renderMail } from "~/modules/mail/render.server";
import type { Tx } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { formatDate } from "~/utils/format";
import { parisInstant, type IsoDate } from "~/utils/working-days";
import { unique } from "./recipients.server";

export type RequestSummary = {
  id: string;
  reference: string;
  application: string;
  organisationName: string;
  departementCode: string;
};

/** "mardi 15 décembre 2026" for a Paris calendar day. */
export function dayLabel(date: IsoDate) {
  return formatDate(parisInstant(date, "12:00"));
}

export async function sendRepriseMail(
  tx: Tx,
  {
    template,
    to,
    cc = [],
    subject,
    paragraphs,
    request,
    link,
    attachments,
    idempotencyKey,
    now,
  }: {
    template: string;
    to: string[];
    cc?: string[];
    subject: string;
    paragraphs: string[];
    request?: RequestSummary;
    /** Path inside the app for the call to action. */
    link?: { label: string; path: string };
    attachments?: MailAttachmentInput[];
    idempotencyKey?: string;
    now: Date;
  },
) {
  const recipients = unique(to.filter(Boolean));
  if (recipients.length === 0) return null;
  const copies = unique(cc.filter(Boolean)).filter((a) => !recipients.includes(a));
  const body = renderMail({
    greeting: "Bonjour,",
    paragraphs,
    action: link ? { label: link.label, url: `${env().appUrl}${link.path}` } : undefined,
    notes: [
      "Ce courriel est envoyé automatiquement par Passerelles dans le cadre de l'avenant au protocole d'assistance aux MDPH (reprise des données ITAC et OPALES).",
    ],
  });
  return enqueueMail(
    tx,
    {
      template: `reprise.${template}`,
      to: recipients,
      cc: copies,
      subject: request ? `[${request.reference}] ${subject}` : subject,
      ...body,
      attachments,
      idempotencyKey,
      related: request ? { type: "DemandeReprise", id: request.id } : undefined,
    },
    () => now,
  );
}

export function describe(request: RequestSummary) {
  return `demande de reprise ${request.application} de la ${request.organisationName} (${request.reference})`;
}
