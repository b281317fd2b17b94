/**
 * The reprise procedure's mails, in French, through the one mailing path (mail/mailing.server.ts).
 * The decryption password of an OPALES delivery never appears in a mail.
 */
import { queueMailing, type Mailing } from "~/modules/mail/mailing.server";
import type { Tx } from "~/utils/db.server";

export type RequestSummary = {
  id: string;
  reference: string;
  application: string;
  organisationName: string;
  departementCode: string;
};

const REPRISE_FOOTER =
  "Ce courriel est envoyé automatiquement par Passerelles dans le cadre de l'avenant au protocole d'assistance aux MDPH (reprise des données ITAC et OPALES).";

type RepriseMailing = Omit<Mailing, "template" | "footer" | "related" | "delivery"> & {
  template: string;
  request?: RequestSummary;
};

/** A reprise mailing: tagged with the request's reference and related to it when there is one. */
export function repriseMailing({ template, subject, request, ...mailing }: RepriseMailing): Mailing {
  return {
    ...mailing,
    template: `reprise.${template}`,
    subject: request ? `[${request.reference}] ${subject}` : subject,
    footer: REPRISE_FOOTER,
    related: request ? { type: "DemandeReprise", id: request.id } : undefined,
  };
}

/** A reprise mail, queued in the caller's transaction. */
export function sendRepriseMail(tx: Tx, mailing: RepriseMailing) {
  return queueMailing(tx, repriseMailing(mailing));
}

export function describe(request: RequestSummary) {
  return `demande de reprise ${request.application} de la ${request.organisationName} (${request.reference})`;
}
