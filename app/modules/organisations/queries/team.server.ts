/**
 * An organisation's home header on the read connection (decision 021): its name, its
 * département and OPALES centre, and its active people with their roles (the MDPH's page).
 */
import { sql } from "kysely";
import { compiledOnce } from "~/utils/read-db.server";
import { isRole, ROLE_LABELS } from "~/utils/roles";

const header = compiledOnce((db, args: { organisationId: string }) =>
  db
    .selectFrom("Organisation as o")
    .leftJoin("Departement as d", "d.code", "o.departementCode")
    .select(["o.name", "d.code", "d.name as departement", "d.opalesCentre"])
    .where("o.id", "=", args.organisationId),
);

/** The organisation with its département ("Mayenne (53)") and the centre serving its OPALES base. */
export async function organisationHeader(organisationId: string) {
  const [row] = await header({ organisationId });
  if (!row) throw new Error(`No organisation ${organisationId}`);
  return {
    name: row.name,
    departement: row.code === null ? null : `${row.departement} (${row.code})`,
    opalesCentre: row.opalesCentre,
  };
}

const activePeople = compiledOnce((db, args: { organisationId: string }) =>
  db
    .selectFrom("User as u")
    .select([
      "u.id",
      "u.firstName",
      "u.lastName",
      "u.jobTitle",
      sql<string>`(SELECT json_group_array(role) FROM (SELECT r.role FROM UserRole r WHERE r.userId = u.id ORDER BY r.role))`.as(
        "roles",
      ),
    ])
    .where("u.organisationId", "=", args.organisationId)
    .where("u.active", "=", 1)
    .orderBy("u.lastName", "asc")
    .orderBy("u.firstName", "asc"),
);

/** The organisation's active people by name, with their job and roles in French. */
export async function team(organisationId: string) {
  const people = await activePeople({ organisationId });
  return people.map((p) => ({
    id: p.id,
    name: `${p.firstName} ${p.lastName}`,
    jobTitle: p.jobTitle,
    roles: (JSON.parse(p.roles) as string[])
      .filter(isRole)
      .map((r) => ROLE_LABELS[r])
      .join(", "),
  }));
}
