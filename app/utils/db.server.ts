import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PrismaClient } from "~/generated/prisma/client";
import { databaseFile, databaseUrl, sqliteAdapter, type ConnectionOptions } from "../../prisma/sqlite-adapter";

export type Db = PrismaClient;
/** What a function that writes inside someone else's transaction receives. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** A client on another database file than the app's (a backup being checked, for instance). */
export function openClient(url = databaseUrl(), options: ConnectionOptions = {}) {
  const file = databaseFile(url);
  if (file !== ":memory:" && !options.readonly) mkdirSync(dirname(resolve(file)), { recursive: true });
  return new PrismaClient({ adapter: sqliteAdapter(url, options) });
}

// One client per process, shared by the Remix build and the worker even when both
// load this module (they are bundled separately).
const globalStore = globalThis as unknown as { __passerellesDb?: PrismaClient };

export const prisma: PrismaClient = (globalStore.__passerellesDb ??= openClient());

/**
 * A short write transaction. It starts with BEGIN IMMEDIATE (prisma/sqlite-adapter.ts), so
 * a read-then-write inside it cannot be interleaved with another writer.
 */
export function writeTransaction<T>(work: (tx: Tx) => Promise<T>, db: PrismaClient = prisma): Promise<T> {
  return db.$transaction((tx) => work(tx), { maxWait: 15_000, timeout: 20_000 });
}

export type CheckpointResult = { busy: boolean; walPages: number; checkpointedPages: number };

/**
 * Copies the WAL back into the database file and empties it (TRUNCATE), so the WAL file does
 * not keep the size of the last burst. Meant for idle moments: it waits at most the short busy
 * timeout for other processes' readers and writers, and reports `busy` instead of waiting more.
 */
export async function checkpointWal(db: PrismaClient = prisma): Promise<CheckpointResult> {
  const [row] = await db.$queryRawUnsafe<
    Array<{ busy: bigint | number; log: bigint | number; checkpointed: bigint | number }>
  >("PRAGMA wal_checkpoint(TRUNCATE)");
  return {
    busy: Number(row?.busy ?? 0) === 1,
    walPages: Number(row?.log ?? 0),
    checkpointedPages: Number(row?.checkpointed ?? 0),
  };
}
