/**
 * Run at start-up after the migrations: an empty database receives the reference data and,
 * outside production (or when DEMO_DATA is on), the demo data.
 */
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { loadReferenceData } from "./reference/load.server";
import { loadDemoData } from "./demo.server";

export async function prepareDatabase(options = { demo: env().demoData }) {
  const empty = (await prisma.organisation.count()) === 0;
  if (!empty) return { seeded: false as const, summary: "" };
  const reference = await loadReferenceData();
  const demo = options.demo ? await loadDemoData() : null;
  return {
    seeded: true as const,
    summary: `${reference.departements} départements, ${reference.organisations} organisations${demo ? `, ${demo.people} personnes de démonstration` : ""}`,
  };
}
