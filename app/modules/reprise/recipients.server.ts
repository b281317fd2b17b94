/** Who receives the reprise mails. */
import type { Tx } from "~/utils/db.server";
import type { Application } from "../../../workflows/reprise";

async function activeEmails(tx: Tx, where: { organisationId?: string; organisationIds?: string[]; role: string }) {
  const users = await tx.user.findMany({
    where: {
      active: true,
      passwordHash: { not: null },
      roles: { some: { role: where.role } },
      ...(where.organisationIds
        ? { organisationId: { in: where.organisationIds } }
        : where.organisationId
          ? { organisationId: where.organisationId }
          : {}),
    },
    select: { email: true },
  });
  return users.map((u) => u.email);
}

export const directorsOf = (tx: Tx, organisationId: string) =>
  activeEmails(tx, { organisationId, role: "DIRECTEUR_MDPH" });
export const coordinators = (tx: Tx) => activeEmails(tx, { role: "COORDINATEUR_CNSA" });

const SERVICE_CODES: Record<Application, string> = { ITAC: "dagemo", OPALES: "men-stsi" };
const CENTRE_CODES: Record<string, string> = { RENNES: "men-stsi-rennes", VERSAILLES: "men-stsi-versailles" };

/**
 * A State service's functional mailbox and its people; for OPALES with a centre, the centre's
 * mailbox and people too (the MEN-STSI copy stays with the head office).
 */
export async function serviceRecipients(
  tx: Tx,
  application: Application,
  centre: string | null,
  options: { headOffice?: boolean } = { headOffice: true },
) {
  const codes = [
    ...(options.headOffice === false ? [] : [SERVICE_CODES[application]]),
    ...(application === "OPALES" && centre ? [CENTRE_CODES[centre]] : []),
  ];
  const organisations = await tx.organisation.findMany({
    where: { code: { in: codes }, active: true },
    select: { id: true, email: true },
  });
  const people = await activeEmails(tx, { organisationIds: organisations.map((o) => o.id), role: "SERVICE_ETAT" });
  return unique([...organisations.flatMap((o) => (o.email ? [o.email] : [])), ...people]);
}

export function unique(addresses: string[]) {
  return [...new Set(addresses.map((a) => a.toLowerCase()))];
}
