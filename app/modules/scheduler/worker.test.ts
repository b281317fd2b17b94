import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { prisma, writeTransaction, type Tx } from "~/utils/db.server";
import { scheduleJob, retryJob, cancelJob } from "./jobs.server";
import { registerJobHandler, type JobContext, type JobNature } from "./registry.server";
import { PermanentJobError, retryDelayMs, runDueJobs, startWorker } from "./worker.server";

const T0 = new Date("2026-03-02T08:00:00.000Z");
let time = T0;
const now = () => time;
const advance = (ms: number) => (time = new Date(time.getTime() + ms));

let unregister: Array<() => void> = [];
let seq = 0;
const uniqueKind = (name: string) => `test.${name}.${++seq}`;

/** The handler's visible side effect: one Setting row per run, key `effect:<jobId>:<n>`. */
async function writeEffect(tx: Tx, jobId: string, value = "") {
  await tx.setting.create({ data: { key: `effect:${jobId}:${Math.random().toString(36).slice(2)}`, value } });
}
const effects = (jobId: string) => prisma.setting.count({ where: { key: { startsWith: `effect:${jobId}:` } } });

function register(
  kind: string,
  handler: (tx: Tx, payload: unknown, context: JobContext) => Promise<void>,
  nature: JobNature = "deadline",
) {
  unregister.push(registerJobHandler(kind, nature, handler));
}

function schedule(kind: string, dueAt: Date, payload: unknown = {}, maxAttempts?: number) {
  return writeTransaction((tx) =>
    scheduleJob(tx, { kind, dueAt, payload, idempotencyKey: `${kind}:${dueAt.toISOString()}:${++seq}`, maxAttempts }),
  );
}

const job = (id: string) => prisma.scheduledJob.findUniqueOrThrow({ where: { id } });
/** The job failed at its first attempt, for this reason, and is not retried. */
const expectFailedAtOnce = async (id: string, lastError: string) =>
  expect(await job(id)).toMatchObject({ status: "FAILED", attempts: 1, lastError });

beforeEach(() => {
  time = T0;
});
afterEach(async () => {
  unregister.forEach((fn) => fn());
  unregister = [];
  // Leave no due job behind for the next test's runDueJobs.
  await prisma.scheduledJob.updateMany({ where: { status: "PENDING" }, data: { status: "CANCELLED" } });
});

