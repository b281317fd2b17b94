/**
 * The one addressing policy (decision 023): who receives the domains' mails. A domain names its
 * audience as data (organisations, roles, mailboxes); this module alone decides which addresses
 * that means, so a rule like "not before the invitation is accepted" holds for every mail.
 */
import type { Tx } from "~/utils/db.server";

/** Whom a mail is for: the people of some organisations who hold some roles, and perhaps their mailboxes. */
export type Audience = {
  /** The organisations, by id, code or kind; omitted: every organisation. An empty list means none. */
  organisationIds?: readonly string[];
  organisationCodes?: readonly string[];
  organisationKind?: string;
  /** The roles that receive it; omitted: every person of the organisations. */
  roles?: readonly string[];
  /** The organisations' functional mailboxes too, listed before the people. */
  mailboxes?: boolean;
};

/** Each address once, compared case-insensitively and without surrounding spaces; blanks dropped. */
export function uniqueAddresses(addresses: readonly (string | null | undefined)[]): string[] {
  return [...new Set(addresses.filter((a): a is string => Boolean(a?.trim())).map((a) => a.trim().toLowerCase()))];
}

/**
 * The addresses of the audiences, deduplicated: active people who have set their password (an
 * invitation not yet accepted receives nothing), of active organisations, holding one of the
 * roles; with `mailboxes`, the organisations' own addresses first. People come by address.
 */
export async function addressesOf(tx: Tx, ...audiences: Audience[]): Promise<string[]> {
  const addresses: string[] = [];
  for (const audience of audiences) {
    const { organisationIds, organisationCodes, organisationKind, roles, mailboxes } = audience;
    if (organisationIds?.length === 0 || organisationCodes?.length === 0 || roles?.length === 0) continue;
    const organisation = {
      active: true,
      ...(organisationIds ? { id: { in: [...organisationIds] } } : {}),
      ...(organisationCodes ? { code: { in: [...organisationCodes] } } : {}),
      ...(organisationKind ? { kind: organisationKind } : {}),
    };
    if (mailboxes) {
      const found = await tx.organisation.findMany({
        where: organisation,
        select: { email: true },
        orderBy: { code: "asc" },
      });
      addresses.push(...found.flatMap((o) => (o.email ? [o.email] : [])));
    }
    const people = await tx.user.findMany({
      where: {
        active: true,
        passwordHash: { not: null },
        organisation,
        ...(roles ? { roles: { some: { role: { in: [...roles] } } } } : {}),
      },
      select: { email: true },
      orderBy: { email: "asc" },
    });
    addresses.push(...people.map((p) => p.email));
  }
  return uniqueAddresses(addresses);
}

/**
 * The people of `audience` (no mailboxes), per organisation id: what addressesOf answers for
 * each organisation alone, in one query for all of them (a mailing about 200 records).
 */
export async function addressesByOrganisation(
  tx: Tx,
  audience: Omit<Audience, "mailboxes" | "organisationCodes" | "organisationKind"> & {
    organisationIds: readonly string[];
  },
): Promise<Map<string, string[]>> {
  const byOrganisation = new Map<string, string[]>(audience.organisationIds.map((id) => [id, []]));
  if (audience.organisationIds.length === 0 || audience.roles?.length === 0) return byOrganisation;
  const people = await tx.user.findMany({
    where: {
      active: true,
      passwordHash: { not: null },
      organisation: { active: true, id: { in: [...new Set(audience.organisationIds)] } },
      ...(audience.roles ? { roles: { some: { role: { in: [...audience.roles] } } } } : {}),
    },
    select: { email: true, organisationId: true },
    orderBy: { email: "asc" },
  });
  for (const person of people) byOrganisation.get(person.organisationId)?.push(person.email);
  for (const [id, addresses] of byOrganisation) byOrganisation.set(id, uniqueAddresses(addresses));
  return byOrganisation;
}
