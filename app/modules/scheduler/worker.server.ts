/**
 * Runs due jobs exactly once. Each job runs in ONE write transaction that re-reads it,
 * skips it unless it is still PENDING and due, runs its handler with that transaction and
 * marks it DONE. The transaction starts with BEGIN IMMEDIATE (prisma/sqlite-adapter.ts), so
 * it holds SQLite's single write lock from its first statement: two workers, in one process
 * or in several, cannot both see the job PENDING, and a crash in the middle rolls back the
 * handler's writes with the status change, so the job simply runs again later.
 *
 * Consequence: no RUNNING state and no lease (lockedUntil/lockedBy) are needed — the
 * transaction is the lease, and SQLite releases it when the process dies.
 *
 * `attempts` counts runs that got as far as the handler: a success counts too (a DONE job
 * with attempts 3 succeeded at its third try). A run cut short by a crash leaves no trace.
 */
import { now as clockNow } from "~/utils/clock.server";
import { checkpointWal, prisma, writeTransaction } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { getJobRegistration, isStaleReminder, REMINDER_GRACE_MS } from "./registry.server";

const BASE_RETRY_DELAY_MS = 30_000;
const MAX_RETRY_DELAY_MS = 60 * 60_000;
const MAX_ERROR_LENGTH = 2_000;
/**
 * Pause between two full batches. A process waiting for SQLite's write lock polls it
 * (busy handler) at most every 100 ms: back-to-back batches could keep it out until its
 * busy_timeout expires ("database is locked"), so leave it a window longer than that.
 */
const BACKLOG_PAUSE_MS = 150;

export type WorkerLog = (message: string, error?: unknown) => void;

/**
 * Thrown by a handler (or by the worker) when retrying cannot help: the job goes straight
 * to FAILED, where an administrator can see it and retry it once the cause is fixed.
 */
export class PermanentJobError extends Error {
  readonly permanent = true;
  constructor(message: string) {
    super(message);
    this.name = "PermanentJobError";
  }
}

/** Delay before the next try after `attempts` failed ones: 30 s, 1 min, 2 min… capped at 1 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(BASE_RETRY_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_DELAY_MS);
}

export type RunDueJobsOptions = {
  now?: () => Date;
  /** At most this many jobs per call; the rest wait for the next call. */
  limit?: number;
  /** Told about each failed attempt (the failure is recorded on the job either way). */
  log?: WorkerLog;
};

/**
 * `skipped`: selected as due, but another worker ran it first (or it was cancelled meanwhile).
 * `dropped`: a reminder whose moment had passed, recorded DROPPED instead of sent late.
 */
export type RunDueJobsResult = { done: number; retried: number; failed: number; skipped: number; dropped: number };

type Outcome = keyof RunDueJobsResult;

export async function runDueJobs({
  now = clockNow,
  limit = 50,
  log,
}: RunDueJobsOptions = {}): Promise<RunDueJobsResult> {
  const result: RunDueJobsResult = { done: 0, retried: 0, failed: 0, skipped: 0, dropped: 0 };
  // A plain read: it only proposes candidates, each job's transaction decides.
  const due = await prisma.scheduledJob.findMany({
    where: { status: "PENDING", dueAt: { lte: now() } },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true },
  });
  for (const { id } of due) {
    result[await runJob(id, now, log)]++;
    // better-sqlite3 is synchronous and Prisma resolves everything in microtasks: without
    // this, a whole batch would run without the event loop turning once (no request
    // served, no timer fired, no socket read in this process until the batch ends).
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return result;
}

type Attempt = { id: string; kind: string; dueAt: Date; attempts: number; maxAttempts: number };

async function runJob(id: string, now: () => Date, log: WorkerLog | undefined): Promise<Outcome> {
  // Set once the job is known to be ours: from then on an error is the job's failure,
  // before it (the transaction could not start, the database is unavailable) it is not.
  let attempt: Attempt | undefined;
  // A plain read first (WAL: it never waits): when another worker has already taken the
  // job, skip it without queueing for the write lock. Only the transaction's re-read counts.
  const candidate = await prisma.scheduledJob.findFirst({
    where: { id, status: "PENDING", dueAt: { lte: now() } },
    select: { id: true, kind: true, dueAt: true, attempts: true, maxAttempts: true, payload: true },
  });
  if (!candidate) return "skipped";
  // A kind's slow preparation runs before the transaction, so the write lock is not held meanwhile.
  const prepare = getJobRegistration(candidate.kind)?.prepare;
  let prepared: unknown;
  if (prepare) {
    try {
      prepared = await prepare(parsePayload(candidate.payload));
    } catch (error) {
      return recordFailure(candidate, error, now, log);
    }
  }
  try {
    return await writeTransaction(async (tx) => {
      const at = now();
      const job = await tx.scheduledJob.findUnique({ where: { id } });
      if (!job || job.status !== "PENDING" || job.dueAt > at) return "skipped";
      attempt = job;
      const registration = getJobRegistration(job.kind);
      if (!registration) throw new PermanentJobError(`No handler is registered for job kind "${job.kind}"`);
      // The kind's declared nature decides, never its name (registry.server.ts, decision 014).
      if (isStaleReminder(registration.nature, job.dueAt, at)) {
        await tx.scheduledJob.update({
          where: { id },
          data: { status: "DROPPED", completedAt: at, lastError: staleReminderNote(job.dueAt, at) },
        });
        return "dropped";
      }
      const payload: unknown = parsePayload(job.payload);
      await registration.handler(tx, payload, {
        now: at,
        job: { id: job.id, kind: job.kind, dueAt: job.dueAt, attempts: job.attempts },
        prepared,
      });
      await tx.scheduledJob.update({
        where: { id },
        data: { status: "DONE", completedAt: at, attempts: job.attempts + 1 },
      });
      return "done";
    });
  } catch (error) {
    if (!attempt) throw error;
    return recordFailure(attempt, error, now, log);
  }
}

