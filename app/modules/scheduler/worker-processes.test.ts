/**
 * Several processes on one SQLite file, as in production (the web server and the worker,
 * or two workers during a deployment). Each child is a small tsx script with its own
 * PrismaClient on the test database (DATABASE_URL), registering its own handler.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { now } from "~/utils/clock.server";
import { prisma, writeTransaction } from "~/utils/db.server";
import { scheduleJob } from "./jobs.server";
import { registerJobHandler } from "./registry.server";
import { runDueJobs, type RunDueJobsResult } from "./worker.server";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const here = (file: string) => JSON.stringify(pathToFileURL(resolve(root, file)).href);
const dbFile = process.env.DATABASE_URL!.replace(/^file:/, "");
const childScript = resolve(dirname(dbFile), `scheduler-child-${process.pid}.mts`);

type ChildResult = { pid: number; totals: RunDueJobsResult; errors: string[]; ms: number };

// "run": work through every due job, then report. "crash": die (SIGKILL) inside the handler,
// with the job's write transaction open.
const CHILD_SOURCE = `
import { registerJobHandler } from ${here("app/modules/scheduler/registry.server.ts")};
import { runDueJobs } from ${here("app/modules/scheduler/worker.server.ts")};
import { prisma } from ${here("app/utils/db.server.ts")};

const mode = process.env.SCHEDULER_CHILD_MODE;
registerJobHandler("test.effect", "deadline", async (tx, payload, { job }) => {
  await tx.setting.create({ data: { key: "effect:" + job.id + ":" + process.pid, value: JSON.stringify(payload) } });
});
registerJobHandler("test.crash", "deadline", async (tx, _payload, { job }) => {
  await tx.setting.create({ data: { key: "effect:" + job.id + ":" + process.pid, value: "" } });
  process.kill(process.pid, "SIGKILL");
  await new Promise(() => {});
});

await prisma.scheduledJob.count(); // open the connection before the start signal
process.send({ type: "ready" });
process.once("message", async () => {
  const totals = { done: 0, retried: 0, failed: 0, skipped: 0, dropped: 0 };
  const errors = [];
  const started = performance.now();
  try {
    for (;;) {
      const result = await runDueJobs({ limit: mode === "crash" ? 1 : 50 });
      for (const key of Object.keys(totals)) totals[key] += result[key];
      if (result.done + result.retried + result.failed + result.skipped === 0) break;
    }
  } catch (error) {
    errors.push(String(error?.stack ?? error));
  }
  const ms = Math.round(performance.now() - started);
  await prisma.$disconnect();
  process.send({ type: "result", pid: process.pid, totals, errors, ms }, () => process.exit(0));
});
`;

type Child = {
  process: ChildProcess;
  ready: Promise<void>;
  result: Promise<ChildResult>;
  exit: Promise<NodeJS.Signals | number | null>;
  stderr: () => string;
};

function startChild(mode: "run" | "crash"): Child {
  const child = spawn(process.execPath, ["--import", "tsx", childScript], {
    cwd: root, // tsx reads tsconfig.json (the "~" alias) from here
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: process.env.DATABASE_URL,
      NODE_ENV: "test",
      SCHEDULER_CHILD_MODE: mode,
    },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  child.stdout!.resume();
  const exit = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on("exit", (code, signal) => resolve(signal ?? code)),
  );
  const ready = new Promise<void>((resolve, reject) => {
    child.on("message", (message: { type: string }) => message.type === "ready" && resolve());
    void exit.then((status) => reject(new Error(`child exited (${status}) before it was ready: ${stderr}`)));
  });
  const result = new Promise<ChildResult>((resolve, reject) => {
    child.on("message", (message: ChildResult & { type: string }) => message.type === "result" && resolve(message));
    void exit.then((status) => reject(new Error(`child exited (${status}) without a result: ${stderr}`)));
  });
  result.catch(() => {}); // observed by the tests that expect a result
  return { process: child, ready, result, exit, stderr: () => stderr };
}

const children: Child[] = [];
beforeAll(() => writeFileSync(childScript, CHILD_SOURCE));
afterAll(() => {
  for (const child of children)
    if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill();
});

const effectRows = () => prisma.setting.findMany({ where: { key: { startsWith: "effect:" } }, select: { key: true } });

describe("workers in separate processes", () => {
  test("three worker processes and the app process share 200 due jobs: each runs exactly once, none hits a locked database", async () => {
    const past = new Date(now().getTime() - 60_000);
    await writeTransaction(async (tx) => {
      for (let n = 0; n < 200; n++) {
        await scheduleJob(tx, {
          kind: "test.effect",
          dueAt: new Date(past.getTime() + n),
          payload: { n },
          idempotencyKey: `effect:${n}`,
        });
      }
    });
    // The app process takes part too, with its own copy of the handler.
    const unregister = registerJobHandler("test.effect", "deadline", async (tx, payload, { job }) => {
      await tx.setting.create({ data: { key: `effect:${job.id}:${process.pid}`, value: JSON.stringify(payload) } });
    });

    const spawnedAt = performance.now();
    const workers = [startChild("run"), startChild("run"), startChild("run")];
    children.push(...workers);
    await Promise.all(workers.map((worker) => worker.ready));
    // better-sqlite3 waits for the write lock synchronously (busy_timeout): the waiting
    // process's event loop stands still meanwhile. Measure how long, here.
    let stallMs = 0;
    let lastBeat = performance.now();
    const heartbeat = setInterval(() => {
      stallMs = Math.max(stallMs, performance.now() - lastBeat - 5);
      lastBeat = performance.now();
    }, 5);
    const startedAt = performance.now();
    workers.forEach((worker) => worker.process.send("go"));

    const own: RunDueJobsResult = { done: 0, retried: 0, failed: 0, skipped: 0, dropped: 0 };
    for (;;) {
      const result = await runDueJobs({ limit: 50 });
      for (const key of Object.keys(own) as Array<keyof RunDueJobsResult>) own[key] += result[key];
      if (result.done + result.retried + result.failed + result.skipped === 0) break;
    }
    const ownMs = Math.round(performance.now() - startedAt);
    await new Promise((resolve) => setTimeout(resolve, 10)); // let a last beat measure the last gap
    clearInterval(heartbeat);
    const results = await Promise.all(workers.map((worker) => worker.result));
    const totalMs = Math.round(performance.now() - startedAt);
    await Promise.all(workers.map((worker) => worker.exit));
    unregister();

    console.log(
      `[scheduler] 200 jobs, 3 child processes + this one: children ready after ${Math.round(startedAt - spawnedAt)} ms; ` +
        `all done ${totalMs} ms after the start signal; ` +
        results
          .map((r) => `child ${r.pid}: ${r.totals.done} done, ${r.totals.skipped} skipped in ${r.ms} ms`)
          .join("; ") +
        `; app process: ${own.done} done, ${own.skipped} skipped in ${ownMs} ms, ` +
        `event loop stalled up to ${Math.round(stallMs)} ms`,
    );

    for (const worker of workers) expect(worker.stderr()).not.toMatch(/database is locked|SQLITE_BUSY|P1008|P2028/i);
    expect(results.flatMap((r) => r.errors)).toEqual([]);
    expect(results.reduce((sum, r) => sum + r.totals.done, own.done)).toBe(200);
    expect(results.reduce((sum, r) => sum + r.totals.retried + r.totals.failed, own.retried + own.failed)).toBe(0);

    const rows = await effectRows();
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((row) => row.key.split(":")[1])).size).toBe(200);
    expect(
      await prisma.scheduledJob.count({ where: { kind: "test.effect", status: "DONE", attempts: 1, lastError: null } }),
    ).toBe(200);
  }, 60_000);

  test("a worker killed inside a handler leaves no trace: the job runs again, once, in another process", async () => {
    const job = await scheduleJob(prisma, {
      kind: "test.crash",
      dueAt: new Date(now().getTime() - 1_000),
      payload: null,
      idempotencyKey: "crash:1",
    });
    const victim = startChild("crash");
    children.push(victim);
    await victim.ready;
    victim.process.send("go");
    expect(await victim.exit).toBe("SIGKILL");

    // The killed process held the write lock: SQLite released it with the process.
    expect(await prisma.scheduledJob.findUnique({ where: { id: job.id } })).toMatchObject({
      status: "PENDING",
      attempts: 0,
    });
    expect(await prisma.setting.count({ where: { key: { startsWith: `effect:${job.id}:` } } })).toBe(0);

    const unregister = registerJobHandler("test.crash", "deadline", async (tx, _payload, { job }) => {
      await tx.setting.create({ data: { key: `effect:${job.id}:${process.pid}`, value: "" } });
    });
    const startedAt = performance.now();
    expect(await runDueJobs()).toEqual({ done: 1, retried: 0, failed: 0, skipped: 0, dropped: 0 });
    expect(performance.now() - startedAt).toBeLessThan(1_000); // no wait on a stale lock
    unregister();
    expect(await prisma.setting.count({ where: { key: { startsWith: `effect:${job.id}:` } } })).toBe(1);
    expect(await prisma.scheduledJob.findUnique({ where: { id: job.id } })).toMatchObject({
      status: "DONE",
      attempts: 1,
    });
  }, 60_000);
});
