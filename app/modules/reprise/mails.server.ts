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

/** A reprise mail: tagged with the request's reference and related to it when there is one. */
export function sendRepriseMail(
  tx: Tx,
  {
    template,
    subject,
    request,
    ...mailing
  }: Omit<Mailing, "template" | "footer" | "related" | "delivery"> & { template: string; request?: RequestSummary },
) {
  return queueMailing(tx, {
    ...mailing,
    template: `reprise.${template}`,
    subject: request ? `[${request.reference}] ${subject}` : subject,
    footer: REPRISE_FOOTER,
    related: request ? { type: "DemandeReprise", id: request.id } : undefined,
  });
}

export function describe(request: RequestSummary) {
  return `demande de reprise ${request.application} de la ${request.organisationName} (${request.reference})`;
}
