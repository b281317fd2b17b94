import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { loadReferenceData } from "./load.server";
import { REGIONS, regionOf } from "./regions";

/** The data statements of the migration that created the Region table. */
function migrationDataStatements(): string[] {
  const dir = resolve(__dirname, "../../prisma/migrations");
  const name = readdirSync(dir).find((entry) => entry.endsWith("_segur_regions"))!;
  const sql = readFileSync(resolve(dir, name, "migration.sql"), "utf8");
  return sql
    .split(";")
    .map((statement) => statement.replace(/^\s*--.*$/gm, "").trim())
    .filter((statement) => statement.startsWith('UPDATE "Departement"'));
}

describe("regions in the database", () => {
  it("are in a freshly migrated database before any seed", async () => {
    const regions = await prisma.region.findMany({ orderBy: { code: "asc" } });
    expect(regions.map(({ code, name }) => ({ code, name }))).toEqual(
      REGIONS.map(({ code, name }) => ({ code, name })),
    );
  });

  it("hold all 101 départements once the reference data is loaded, and a second load changes nothing", async () => {
    const first = await loadReferenceData();
    expect(first.regions).toBe(18);
    const departements = await prisma.departement.findMany({ select: { code: true, regionCode: true } });
    expect(departements).toHaveLength(101);
    for (const dep of departements) expect(dep.regionCode, dep.code).toBe(regionOf(dep.code));
    expect(await prisma.departement.count({ where: { regionCode: null } })).toBe(0);
    const before = await prisma.departement.findMany({ orderBy: { code: "asc" } });
    await loadReferenceData();
    expect(await prisma.departement.findMany({ orderBy: { code: "asc" } })).toEqual(before);
  });

  it("reach the départements of a database that had them before the migration", async () => {
    await prisma.departement.updateMany({ data: { regionCode: null } });
    for (const statement of migrationDataStatements()) await prisma.$executeRawUnsafe(statement);
    const departements = await prisma.departement.findMany({ select: { code: true, regionCode: true } });
    for (const dep of departements) expect(dep.regionCode, dep.code).toBe(regionOf(dep.code));
  });
});
