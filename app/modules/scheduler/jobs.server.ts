/**
 * Scheduled jobs: database work that must happen at a given time (reminders, deadlines,
 * expiries), run exactly once by the worker (worker.server.ts). A job is scheduled in the
 * same transaction as the change that causes it, so it exists if and only if that change
 * was committed.
 */
import type { ScheduledJob } from "~/generated/prisma/client";
import { now as clockNow } from "~/utils/clock.server";
import { prisma, type Tx } from "~/utils/db.server";
import { vocabulary, type CodeOf } from "~/utils/vocabulary";

/** DROPPED: a reminder whose moment had passed when the worker reached it (decision 014). */
export const JOB_STATUS_VOCABULARY = vocabulary({
  PENDING: "Programmée",
  DONE: "Terminée",
  FAILED: "En échec",
  CANCELLED: "Annulée",
  DROPPED: "Rappel abandonné (hors délai)",
});
export const JOB_STATUSES = JOB_STATUS_VOCABULARY.codes;
export type JobStatus = CodeOf<typeof JOB_STATUS_VOCABULARY>;

export const DEFAULT_MAX_ATTEMPTS = 8;

export type ScheduleJobInput = {
  kind: string;
  dueAt: Date;
  /** Anything JSON can carry; the handler receives it parsed. */
  payload: unknown;
  /**
   * Names the job: scheduling again with a key that exists returns the existing job,
   * whatever its status. To schedule the same work anew after it ran or was cancelled,
   * use a new key (e.g. include the workflow version or the due date).
   */
  idempotencyKey: string;
  maxAttempts?: number;
};

/** The row a job input stores, once checked; `caller` names the function in the error. */
function jobRow(input: ScheduleJobInput, caller: string) {
  const { kind, dueAt, payload, idempotencyKey, maxAttempts = DEFAULT_MAX_ATTEMPTS } = input;
  if (!kind) throw new Error(`${caller}: kind is required`);
  if (!idempotencyKey) throw new Error(`${caller}: idempotencyKey is required`);
  if (!(dueAt instanceof Date) || Number.isNaN(dueAt.getTime()))
    throw new Error(`${caller}: dueAt must be a valid Date`);
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
    throw new Error(`${caller}: maxAttempts must be a positive integer`);
  const serialised = JSON.stringify(payload ?? null);
  if (serialised === undefined) throw new Error(`${caller}: payload cannot be serialised to JSON`);
  return { kind, dueAt, payload: serialised, idempotencyKey, maxAttempts };
}

/** Inserts the job unless its idempotency key exists; then returns the existing job unchanged. */
export async function scheduleJob(tx: Tx, input: ScheduleJobInput): Promise<ScheduledJob> {
  const row = jobRow(input, "scheduleJob");
  const { idempotencyKey } = row;
  const existing = await tx.scheduledJob.findUnique({ where: { idempotencyKey } });
  if (existing) return existing;
  try {
    return await tx.scheduledJob.create({
      data: row,
    });
  } catch (error) {
    // Only reachable outside a write transaction (tx is then the shared client): another
    // writer inserted the same key between our read and our insert.
    if (isUniqueViolation(error)) {
      const winner = await tx.scheduledJob.findUnique({ where: { idempotencyKey } });
      if (winner) return winner;
    }
    throw error;
  }
}

/** PENDING → CANCELLED. Returns false when the job does not exist or is no longer pending. */
export async function cancelJob(tx: Tx, idempotencyKey: string): Promise<boolean> {
  // A conditional update: never cancels a job that a worker has just completed.
  const { count } = await tx.scheduledJob.updateMany({
    where: { idempotencyKey, status: "PENDING" },
    data: { status: "CANCELLED" },
  });
  return count === 1;
}

/**
 * Cancels a workflow's pending jobs of these kinds (their keys read `<kind>:<workflowId>:…`),
 * except the keys in `keep` (a rescheduling keeps the jobs it has just written). Returns how many
 * it cancelled. One conditional statement, like cancelJob: a job a worker has just completed stays done.
 */
export async function cancelPendingJobs(
  tx: Tx,
  workflowId: string,
  kinds: readonly string[],
  keep: ReadonlySet<string> = new Set(),
): Promise<number> {
  const { count } = await tx.scheduledJob.updateMany({
    where: {
      status: "PENDING",
      OR: kinds.map((kind) => ({ idempotencyKey: { startsWith: `${kind}:${workflowId}:` } })),
      idempotencyKey: { notIn: [...keep] },
    },
    data: { status: "CANCELLED" },
  });
  return count;
}

/**
 * For administrators: FAILED → PENDING, due now, with a fresh retry budget (lastError is
 * kept until the next attempt overwrites or the job succeeds). Returns the job, or null
 * when it does not exist or has not failed. One conditional statement, so it may run
 * inside the caller's transaction (to write the audit entry with it) or on its own.
 */
export async function retryJob(id: string, now: () => Date = clockNow): Promise<ScheduledJob | null> {
  const { count } = await prisma.scheduledJob.updateMany({
    where: { id, status: "FAILED" },
    data: { status: "PENDING", dueAt: now(), attempts: 0, completedAt: null },
  });
  return count === 1 ? prisma.scheduledJob.findUnique({ where: { id } }) : null;
}

export type ListJobsInput = { status?: JobStatus; take: number; skip: number };

/** A page of jobs for the administrators' screen, latest due date first. */
export async function listJobs({
  status,
  take,
  skip,
}: ListJobsInput): Promise<{ jobs: ScheduledJob[]; total: number }> {
  if (status !== undefined && !JOB_STATUSES.includes(status)) throw new Error(`listJobs: unknown status "${status}"`);
  const where = status ? { status } : {};
  const [jobs, total] = await Promise.all([
    prisma.scheduledJob.findMany({ where, orderBy: [{ dueAt: "desc" }, { id: "asc" }], take, skip }),
    prisma.scheduledJob.count({ where }),
  ]);
  return { jobs, total };
}

function isUniqueViolation(error: unknown): boolean {
  // Checked by code rather than instanceof: the Remix bundle and the worker may hold
  // different copies of the Prisma runtime.
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/**
 * scheduleJob for many jobs at once: one read of the keys that exist and one insert of the
 * others, instead of two statements per job. A key that exists (or repeats in `inputs`) is left
 * as it is, like scheduleJob. Returns how many jobs were inserted.
 */
export async function scheduleJobs(tx: Tx, inputs: readonly ScheduleJobInput[]): Promise<number> {
  const rows = inputs.map((input) => jobRow(input, "scheduleJobs"));
  const taken = new Set<string>();
  const keys = rows.map((r) => r.idempotencyKey);
  for (let i = 0; i < keys.length; i += 500) {
    const found = await tx.scheduledJob.findMany({
      where: { idempotencyKey: { in: keys.slice(i, i + 500) } },
      select: { idempotencyKey: true },
    });
    for (const job of found) taken.add(job.idempotencyKey);
  }
  const fresh = rows.filter((row) => {
    if (taken.has(row.idempotencyKey)) return false;
    taken.add(row.idempotencyKey);
    return true;
  });
  for (let i = 0; i < fresh.length; i += 500) await tx.scheduledJob.createMany({ data: fresh.slice(i, i + 500) });
  return fresh.length;
}
