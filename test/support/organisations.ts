/**
 * Organisations for tests that run without the reference data (seeds/reference): each creates
 * only the ones it needs.
 */
import { prisma } from "~/utils/db.server";

/** The CNAF, a partner organisation; returns its id. */
export async function createCnaf(): Promise<string> {
  const cnaf = await prisma.organisation.create({
    data: { code: "cnaf", kind: "PARTENAIRE", name: "Caisse nationale des allocations familiales", shortName: "CNAF" },
  });
  return cnaf.id;
}

/** An « MDPH d'essai » of no département, under the given code and short name. */
export function createTestMdph(code: string, shortName: string) {
  return prisma.organisation.create({ data: { code, kind: "MDPH", name: "MDPH d'essai", shortName } });
}
