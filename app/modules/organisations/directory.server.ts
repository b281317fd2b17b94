/** Read-side queries on organisations and people used by the dashboards and the admin pages. */
import { prisma } from "~/utils/db.server";
import type { OrganisationKind } from "./kinds";

/**
 * Organisations grouped by kind, in the order of `kinds`, for the pickers (people, groups, the
 * organisation form): in each kind, by département code ("2A" after "29", overseas last), then
 * by name in French order. Empty kinds are left out.
 */
export async function organisationsByKind({
  kinds,
  activeOnly = true,
}: {
  kinds: readonly OrganisationKind[];
  activeOnly?: boolean;
}) {
  const rows = await prisma.organisation.findMany({
    where: { kind: { in: [...kinds] }, ...(activeOnly ? { active: true } : {}) },
    select: { id: true, code: true, name: true, shortName: true, kind: true, departementCode: true, active: true },
  });
  const byCodeThenName = (a: (typeof rows)[number], b: (typeof rows)[number]) =>
    (a.departementCode ?? "").localeCompare(b.departementCode ?? "") || a.name.localeCompare(b.name, "fr");
  return kinds
    .map((kind) => ({ kind, organisations: rows.filter((row) => row.kind === kind).sort(byCodeThenName) }))
    .filter((group) => group.organisations.length > 0);
}

export async function organisationWithDepartement(organisationId: string) {
  return prisma.organisation.findUniqueOrThrow({
    where: { id: organisationId },
    include: { departement: true, parent: true },
  });
}
