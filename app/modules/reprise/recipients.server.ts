/**
 * Who receives the reprise mails. Audiences only; the addressing rules (active people who have set
 * their password, of active organisations) are mail/recipients.server.ts's.
 */
import { addressesOf } from "~/modules/mail/recipients.server";
import type { Tx } from "~/utils/db.server";
import type { Application } from "../../../workflows/reprise";

export const directorsOf = (tx: Tx, organisationId: string) =>
  addressesOf(tx, { organisationIds: [organisationId], roles: ["DIRECTEUR_MDPH"] });
export const coordinators = (tx: Tx) => addressesOf(tx, { roles: ["COORDINATEUR_CNSA"] });

const SERVICE_CODES: Record<Application, string> = { ITAC: "dagemo", OPALES: "men-stsi" };
const CENTRE_CODES: Record<string, string> = { RENNES: "men-stsi-rennes", VERSAILLES: "men-stsi-versailles" };

/**
 * A State service's functional mailbox and its people; for OPALES with a centre, the centre's
 * mailbox and people too (the MEN-STSI copy stays with the head office).
 */
export function serviceRecipients(
  tx: Tx,
  application: Application,
  centre: string | null,
  options: { headOffice?: boolean } = { headOffice: true },
) {
  const codes = [
    ...(options.headOffice === false ? [] : [SERVICE_CODES[application]]),
    ...(application === "OPALES" && centre ? [CENTRE_CODES[centre]] : []),
  ];
  return addressesOf(tx, { organisationCodes: codes, roles: ["SERVICE_ETAT"], mailboxes: true });
}
