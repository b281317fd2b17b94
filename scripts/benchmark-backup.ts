/**
 * Backup, restore and WAL figures (decision 016):   tsx scripts/benchmark-backup.ts [seconds]
 * On a fresh database, writes through the app's write path (an audit entry, then a workflow
 * created and moved on) for `seconds` (default 60) with the worker loop running as in the
 * server, sampling the WAL file's size; then an idle tick; then `npm run backup` in its own
 * process while writes go on (write latency measured meanwhile), and `npm run restore` of that
 * backup into a fresh folder. Prints a Markdown report.
 */
import { spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { freshBenchDatabase } from "./bench-database";
import { percentile, printReport, report } from "./bench-report";

const seconds = Number(process.argv[2] ?? 60);
const { dir: DIR, file: dbFile } = await freshBenchDatabase("bench-backup");

const { prisma, writeTransaction } = await import("~/utils/db.server");
const { audit } = await import("~/modules/journal/audit.server");
const { registerClosableWorkflow } = await import("../test/support/closable-workflow");
const { startWorkflow, applyEvent } = await import("~/modules/workflow/engine.server");
const { startWorker } = await import("~/modules/scheduler/worker.server");
const { JOURNAL_SIZE_LIMIT_BYTES } = await import("../prisma/sqlite-adapter");

registerClosableWorkflow("bench-sauvegarde");
const actor = { id: "bench", label: "Banc d'essai" };
const note = "x".repeat(400); // a realistic audit payload

const walBytes = () => (existsSync(`${dbFile}-wal`) ? statSync(`${dbFile}-wal`).size : 0);
const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(2)} MB`;

/** One unit of work: three write transactions, as a person's action would cause. */
async function writeOnce(n: number) {
  await audit({ actor, action: "bench.ecriture", entityType: "Bench", data: { n, note } });
  const wf = await writeTransaction((tx) => startWorkflow(tx, { type: "bench-sauvegarde", actor, input: { note } }));
  await applyEvent({ workflowId: wf.id, event: { type: "CLORE" }, actor });
}

async function writeFor(ms: number, onSample?: () => void) {
  const latencies: number[] = [];
  const end = performance.now() + ms;
  let n = 0;
  while (performance.now() < end) {
    const started = performance.now();
    await writeOnce(n++);
    latencies.push(performance.now() - started);
    onSample?.();
    await new Promise((r) => setImmediate(r));
  }
  return latencies;
}

// --- WAL during a stretch of writes, with the worker loop as in the server ---------------
const worker = startWorker({ intervalMs: 5_000 });
let walMax = 0;
const sampler = setInterval(() => (walMax = Math.max(walMax, walBytes())), 100);
const writes = await writeFor(seconds * 1000);
clearInterval(sampler);
report(
  `Writes for ${seconds} s (audit + workflow start + event, 3 transactions each)`,
  `${writes.length} units, p50 ${percentile(writes, 50).toFixed(1)} ms, p99 ${percentile(writes, 99).toFixed(1)} ms`,
);
report("WAL file, largest size seen during the writes", mb(walMax));
report("WAL file when the writes stop", mb(walBytes()));
await new Promise((r) => setTimeout(r, 6_000)); // one worker interval with nothing to do
report("WAL file after one idle worker tick", mb(walBytes()));
report("journal_size_limit", mb(JOURNAL_SIZE_LIMIT_BYTES));
await worker.stop();

// --- backup in its own process while writes go on -----------------------------------------
function run(script: string, args: string[], database: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string; ms: number }>((resolvePromise) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
      env: { ...process.env, DATABASE_URL: `file:${database}` },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("exit", (code) => resolvePromise({ code, stdout, stderr, ms: performance.now() - started }));
  });
}
report("Database size", mb(statSync(dbFile).size));
const baseline = await writeFor(5_000);
const backupFile = `${DIR}/sauvegarde.db`;
let backupDone = false;
const backupRun = run("scripts/backup.ts", [backupFile], dbFile).then((result) => {
  backupDone = true;
  return result;
});
const during: number[] = [];
while (!backupDone) during.push(...(await writeFor(200)));
const backup = await backupRun;
if (backup.code !== 0) throw new Error(backup.stderr);
const inner = /en (\d+) ms/.exec(backup.stdout)?.[1];
report(
  "npm run backup (whole process, tsx start included)",
  `${Math.round(backup.ms)} ms; copy + checks ${inner} ms; file ${mb(statSync(backupFile).size)}`,
);
report(
  "Write latency without a backup (p50 / p99 / max)",
  `${percentile(baseline, 50).toFixed(1)} / ${percentile(baseline, 99).toFixed(1)} / ${Math.max(...baseline).toFixed(1)} ms`,
);
report(
  "Write latency while the backup runs (p50 / p99 / max)",
  `${percentile(during, 50).toFixed(1)} / ${percentile(during, 99).toFixed(1)} / ${Math.max(...during).toFixed(1)} ms (${during.length} units)`,
);

const restored = `${DIR}/restauration/app.db`;
const restore = await run("scripts/restore.ts", [backupFile], restored);
if (restore.code !== 0) throw new Error(restore.stderr);
report(
  "npm run restore into a fresh folder (whole process)",
  `${Math.round(restore.ms)} ms; checks + copy ${/en (\d+) ms/.exec(restore.stdout)?.[1]} ms`,
);

await prisma.$disconnect();
printReport("value");
