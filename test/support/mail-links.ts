/**
 * Reads single-use links the way a person does: the app delivers its outbox to the real test
 * SMTP server and the link is taken from the received mail (the outbox never holds it,
 * docs/decisions/010).
 */
import { deliverDueMails } from "~/modules/mail/sender.server";
import type { MailTransport } from "~/modules/mail/transport.server";
import type { ReceivedMail, TestSmtpServer } from "./smtp-server";

/** The token of a `/invitation/` or `/reinitialisation/` link in a received mail's text. */
export function tokenIn(mail: ReceivedMail, path: string) {
  const match = mail.text?.match(new RegExp(`${path}([a-z2-7]+\\.[a-z2-7]+)`));
  if (!match) throw new Error(`no ${path} link in: ${mail.text}`);
  return match[1];
}

/** Delivers what is due, then returns the token of the latest mail received by `email` with such a link. */
export async function receiveLink(
  smtp: TestSmtpServer,
  transport: MailTransport,
  email: string,
  path: string,
  now?: () => Date,
) {
  await deliverDueMails({ transport, ...(now ? { now } : {}) });
  const mail = smtp.messages.filter((m) => m.to.includes(email.toLowerCase()) && m.text?.includes(path)).at(-1);
  if (!mail) throw new Error(`no mail with ${path} received by ${email}`);
  return tokenIn(mail, path);
}
