/**
 * The fresh database a benchmark runs on: an empty folder under data/, a migrated SQLite file
 * in it, and the environment the app's modules read. Call it before importing any of them.
 */
import { mkdirSync, rmSync } from "node:fs";
import { resolve } from "node:path";

export async function freshBenchDatabase(folder: string) {
  const dir = resolve("data", folder);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = `${dir}/bench.db`;
  process.env.DATABASE_URL = `file:${file}`;
  process.env.APP_SECRET ??= "bench-secret-0123456789abcdef0123456789abcdef";
  const { applyMigrations } = await import("../server/migrate");
  applyMigrations();
  return { dir, file };
}

/** The seed loaders, with the registries filled first: the demo data applies workflow events. */
export async function demoDataLoaders() {
  const { loadReferenceData } = await import("../seeds/reference/load.server");
  const { loadDemoData } = await import("../seeds/demo.server");
  const { composeApplication } = await import("~/composition.server");
  composeApplication();
  return { loadReferenceData, loadDemoData };
}

/** A person the benchmarks create by the thousand: the `n`th of its `prefix`, with one role. */
export function benchPerson(prefix: string, n: number, organisationId: string, passwordHash: string, role: string) {
  return {
    email: `${prefix}${n}@banc.example`,
    firstName: "Prénom",
    lastName: `Nom${n}`,
    organisationId,
    passwordHash,
    roles: { create: [{ role }] },
  };
}
