/**
 * The WAL file is bounded: every connection sets journal_size_limit, and the worker empties
 * the WAL when a tick finds nothing to do (decision 016).
 */
import Database from "better-sqlite3";
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { checkpointWal, openClient, prisma, writeTransaction } from "~/utils/db.server";
import { configureConnection, JOURNAL_SIZE_LIMIT_BYTES } from "../../../prisma/sqlite-adapter";
import { startWorker } from "./worker.server";

const dbFile = resolve(process.env.DATABASE_URL!.replace(/^file:/, ""));
const walBytes = () => (existsSync(`${dbFile}-wal`) ? statSync(`${dbFile}-wal`).size : 0);

/**
 * Writes `megabytes` in one transaction (SQLite cannot checkpoint in the middle of one), then
 * removes them in another. Returns the WAL's size between the two.
 */
async function burst(megabytes: number, tag: string) {
  const chunk = "x".repeat(256 * 1024);
  await writeTransaction(async (tx) => {
    for (let n = 0; n < megabytes * 4; n++) await tx.setting.create({ data: { key: `wal:${tag}:${n}`, value: chunk } });
  });
  const peak = walBytes();
  await prisma.setting.deleteMany({ where: { key: { startsWith: `wal:${tag}:` } } });
  return peak;
}

async function waitFor(condition: () => boolean, timeoutMs: number) {
  const deadline = performance.now() + timeoutMs;
  while (!condition() && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return condition();
}

const sizeLimit = async (db: { $queryRawUnsafe<T>(sql: string): Promise<T> }) =>
  Number(
    (await db.$queryRawUnsafe<Array<{ journal_size_limit: bigint | number }>>("PRAGMA journal_size_limit"))[0]
      .journal_size_limit,
  );

describe("the WAL file", () => {
  test("every connection limits the WAL: the app's client, another client, and a raw connection configured like them", async () => {
    expect(await sizeLimit(prisma)).toBe(JOURNAL_SIZE_LIMIT_BYTES);
    const other = openClient(process.env.DATABASE_URL);
    try {
      expect(await sizeLimit(other)).toBe(JOURNAL_SIZE_LIMIT_BYTES);
    } finally {
      await other.$disconnect();
    }
    const raw = new Database(dbFile);
    try {
      configureConnection(raw);
      expect(raw.pragma("journal_size_limit", { simple: true })).toBe(JOURNAL_SIZE_LIMIT_BYTES);
      expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    } finally {
      raw.close();
    }
  });

  test("after a burst of writes larger than the limit, the WAL is cut back to the limit at the next write", async () => {
    expect(await burst(6, "a")).toBeGreaterThan(JOURNAL_SIZE_LIMIT_BYTES);
    expect(walBytes()).toBeLessThanOrEqual(JOURNAL_SIZE_LIMIT_BYTES);
  });

  test("after a burst of writes, the worker's first idle tick empties the WAL", async () => {
    expect(await burst(6, "b")).toBeGreaterThan(JOURNAL_SIZE_LIMIT_BYTES);
    expect(walBytes()).toBeGreaterThan(0);
    const worker = startWorker({ intervalMs: 60_000 });
    try {
      expect(await waitFor(() => walBytes() === 0, 10_000)).toBe(true);
    } finally {
      await worker.stop();
    }
  });

  test("an idle checkpoint does not wait for another process's write: it reports busy and leaves the WAL for later", async () => {
    await prisma.setting.create({ data: { key: "wal:before-writer", value: "" } });
    const writer = new Database(dbFile);
    configureConnection(writer);
    writer.exec("BEGIN IMMEDIATE");
    writer.prepare("INSERT INTO Setting (key, value, updatedAt) VALUES ('wal:other-process', '', 0)").run();
    try {
      const result = await checkpointWal();
      expect(result.busy).toBe(true);
    } finally {
      writer.exec("ROLLBACK");
      writer.close();
    }
    expect(await checkpointWal()).toEqual({ busy: false, walPages: 0, checkpointedPages: 0 });
    expect(walBytes()).toBe(0);
  });
});
