/** Read-side queries on organisations and people used by the dashboards and the admin pages. */
import { sql } from "kysely";
import { prisma } from "~/utils/db.server";
import { compiledOnce } from "~/utils/read-db.server";
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
  const rows = await organisationsOfKinds({ kinds: JSON.stringify(kinds), activeOnly: activeOnly ? 1 : 0 });
  const byCodeThenName = (a: (typeof rows)[number], b: (typeof rows)[number]) =>
    (a.departementCode ?? "").localeCompare(b.departementCode ?? "") || a.name.localeCompare(b.name, "fr");
  return kinds
    .map((kind) => ({
      kind,
      organisations: rows
        .filter((row) => row.kind === kind)
        .sort(byCodeThenName)
        .map((row) => ({ ...row, active: row.active === 1 })),
    }))
    .filter((group) => group.organisations.length > 0);
}

// The kinds as one JSON array value: the statement keeps one shape whatever their number.
const organisationsOfKinds = compiledOnce((db, args: { kinds: string; activeOnly: number }) =>
  db
    .selectFrom("Organisation")
    .select(["id", "code", "name", "shortName", "kind", "departementCode", "active"])
    .where("kind", "in", sql<string>`(SELECT value FROM json_each(${args.kinds}))`)
    .where((eb) => eb.or([eb(eb.val(args.activeOnly), "=", 0), eb("active", "=", 1)])),
);

export async function organisationWithDepartement(organisationId: string) {
  return prisma.organisation.findUniqueOrThrow({
    where: { id: organisationId },
    include: { departement: true, parent: true },
  });
}