/** After the rollback: one conditional statement, so it is its own short transaction. */
async function recordFailure(
  job: Attempt,
  error: unknown,
  now: () => Date,
  log: WorkerLog | undefined,
): Promise<Outcome> {
  const attempts = job.attempts + 1;
  const failed = isPermanent(error) || attempts >= job.maxAttempts;
  const { count } = await prisma.scheduledJob.updateMany({
    // Unless another worker ran or recorded this very attempt in the meantime.
    where: { id: job.id, status: "PENDING", attempts: job.attempts },
    data: {
      attempts,
      lastError: errorMessage(error),
      status: failed ? "FAILED" : "PENDING",
      ...(failed ? {} : { dueAt: new Date(now().getTime() + retryDelayMs(attempts)) }),
    },
  });
  if (count === 0) return "skipped";
  log?.(
    `Job ${job.id} (${job.kind}) ${failed ? "failed" : "will be retried"} after attempt ${attempts}/${job.maxAttempts}`,
    error,
  );
  return failed ? "failed" : "retried";
}

/** Shown to administrators on the jobs page, beside the DROPPED status. */
export function staleReminderNote(dueAt: Date, at: Date): string {
  return `Rappel non envoyé : prévu le ${formatDateTime(dueAt)}, il n'a pu être traité que le ${formatDateTime(at)}, plus de ${REMINDER_GRACE_MS / 3_600_000} h après ; un rappel ne part jamais en retard.`;
}

function parsePayload(payload: string): unknown {
  try {
    return JSON.parse(payload);
  } catch {
    throw new PermanentJobError("The job's payload is not valid JSON");
  }
}

function isPermanent(error: unknown): boolean {
  // Not instanceof: the handler may come from another copy of this module (other bundle).
  return typeof error === "object" && error !== null && (error as { permanent?: unknown }).permanent === true;
}

function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message || error.name : String(error);
  return message.length > MAX_ERROR_LENGTH ? `${message.slice(0, MAX_ERROR_LENGTH - 1)}…` : message;
}

export type StartWorkerOptions = {
  intervalMs?: number;
  now?: () => Date;
  /** Run after the jobs on every tick, each on its own (the outbox mail sender goes here). */
  extraTasks?: Array<() => Promise<unknown>>;
  log?: WorkerLog;
  limit?: number;
  /**
   * Run after a tick that found no due job, the moment nothing else is writing. By default
   * it checkpoints the WAL back to zero bytes (decision 016), so the file does not keep the
   * size of the last burst of writes.
   */
  onIdle?: () => Promise<unknown>;
};

const defaultLog: WorkerLog = (message, error) => console.error(`[worker] ${message}`, error ?? "");

/**
 * The worker loop: a tick at once (to catch up on what fell due while nothing ran), then one
 * `intervalMs` after the previous tick ended, so ticks never overlap. A tick whose batch was
 * full is followed by another after a short pause (BACKLOG_PAUSE_MS), to work through a
 * backlog without shutting other processes out. Errors are logged, never thrown: the loop
 * must outlive a bad job, a bad task or a busy database.
 */
export function startWorker({
  intervalMs = 5_000,
  now = clockNow,
  extraTasks = [],
  log = defaultLog,
  limit = 50,
  onIdle = () => checkpointWal(),
}: StartWorkerOptions = {}): { wake(): void; stop(): Promise<void> } {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<void> | undefined;

  const safeLog: WorkerLog = (message, error) => {
    try {
      log(message, error);
    } catch {
      // A broken logger must not stop the loop.
    }
  };

  async function tick(): Promise<boolean> {
    let backlog = false;
    let idle = false;
    try {
      const { done, retried, failed, skipped, dropped } = await runDueJobs({ now, limit, log: safeLog });
      const handled = done + retried + failed + skipped + dropped;
      backlog = handled >= limit;
      idle = handled === 0;
    } catch (error) {
      safeLog("Running due jobs failed", error);
    }
    for (const task of extraTasks) {
      try {
        await task();
      } catch (error) {
        safeLog("A worker task failed", error);
      }
    }
    if (idle && !stopped) {
      try {
        await onIdle();
      } catch (error) {
        safeLog("The idle task failed", error);
      }
    }
    return backlog;
  }

  let wakeRequested = false;

  function loop() {
    wakeRequested = false;
    current = tick()
      .catch(() => false)
      .then((backlog) => {
        current = undefined;
        if (stopped) return;
        timer = setTimeout(loop, backlog || wakeRequested ? Math.min(BACKLOG_PAUSE_MS, intervalMs) : intervalMs);
      });
  }

  loop();
  return {
    /** Runs a tick soon (e.g. after a transaction queued mails) instead of at the next interval. */
    wake() {
      if (stopped) return;
      if (current) {
        wakeRequested = true;
        return;
      }
      if (timer) clearTimeout(timer);
      timer = setTimeout(loop, 0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
