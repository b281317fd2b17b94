import { copyFileSync } from "node:fs";
import { afterEach, beforeAll, beforeEach, inject, vi } from "vitest";

// Each test file runs in its own process (pool: forks) with its own copy of the migrated
// database. This runs before the file's imports, so the shared Prisma client opens the copy.
const dir = inject("testDbDir");
const file = `${dir}/file-${process.pid}-${Math.random().toString(36).slice(2)}.db`;
copyFileSync(`${dir}/base.db`, file);
process.env.DATABASE_URL = `file:${file}`;
process.env.APP_SECRET ??= "test-secret-0123456789abcdef0123456789abcdef";
process.env.APP_URL ??= "http://localhost:3000";
// Every test file starts at the same instant, whatever today is (app/utils/clock.server.ts).
process.env.PASSERELLES_CLOCK_START ??= "2026-12-04T09:00:00Z";

// The registries, filled as the app's entries fill them (app/composition.server.ts), but only in
// the files that use one: loading every domain costs seconds per file, and most files need none.
// A registry module imported by the file (or by what it imports) marks the file; the root then
// composes before its first hook, so a workflow, job kind or calendar source missing from the root
// fails there as it would in the app ("Unknown workflow type … was it loaded?").
const registries = vi.hoisted(() => ({ used: false }));
const markUsed = async (importOriginal: () => Promise<unknown>) => {
  registries.used = true;
  return importOriginal();
};
vi.mock("~/modules/workflow/definition.server", (importOriginal) => markUsed(importOriginal));
vi.mock("~/modules/scheduler/registry.server", (importOriginal) => markUsed(importOriginal));
vi.mock("~/modules/calendar/providers.server", (importOriginal) => markUsed(importOriginal));
let composed = false;
async function composeIfUsed() {
  if (!registries.used || composed) return;
  composed = true;
  // Imported only now, once the environment above points the shared client at this file's database.
  const { composeApplication } = await import("~/composition.server");
  composeApplication();
}
beforeAll(composeIfUsed);
beforeEach(composeIfUsed);

// An unexpected console.error fails the test: it usually hides a real problem.
let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  if (errors.length > 0)
    throw new Error(`console.error was called: ${errors.map((e) => e.map(String).join(" ")).join("\n")}`);
});
