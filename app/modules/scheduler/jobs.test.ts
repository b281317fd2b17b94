import { describe, expect, test } from "vitest";
import { prisma, writeTransaction } from "~/utils/db.server";
import { cancelJob, cancelPendingJobs, listJobs, retryJob, scheduleJob, type ScheduleJobInput } from "./jobs.server";
import { getJobHandler, registerJobHandler } from "./registry.server";

const T0 = new Date("2026-03-02T08:00:00.000Z");

/** A job due at T0 with no payload, stored outside any transaction. */
const pendingJob = (idempotencyKey: string, input: Partial<ScheduleJobInput> = {}) =>
  scheduleJob(prisma, { kind: "test.job", dueAt: T0, payload: null, idempotencyKey, ...input });

describe("scheduleJob", () => {
  test("scheduling again with the same idempotency key returns the first job unchanged", async () => {
    const first = await writeTransaction((tx) =>
      scheduleJob(tx, { kind: "test.reminder", dueAt: T0, payload: { n: 1 }, idempotencyKey: "reminder:dossier-1" }),
    );
    const again = await writeTransaction((tx) =>
      scheduleJob(tx, {
        kind: "test.other",
        dueAt: new Date(0),
        payload: { n: 2 },
        idempotencyKey: "reminder:dossier-1",
        maxAttempts: 1,
      }),
    );
    expect(again).toEqual(first);
    expect(first).toMatchObject({
      kind: "test.reminder",
      dueAt: T0,
      payload: '{"n":1}',
      status: "PENDING",
      attempts: 0,
      maxAttempts: 8,
    });
    expect(await prisma.scheduledJob.count({ where: { idempotencyKey: "reminder:dossier-1" } })).toBe(1);
  });

  test("concurrent schedulings of one key insert one job", async () => {
    const jobs = await Promise.all(
      Array.from({ length: 5 }, (_, n) =>
        writeTransaction((tx) =>
          scheduleJob(tx, { kind: "test.race", dueAt: T0, payload: n, idempotencyKey: "race:1" }),
        ),
      ),
    );
    expect(new Set(jobs.map((job) => job.id)).size).toBe(1);
    expect(await prisma.scheduledJob.count({ where: { idempotencyKey: "race:1" } })).toBe(1);
  });

  test("a job scheduled in a transaction that rolls back does not exist", async () => {
    await expect(
      writeTransaction(async (tx) => {
        await scheduleJob(tx, { kind: "test.rollback", dueAt: T0, payload: null, idempotencyKey: "rollback:1" });
        throw new Error("the change that caused it failed");
      }),
    ).rejects.toThrow("the change that caused it failed");
    expect(await prisma.scheduledJob.count({ where: { idempotencyKey: "rollback:1" } })).toBe(0);
  });

  test("rejects an invalid due date or attempt budget", async () => {
    await expect(
      scheduleJob(prisma, { kind: "test.bad", dueAt: new Date("nope"), payload: null, idempotencyKey: "bad:1" }),
    ).rejects.toThrow("dueAt");
    await expect(
      scheduleJob(prisma, { kind: "test.bad", dueAt: T0, payload: null, idempotencyKey: "bad:2", maxAttempts: 0 }),
    ).rejects.toThrow("maxAttempts");
  });
});

describe("cancelJob, retryJob, listJobs", () => {
  test("only a pending job can be cancelled, only a failed one retried", async () => {
    const job = await pendingJob("cancel:1");
    expect(await retryJob(job.id)).toBeNull();
    expect(await writeTransaction((tx) => cancelJob(tx, "cancel:1"))).toBe(true);
    expect(await writeTransaction((tx) => cancelJob(tx, "cancel:1"))).toBe(false);
    expect(await writeTransaction((tx) => cancelJob(tx, "no-such-key"))).toBe(false);
    expect(await prisma.scheduledJob.findUnique({ where: { id: job.id } })).toMatchObject({ status: "CANCELLED" });
    expect(await retryJob(job.id)).toBeNull();
    expect(await retryJob("no-such-id")).toBeNull();
  });

  test("cancelling a workflow's jobs of some kinds cancels only its pending ones of those kinds, except the kept ones", async () => {
    for (const key of ["reminder:w1:a", "reminder:w1:b", "close:w1:a", "reminder:w2:a", "reminder:w1:done"]) {
      await pendingJob(key);
    }
    await prisma.scheduledJob.update({ where: { idempotencyKey: "reminder:w1:done" }, data: { status: "DONE" } });

    const cancelled = await writeTransaction((tx) =>
      cancelPendingJobs(tx, "w1", ["reminder", "close"], new Set(["reminder:w1:b"])),
    );

    expect(cancelled).toBe(2);
    const statuses = await prisma.scheduledJob.findMany({
      where: {
        idempotencyKey: { in: ["reminder:w1:a", "reminder:w1:b", "close:w1:a", "reminder:w2:a", "reminder:w1:done"] },
      },
      orderBy: { idempotencyKey: "asc" },
      select: { idempotencyKey: true, status: true },
    });
    expect(Object.fromEntries(statuses.map((j) => [j.idempotencyKey, j.status]))).toEqual({
      "close:w1:a": "CANCELLED",
      "reminder:w1:a": "CANCELLED",
      "reminder:w1:b": "PENDING",
      "reminder:w1:done": "DONE",
      "reminder:w2:a": "PENDING",
    });
  });

  test("an administrator's retry makes a failed job due now with a fresh attempt budget", async () => {
    const job = await pendingJob("retry:1", { maxAttempts: 2 });
    await prisma.scheduledJob.update({
      where: { id: job.id },
      data: { status: "FAILED", attempts: 2, lastError: "boom" },
    });
    const later = new Date("2026-03-05T10:00:00.000Z");
    expect(await retryJob(job.id, () => later)).toMatchObject({
      status: "PENDING",
      dueAt: later,
      attempts: 0,
      lastError: "boom",
    });
  });

  test("lists jobs by status, latest due first, with the total for paging", async () => {
    for (let n = 0; n < 4; n++) {
      await scheduleJob(prisma, {
        kind: "test.list",
        dueAt: new Date(T0.getTime() + n * 60_000),
        payload: n,
        idempotencyKey: `list:${n}`,
      });
    }
    await prisma.scheduledJob.updateMany({
      where: { idempotencyKey: { in: ["list:0", "list:2"] } },
      data: { status: "FAILED" },
    });

    const failed = await listJobs({ status: "FAILED", take: 10, skip: 0 });
    expect(failed.total).toBe(2);
    expect(failed.jobs.map((job) => job.idempotencyKey)).toEqual(["list:2", "list:0"]);

    const page = await listJobs({ take: 1, skip: 1 });
    expect(page.total).toBe(await prisma.scheduledJob.count());
    expect(page.jobs).toHaveLength(1);
  });
});

describe("registry", () => {
  test("a second handler for the same kind is refused", () => {
    const handler = async () => {};
    const unregister = registerJobHandler("test.unique-kind", "deadline", handler);
    expect(() => registerJobHandler("test.unique-kind", "reminder", async () => {})).toThrow(
      'already registered for job kind "test.unique-kind"',
    );
    expect(getJobHandler("test.unique-kind")).toBe(handler);
    unregister();
    expect(getJobHandler("test.unique-kind")).toBeUndefined();
  });
});
