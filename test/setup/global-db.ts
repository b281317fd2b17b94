/**
 * Builds one migrated SQLite database per test run; each test file copies it
 * (test/setup/vitest.setup.ts), as the Epic Stack does. Each run has its own folder, so
 * two runs at once do not clobber each other.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    testDbDir: string;
  }
}

export default function setup(project: TestProject) {
  const dir = resolve(`data/test/run-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${dir}/base.db` },
    stdio: "pipe",
  });
  project.provide("testDbDir", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
