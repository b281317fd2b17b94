/**
 * A work group's distribution lists (compte rendu du 23/03/2007, point 6): "le circuit de
 * diffusion mail doit être dédoublé (liste MDPH, liste ADF, liste DSI des conseils généraux) ;
 * les éditeurs de logiciels doivent être introduits dans la boucle de diffusion à un moment
 * qu'il faudra déterminer pour chaque groupe de travail".
 */
import type { Tx } from "~/utils/db.server";
import { parseDistributionLists, vendorsIncluded, type VendorMoment } from "./labels";
import { addressesOf, uniqueAddresses } from "~/modules/mail/recipients.server";
import { involvedOrganisationIds, organisationPeople } from "./recipients.server";

export type { VendorMoment };

/** The organisations' mailboxes and all their people. */
const organisationsAndPeople = (tx: Tx, where: { code?: string; kind?: string }) =>
  addressesOf(tx, {
    ...(where.code ? { organisationCodes: [where.code] } : {}),
    organisationKind: where.kind,
    mailboxes: true,
  });

/**
 * The addresses of a group's distribution at a moment of its life, deduplicated:
 * - MEMBRES: the people who act in groups for the member and pilot organisations (members,
 *   pilots, MDPH directors, CNSA coordinators — not, say, a technical administrator);
 * - MDPH: the directors of every MDPH;
 * - ADF: the ADF's mailbox and people;
 * - SI_CD: the Conseils départementaux' mailboxes and people;
 * - software vendors (their mailboxes and people) once the group's `vendorsJoin` moment is
 *   reached (CREATION < VALIDATION < OUVERTURE_RFC < ADOPTION; JAMAIS never).
 */
export async function distributionRecipients(tx: Tx, groupId: string, moment: VendorMoment): Promise<string[]> {
  const group = await tx.workGroup.findUnique({
    where: { id: groupId },
    select: { distributionLists: true, vendorsJoin: true },
  });
  if (!group) return [];
  const lists = parseDistributionLists(group.distributionLists);
  const addresses: (string | null)[] = [];
  if (lists.includes("MEMBRES"))
    addresses.push(...(await organisationPeople(tx, await involvedOrganisationIds(tx, groupId))));
  if (lists.includes("MDPH"))
    addresses.push(...(await addressesOf(tx, { organisationKind: "MDPH", roles: ["DIRECTEUR_MDPH"] })));
  if (lists.includes("ADF")) addresses.push(...(await organisationsAndPeople(tx, { code: "adf" })));
  if (lists.includes("SI_CD")) addresses.push(...(await organisationsAndPeople(tx, { kind: "CONSEIL_DEPARTEMENTAL" })));
  if (vendorsIncluded(group.vendorsJoin, moment))
    addresses.push(...(await organisationsAndPeople(tx, { kind: "EDITEUR" })));
  return uniqueAddresses(addresses);
}
