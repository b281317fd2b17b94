/**
 * Adds the Ségur part (scripts/benchmark-segur.ts) to an existing bench database, once:
 * `npx tsx scripts/bench-segur-data.ts [file]` (default data/bench/bench.db, the file `npm run
 * bench` builds). For a database built before the Ségur part existed, without rebuilding the
 * rest; `npm run bench` itself builds it with everything else.
 */
import { resolve } from "node:path";
import { ms, percentile, report, timed } from "./bench-report";

const file = resolve(process.argv[2] ?? "data/bench/bench.db");
process.env.DATABASE_URL = `file:${file}`;
process.env.APP_SECRET ??= "bench-secret-0123456789abcdef0123456789abcdef";
const { applyMigrations } = await import("../server/migrate");
applyMigrations();
const { composeApplication } = await import("~/composition.server");
composeApplication();
const { prisma } = await import("~/utils/db.server");
const { BENCH_SEGUR_CODE, runSegurBenchmark } = await import("./benchmark-segur");

if (await prisma.segurPilot.findUnique({ where: { code: BENCH_SEGUR_CODE(1) } })) {
  console.log(`${file} already holds the Ségur part.`);
} else {
  await runSegurBenchmark({ report, timed, ms, percentile });
}
await prisma.$disconnect();
