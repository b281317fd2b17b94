/**
 * The coordinator's network panel on the read connection (decision 021): organisations per
 * kind, people, and the départements no OPALES exploitation centre serves yet.
 */
import { readDb } from "~/utils/read-db.server";

/** Active organisations per kind, every person and those who activated their account, counted in SQL. */
export async function organisationOverview() {
  const db = readDb();
  const [byKind, people] = await Promise.all([
    db
      .selectFrom("Organisation")
      .select(["kind", (eb) => eb.fn.countAll<number>().as("n")])
      .where("active", "=", 1)
      .groupBy("kind")
      .execute(),
    db
      .selectFrom("User")
      .select((eb) => [
        eb.fn.countAll<number>().as("people"),
        eb.fn
          .count<number>("id")
          .filterWhere((w) => w.and([w("active", "=", 1), w("passwordHash", "is not", null)]))
          .as("activePeople"),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return {
    byKind: Object.fromEntries(byKind.map((row) => [row.kind, Number(row.n)])) as Record<string, number>,
    people: Number(people.people),
    activePeople: Number(people.activePeople),
  };
}

/** The départements no OPALES exploitation centre serves yet (the coordinator assigns them), by code. */
export async function departementsWithoutOpalesCentre() {
  return readDb()
    .selectFrom("Departement")
    .select(["code", "name"])
    .where("opalesCentre", "is", null)
    .orderBy("code", "asc")
    .execute();
}
