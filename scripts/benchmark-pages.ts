/** The page benchmark alone (npm run bench:pages), on the database the last `npm run bench` built. */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { runPageBenchmark } from "./bench-pages";

const file = resolve("data/bench/bench.db");
if (!existsSync(file)) {
  console.error("Aucune base de banc d'essai : lancez d'abord npm run bench.");
  process.exit(1);
}
process.env.DATABASE_URL = `file:${file}`;
process.env.APP_SECRET ??= "bench-secret-0123456789abcdef0123456789abcdef";
await runPageBenchmark(file, Number(process.env.BENCH_PORT ?? 3398));
process.exit(0);