describe("runDueJobs", () => {
  test("a job that fell due while nothing ran runs exactly once when two workers restart together", async () => {
    const kind = uniqueKind("downtime");
    register(kind, async (tx, _payload, { job }) => writeEffect(tx, job.id));
    const scheduled = await schedule(kind, new Date(T0.getTime() - 3 * 60 * 60_000));

    const [a, b] = await Promise.all([runDueJobs({ now }), runDueJobs({ now })]);

    expect(a.done + b.done).toBe(1);
    expect(a.skipped + b.skipped).toBe(1);
    expect(await effects(scheduled.id)).toBe(1);
    expect(await job(scheduled.id)).toMatchObject({ status: "DONE", completedAt: T0, attempts: 1, lastError: null });
  });

  test("two worker loops started at the same time run an overdue job once", async () => {
    const kind = uniqueKind("two-loops");
    register(kind, async (tx, _payload, { job }) => writeEffect(tx, job.id));
    const scheduled = await schedule(kind, new Date(T0.getTime() - 60_000));

    const workers = [
      startWorker({ now, intervalMs: 20, log: () => {} }),
      startWorker({ now, intervalMs: 20, log: () => {} }),
    ];
    await vi.waitFor(async () => expect((await job(scheduled.id)).status).toBe("DONE"), {
      timeout: 5_000,
      interval: 10,
    });
    await new Promise((resolve) => setTimeout(resolve, 60)); // a few more ticks of both loops
    await Promise.all(workers.map((worker) => worker.stop()));

    expect(await effects(scheduled.id)).toBe(1);
  });

  test("a job that is not yet due waits until the clock passes its due date", async () => {
    const kind = uniqueKind("later");
    const seen: JobContext[] = [];
    let payloadSeen: unknown;
    register(kind, async (tx, payload, context) => {
      seen.push(context);
      payloadSeen = payload;
      await writeEffect(tx, context.job.id);
    });
    const dueAt = new Date(T0.getTime() + 10 * 60_000);
    const scheduled = await schedule(kind, dueAt, { dossier: "d-42", rappel: 2 });

    expect(await runDueJobs({ now })).toEqual({ done: 0, retried: 0, failed: 0, skipped: 0, dropped: 0 });
    advance(10 * 60_000 - 1);
    expect((await runDueJobs({ now })).done).toBe(0);
    expect(await effects(scheduled.id)).toBe(0);

    advance(1);
    expect(await runDueJobs({ now })).toEqual({ done: 1, retried: 0, failed: 0, skipped: 0, dropped: 0 });
    expect(await effects(scheduled.id)).toBe(1);
    expect(payloadSeen).toEqual({ dossier: "d-42", rappel: 2 });
    expect(seen).toEqual([{ now: dueAt, job: { id: scheduled.id, kind, dueAt, attempts: 0 } }]);
  });

  test("a deadline whose time had long passed when it was scheduled runs at once, however late", async () => {
    const kind = uniqueKind("deadline-late");
    register(kind, async (tx, _payload, { job }) => writeEffect(tx, job.id), "deadline");
    const scheduled = await schedule(kind, new Date(T0.getTime() - 40 * 86_400_000));

    expect(await runDueJobs({ now })).toMatchObject({ done: 1, dropped: 0 });
    expect(await effects(scheduled.id)).toBe(1);
    expect(await job(scheduled.id)).toMatchObject({ status: "DONE", completedAt: T0 });
  });

  test("a reminder whose moment passed more than two hours ago is dropped and recorded, never sent late", async () => {
    const kind = uniqueKind("reminder-late");
    const log = vi.fn();
    register(kind, async (tx, _payload, { job }) => writeEffect(tx, job.id), "reminder");
    const stale = await schedule(kind, new Date(T0.getTime() - 2 * 60 * 60_000 - 1));
    const onTime = await schedule(kind, new Date(T0.getTime() - 2 * 60 * 60_000));

    expect(await runDueJobs({ now, log })).toEqual({ done: 1, retried: 0, failed: 0, skipped: 0, dropped: 1 });
    expect(await effects(stale.id)).toBe(0);
    expect(await job(stale.id)).toMatchObject({
      status: "DROPPED",
      completedAt: T0,
      attempts: 0,
      lastError: expect.stringContaining("Rappel non envoyé : prévu le"),
    });
    expect(await effects(onTime.id)).toBe(1);
    // Dropped for good: a later tick does not pick it up again.
    advance(60_000);
    expect(await runDueJobs({ now })).toMatchObject({ done: 0, dropped: 0 });
    expect(log).not.toHaveBeenCalled();
  });

  test("a job kind cannot be registered without declaring its nature", () => {
    expect(() => registerJobHandler(uniqueKind("no-nature"), "rappel" as JobNature, async () => {})).toThrow(
      "must declare its nature",
    );
  });

  test("due jobs run in due-date order, at most `limit` per call", async () => {
    const kind = uniqueKind("order");
    const ran: string[] = [];
    register(kind, async (_tx, payload) => {
      ran.push((payload as { name: string }).name);
    });
    await schedule(kind, new Date(T0.getTime() - 1_000), { name: "third" });
    await schedule(kind, new Date(T0.getTime() - 3_000), { name: "first" });
    await schedule(kind, new Date(T0.getTime() - 2_000), { name: "second" });
    await schedule(kind, new Date(T0.getTime() + 1_000), { name: "not due" });

    expect((await runDueJobs({ now, limit: 2 })).done).toBe(2);
    expect((await runDueJobs({ now, limit: 2 })).done).toBe(1);
    expect(ran).toEqual(["first", "second", "third"]);
  });

  test("the event loop turns between two jobs of a batch", async () => {
    const kind = uniqueKind("yield");
    let timerFired = false;
    const firedBefore: boolean[] = [];
    register(kind, async () => {
      firedBefore.push(timerFired);
    });
    for (let n = 0; n < 6; n++) await schedule(kind, new Date(T0.getTime() - n));
    setTimeout(() => (timerFired = true), 0);
    expect((await runDueJobs({ now })).done).toBe(6);
    // Without a yield the timer could only fire once the whole batch had run.
    expect(firedBefore.at(-1)).toBe(true);
  });

  test("a failing handler's writes are rolled back, then it is retried with backoff until it fails for good", async () => {
    const kind = uniqueKind("flaky");
    let broken = true;
    register(kind, async (tx, _payload, { job }) => {
      await writeEffect(tx, job.id);
      if (broken) throw new Error(`Dossier introuvable (essai ${job.attempts + 1})`);
    });
    const log = vi.fn();
    const scheduled = await schedule(kind, T0, {}, 3);

    expect(await runDueJobs({ now, log })).toEqual({ done: 0, retried: 1, failed: 0, skipped: 0, dropped: 0 });
    expect(await effects(scheduled.id)).toBe(0);
    expect(await job(scheduled.id)).toMatchObject({
      status: "PENDING",
      attempts: 1,
      lastError: "Dossier introuvable (essai 1)",
      dueAt: new Date(T0.getTime() + 30_000),
    });
    expect(log).toHaveBeenCalledWith(expect.stringContaining("will be retried after attempt 1/3"), expect.any(Error));

    // Not due again before the backoff has elapsed.
    advance(29_999);
    expect((await runDueJobs({ now })).retried).toBe(0);
    advance(1);
    expect((await runDueJobs({ now })).retried).toBe(1);
    expect(await job(scheduled.id)).toMatchObject({ attempts: 2, dueAt: new Date(time.getTime() + 60_000) });

    advance(60_000);
    expect(await runDueJobs({ now })).toEqual({ done: 0, retried: 0, failed: 1, skipped: 0, dropped: 0 });
    const failed = await job(scheduled.id);
    expect(failed).toMatchObject({
      status: "FAILED",
      attempts: 3,
      lastError: "Dossier introuvable (essai 3)",
      completedAt: null,
    });
    expect(await effects(scheduled.id)).toBe(0);

    // A failed job stays put…
    advance(24 * 60 * 60_000);
    expect((await runDueJobs({ now })).done).toBe(0);

    // …until an administrator retries it, once the cause is fixed.
    broken = false;
    const retried = await retryJob(scheduled.id, now);
    expect(retried).toMatchObject({ status: "PENDING", attempts: 0, dueAt: time });
    expect(await runDueJobs({ now })).toEqual({ done: 1, retried: 0, failed: 0, skipped: 0, dropped: 0 });
    expect(await effects(scheduled.id)).toBe(1);
    expect(await job(scheduled.id)).toMatchObject({ status: "DONE", completedAt: time });
    expect(await retryJob(scheduled.id, now)).toBeNull(); // only FAILED jobs can be retried
  });

  test("the backoff doubles from 30 seconds and stops growing at one hour", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(retryDelayMs)).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000,
    ]);
  });

  test("a very long error message is truncated", async () => {
    const kind = uniqueKind("verbose");
    register(kind, async () => {
      throw new Error("x".repeat(10_000));
    });
    const scheduled = await schedule(kind, T0);
    await runDueJobs({ now });
    expect((await job(scheduled.id)).lastError).toHaveLength(2_000);
  });

  test("a job of an unknown kind fails at once with a clear error", async () => {
    const scheduled = await schedule("test.nobody-handles-this", T0);
    expect(await runDueJobs({ now })).toEqual({ done: 0, retried: 0, failed: 1, skipped: 0, dropped: 0 });
    await expectFailedAtOnce(scheduled.id, 'No handler is registered for job kind "test.nobody-handles-this"');
  });

  test("a handler that throws PermanentJobError fails the job without retries", async () => {
    const kind = uniqueKind("permanent");
    register(kind, async () => {
      throw new PermanentJobError("Le dossier a été supprimé");
    });
    const scheduled = await schedule(kind, T0);
    expect((await runDueJobs({ now })).failed).toBe(1);
    await expectFailedAtOnce(scheduled.id, "Le dossier a été supprimé");
  });

  test("a cancelled job does not run", async () => {
    const kind = uniqueKind("cancelled");
    register(kind, async (tx, _payload, { job }) => writeEffect(tx, job.id));
    const scheduled = await schedule(kind, T0);
    expect(await writeTransaction((tx) => cancelJob(tx, scheduled.idempotencyKey))).toBe(true);
    expect((await runDueJobs({ now })).done).toBe(0);
    expect(await effects(scheduled.id)).toBe(0);
  });
});

