/**
 * The work groups' mails, in French. Each call writes one outbox mail inside the caller's
 * transaction; recipients without an address are dropped, and nothing is queued when nobody
 * is left.
 */
import { enqueueMail, enqueueMails } from "~/modules/mail/outbox.server";
import { renderMail } from "~/modules/mail/render.server";
import type { Tx } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { formatDate } from "~/utils/format";
import { parisInstant, type IsoDate } from "~/utils/working-days";
import { unique } from "./recipients.server";

/** "mardi 15 décembre 2026" for a Paris calendar day. */
export function dayLabel(date: IsoDate) {
  return formatDate(parisInstant(date, "12:00"));
}

export async function sendGroupMail(
  tx: Tx,
  {
    template,
    to,
    cc = [],
    subject,
    paragraphs,
    group,
    link,
    idempotencyKey,
    related,
    now,
  }: {
    template: string;
    to: string[];
    cc?: string[];
    subject: string;
    paragraphs: string[];
    group: { id: string; name: string };
    /** Path inside the app for the call to action. */
    link?: { label: string; path: string };
    idempotencyKey?: string;
    related?: { type: string; id: string };
    now: Date;
  },
) {
  // Nobody left in "to" (an organisation without people yet): the copies become the recipients.
  const recipients = unique(to).length > 0 ? unique(to) : unique(cc);
  if (recipients.length === 0) return null;
  const copies = unique(cc).filter((a) => !recipients.includes(a));
  const body = renderMail({
    greeting: "Bonjour,",
    paragraphs,
    action: link ? { label: link.label, url: `${env().appUrl}${link.path}` } : undefined,
    notes: [
      `Vous recevez ce courriel au titre du groupe de travail « ${group.name} » (échanges entre les MDPH et leurs partenaires).`,
    ],
  });
  return enqueueMail(
    tx,
    {
      template: `groupes.${template}`,
      to: recipients,
      cc: copies,
      subject: `[${group.name}] ${subject}`,
      ...body,
      idempotencyKey,
      related: related ?? { type: "GroupeDeTravail", id: group.id },
    },
    () => now,
  );
}

/** The same group mail sent separately to each address (distribution lists: nobody sees the others). */
export async function sendGroupMailEach(
  tx: Tx,
  input: Omit<Parameters<typeof sendGroupMail>[1], "to" | "cc" | "idempotencyKey"> & {
    to: string[];
    idempotencyKey?: string;
  },
) {
  const body = renderMail({
    greeting: "Bonjour,",
    paragraphs: input.paragraphs,
    action: input.link ? { label: input.link.label, url: `${env().appUrl}${input.link.path}` } : undefined,
    notes: [
      `Vous recevez ce courriel au titre du groupe de travail « ${input.group.name} » (échanges entre les MDPH et leurs partenaires).`,
    ],
  });
  return enqueueMails(
    tx,
    unique(input.to).map((address) => ({
      template: `groupes.${input.template}`,
      to: [address],
      subject: `[${input.group.name}] ${input.subject}`,
      ...body,
      idempotencyKey: input.idempotencyKey ? `${input.idempotencyKey}:${address}` : undefined,
      related: input.related ?? { type: "GroupeDeTravail", id: input.group.id },
    })),
    () => input.now,
  );
}
