/**
 * The one mailing path (decision 023): every domain mail goes through `queueMailing`, which
 * renders the French body, applies the addressing rules below and writes the outbox inside the
 * caller's transaction. Domains only add what is theirs: the template's prefix, the subject's tag,
 * the footer line saying why the person receives it, and the record it relates to.
 */
import { enqueueMail, enqueueMails, type MailAttachmentInput, type NewMail } from "~/modules/mail/outbox.server";
import { renderMail } from "~/modules/mail/render.server";
import type { Tx } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { uniqueAddresses } from "./recipients.server";

export type Mailing = {
  /** "reprise.transmission": the domain's prefix and the mail's name, for the administrators' list. */
  template: string;
  to: readonly (string | null | undefined)[];
  cc?: readonly (string | null | undefined)[];
  subject: string;
  paragraphs: string[];
  /** Why the person receives it, under the text. */
  footer: string;
  /** Path inside the app for the call to action. */
  link?: { label: string; path: string };
  attachments?: MailAttachmentInput[];
  related?: { type: string; id: string };
  /**
   * `together` (default): one mail to every address, copies visible, the key as given.
   * `each`: one mail per address, nobody sees the others, the key `<key>:<address>` for each.
   */
  delivery?: "together" | "each";
  idempotencyKey?: string;
  now: Date;
};

/**
 * The mails of a mailing, without writing them. Addresses are deduplicated (an address in `to` is
 * not copied again); when nobody is left in `to` (an organisation without people yet) the copies
 * become the recipients; when nobody is left at all, there is no mail.
 */
export function mailsOf(mailing: Omit<Mailing, "now">): NewMail[] {
  const to = uniqueAddresses(mailing.to);
  const cc = uniqueAddresses(mailing.cc ?? []);
  const recipients = to.length > 0 ? to : cc;
  if (recipients.length === 0) return [];
  const body = renderMail({
    greeting: "Bonjour,",
    paragraphs: mailing.paragraphs,
    action: mailing.link ? { label: mailing.link.label, url: `${env().appUrl}${mailing.link.path}` } : undefined,
    notes: [mailing.footer],
  });
  const mail = {
    template: mailing.template,
    subject: mailing.subject,
    ...body,
    attachments: mailing.attachments,
    related: mailing.related,
  };
  if (mailing.delivery === "each")
    return recipients.map((address) => ({
      ...mail,
      to: [address],
      idempotencyKey: mailing.idempotencyKey ? `${mailing.idempotencyKey}:${address}` : undefined,
    }));
  const copies = cc.filter((address) => !recipients.includes(address));
  return [{ ...mail, to: recipients, cc: copies, idempotencyKey: mailing.idempotencyKey }];
}

/** Writes the mailing's mails to the outbox in the caller's transaction; the number written (0: nobody). */
export async function queueMailing(tx: Tx, mailing: Mailing): Promise<number> {
  const mails = mailsOf(mailing);
  if (mails.length === 0) return 0;
  // enqueueMail takes attachments and answers a repeated key with the mail already queued.
  if (mails.length === 1 && mailing.delivery !== "each") {
    await enqueueMail(tx, mails[0], () => mailing.now);
    return 1;
  }
  return enqueueMails(tx, mails, () => mailing.now);
}

/**
 * Writes many mailings without attachments in the caller's transaction, in two statements
 * rather than one or two per mailing (enqueueMails): the same mails as queueMailing for each.
 * Returns how many mails were written.
 */
export async function queueMailings(tx: Tx, mailings: Mailing[]): Promise<number> {
  const mails = mailings.flatMap((mailing) => mailsOf(mailing).map((mail) => ({ mail, now: mailing.now })));
  if (mails.length === 0) return 0;
  const at = mails[0].now;
  if (mails.some((m) => m.now.getTime() !== at.getTime()))
    throw new Error("queueMailings: the mailings of one call share their instant");
  return enqueueMails(
    tx,
    mails.map((m) => m.mail),
    () => at,
  );
}