describe("a job kind's preparation", () => {
  test("runs before the job's transaction, and what it returns reaches the handler", async () => {
    const kind = uniqueKind("prepared");
    const seen: unknown[] = [];
    unregister.push(
      registerJobHandler(
        kind,
        "deadline",
        async (tx, _payload, { job, prepared }) => {
          seen.push(prepared);
          await writeEffect(tx, job.id);
        },
        async (payload) => {
          // Outside any transaction: opening one here would throw NestedTransactionError inside it.
          await writeTransaction(async () => {});
          return { built: (payload as { n: number }).n * 2 };
        },
      ),
    );
    const scheduled = await schedule(kind, T0, { n: 21 });
    expect(await runDueJobs({ now })).toMatchObject({ done: 1 });
    expect(seen).toEqual([{ built: 42 }]);
    expect(await effects(scheduled.id)).toBe(1);
  });

  test("a failed preparation is a failed attempt: the handler does not run and the job is retried", async () => {
    const kind = uniqueKind("unprepared");
    let ran = 0;
    unregister.push(
      registerJobHandler(
        kind,
        "deadline",
        async () => {
          ran += 1;
        },
        async () => {
          throw new Error("fichiers impossibles à produire");
        },
      ),
    );
    const scheduled = await schedule(kind, T0);
    expect(await runDueJobs({ now })).toMatchObject({ retried: 1, done: 0 });
    expect(ran).toBe(0);
    expect(await job(scheduled.id)).toMatchObject({
      status: "PENDING",
      attempts: 1,
      lastError: "fichiers impossibles à produire",
    });
  });
});

