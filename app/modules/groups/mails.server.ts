/**
 * The work groups' mails, in French, through the one mailing path (mail/mailing.server.ts).
 */
import { queueMailing, type Mailing } from "~/modules/mail/mailing.server";
import type { Tx } from "~/utils/db.server";

const footer = (group: { name: string }) =>
  `Vous recevez ce courriel au titre du groupe de travail « ${group.name} » (échanges entre les MDPH et leurs partenaires).`;

type GroupMailing = Omit<Mailing, "template" | "footer" | "related" | "delivery"> & {
  template: string;
  group: { id: string; name: string };
  related?: { type: string; id: string };
};

const groupMailing = ({ template, subject, group, related, ...mailing }: GroupMailing): Mailing => ({
  ...mailing,
  template: `groupes.${template}`,
  subject: `[${group.name}] ${subject}`,
  footer: footer(group),
  related: related ?? { type: "GroupeDeTravail", id: group.id },
});

/** One group mail to all its recipients, copies visible. */
export function sendGroupMail(tx: Tx, mailing: GroupMailing) {
  return queueMailing(tx, groupMailing(mailing));
}

/** The same group mail sent separately to each address (distribution lists: nobody sees the others). */
export function sendGroupMailEach(tx: Tx, mailing: Omit<GroupMailing, "cc">) {
  return queueMailing(tx, { ...groupMailing(mailing), delivery: "each" });
}
