import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";

/** Applies pending migrations with the Prisma CLI (JavaScript engines, nothing downloaded). */
export function applyMigrations() {
  const cli = createRequire(import.meta.url).resolve("prisma/build/index.js");
  execFileSync(process.execPath, [cli, "migrate", "deploy"], { stdio: ["ignore", "ignore", "inherit"] });
}