describe("startWorker", () => {
  test("catches up at start: jobs that fell due while it was stopped run without waiting for the interval", async () => {
    const kind = uniqueKind("catch-up");
    register(kind, async (tx, _payload, { job }) => writeEffect(tx, job.id));
    const scheduled = await schedule(kind, new Date(T0.getTime() - 60 * 60_000));
    let ticks = 0;

    const worker = startWorker({ now, intervalMs: 60_000, log: () => {}, extraTasks: [async () => ticks++] });
    await vi.waitFor(() => expect(ticks).toBe(1), { timeout: 5_000, interval: 5 });
    expect(await job(scheduled.id)).toMatchObject({ status: "DONE" });
    await worker.stop();
    expect(ticks).toBe(1);
    expect(await effects(scheduled.id)).toBe(1);
  });

  test("runs every extra task on each tick, survives one that throws, and stops ticking once stopped", async () => {
    const kind = uniqueKind("loop");
    register(kind, async (tx, _payload, { job }) => writeEffect(tx, job.id));
    let ticks = 0;
    const logged: string[] = [];

    const worker = startWorker({
      now,
      intervalMs: 20,
      log: (message, error) => logged.push(`${message}: ${(error as Error).message}`),
      extraTasks: [
        async () => {
          throw new Error("SMTP indisponible");
        },
        async () => ticks++,
      ],
    });
    await vi.waitFor(() => expect(ticks).toBeGreaterThanOrEqual(3), { timeout: 5_000, interval: 5 });
    expect(logged.length).toBeGreaterThanOrEqual(3);
    expect(new Set(logged)).toEqual(new Set(["A worker task failed: SMTP indisponible"]));

    // Jobs scheduled while the loop runs are picked up by a later tick.
    const scheduled = await schedule(kind, T0);
    await vi.waitFor(async () => expect((await job(scheduled.id)).status).toBe("DONE"), {
      timeout: 5_000,
      interval: 10,
    });

    await worker.stop();
    const ticksAtStop = ticks;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(ticks).toBe(ticksAtStop);
    expect(await effects(scheduled.id)).toBe(1);
  });

  test("stop() waits for the tick in progress to finish", async () => {
    let finished = false;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const worker = startWorker({
      now,
      intervalMs: 10_000,
      log: () => {},
      extraTasks: [
        async () => {
          started();
          await new Promise((resolve) => setTimeout(resolve, 100));
          finished = true;
        },
      ],
    });
    await running;
    await worker.stop();
    expect(finished).toBe(true);
  });

  test("a backlog larger than one batch is worked through without waiting for the interval", async () => {
    const kind = uniqueKind("backlog");
    register(kind, async (tx, _payload, { job }) => writeEffect(tx, job.id));
    const jobs = await Promise.all([1, 2, 3, 4, 5].map((n) => schedule(kind, new Date(T0.getTime() - n * 1_000))));

    const worker = startWorker({ now, intervalMs: 60_000, limit: 2, log: () => {} });
    await vi.waitFor(async () => expect(await prisma.scheduledJob.count({ where: { kind, status: "DONE" } })).toBe(5), {
      timeout: 5_000,
      interval: 10,
    });
    await worker.stop();
    for (const { id } of jobs) expect(await effects(id)).toBe(1);
  });

  test("a failing database read is logged and the loop keeps going", async () => {
    const logged: string[] = [];
    let calls = 0;
    vi.spyOn(prisma.scheduledJob, "findMany").mockImplementation(() => {
      calls++;
      throw new Error("disk I/O error");
    });
    const worker = startWorker({ now, intervalMs: 10, log: (message) => logged.push(message) });
    await vi.waitFor(() => expect(calls).toBeGreaterThanOrEqual(3), { timeout: 5_000, interval: 5 });
    await worker.stop();
    expect(logged[0]).toBe("Running due jobs failed");
  });
});

describe("startWorker().wake", () => {
  test("runs a tick at once instead of waiting for the interval", async () => {
    const { startWorker } = await import("./worker.server");
    let ticks = 0;
    const worker = startWorker({ intervalMs: 60_000, extraTasks: [async () => void (ticks += 1)], log: () => {} });
    await vi.waitFor(() => expect(ticks).toBe(1));
    worker.wake();
    await vi.waitFor(() => expect(ticks).toBe(2));
    await worker.stop();
  });
});
