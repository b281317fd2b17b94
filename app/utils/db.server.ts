import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PrismaClient } from "~/generated/prisma/client";
import {
  currentTransactionScope,
  databaseFile,
  databaseUrl,
  runInTransactionScope,
  sqliteAdapter,
  type ConnectionOptions,
  type TransactionScope,
} from "../../prisma/sqlite-adapter";

export type Db = PrismaClient;
/** What a function that writes inside someone else's transaction receives. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** A client on another database file than the app's (a backup being checked, for instance). */
export function openClient(url = databaseUrl(), options: ConnectionOptions = {}) {
  const file = databaseFile(url);
  if (file !== ":memory:" && !options.readonly) mkdirSync(dirname(resolve(file)), { recursive: true });
  return new PrismaClient({ adapter: sqliteAdapter(url, options) });
}

// One connection per process, shared by the Remix build and the worker even when both
// load this module (they are bundled separately).
const globalStore = globalThis as unknown as { __passerellesDb?: PrismaClient };
const processClient: PrismaClient = (globalStore.__passerellesDb ??= openClient());

/** The transaction the current async context runs in (writeTransaction), if one is open. */
function ambientTransaction(): Tx | undefined {
  return currentTransactionScope()?.tx as Tx | undefined;
}

/**
 * The app's database client. Inside writeTransaction it *is* that transaction: every service
 * reads and writes through it, so none can forget to pass `tx` and queue behind its own
 * transaction's lock (decision 020). Outside, it is the process's connection.
 */
export const prisma: PrismaClient = new Proxy(processClient, {
  get(client, property) {
    const tx = ambientTransaction();
    if (tx !== undefined && property === "$transaction") {
      throw new NestedTransactionError();
    }
    const target: object = tx !== undefined && property in tx ? tx : client;
    const value: unknown = Reflect.get(target, property, target);
    return typeof value === "function" ? value.bind(target) : value;
  },
});

export class NestedTransactionError extends Error {
  constructor() {
    super(
      "writeTransaction was called inside an open write transaction. A function that opens its own transaction " +
        "promises its caller that its work is committed when it returns; call the function that works inside " +
        "the caller's transaction instead (it reaches that transaction through `prisma`).",
    );
    this.name = "NestedTransactionError";
  }
}

/**
 * A short write transaction. It starts with BEGIN IMMEDIATE (prisma/sqlite-adapter.ts), so
 * a read-then-write inside it cannot be interleaved with another writer. `work` and everything
 * it calls run in the transaction's async scope: `prisma` resolves to the transaction there.
 * Nesting is refused (NestedTransactionError), see decision 020.
 */
export function writeTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  if (ambientTransaction() !== undefined) return Promise.reject(new NestedTransactionError());
  const scope: TransactionScope = { files: new Set() };
  return runInTransactionScope(scope, () =>
    processClient.$transaction(
      async (tx) => {
        scope.tx = tx;
        try {
          return await work(tx);
        } finally {
          // Work that outlives the transaction (a promise not awaited) falls back to the process client.
          scope.tx = undefined;
        }
      },
      { maxWait: 15_000, timeout: 20_000 },
    ),
  );
}

export type CheckpointResult = { busy: boolean; walPages: number; checkpointedPages: number };

/**
 * Copies the WAL back into the database file and empties it (TRUNCATE), so the WAL file does
 * not keep the size of the last burst. Meant for idle moments: it waits at most the short busy
 * timeout for other processes' readers and writers, and reports `busy` instead of waiting more.
 */
export async function checkpointWal(): Promise<CheckpointResult> {
  const [row] = await prisma.$queryRawUnsafe<
    Array<{ busy: bigint | number; log: bigint | number; checkpointed: bigint | number }>
  >("PRAGMA wal_checkpoint(TRUNCATE)");
  return {
    busy: Number(row?.busy ?? 0) === 1,
    walPages: Number(row?.log ?? 0),
    checkpointedPages: Number(row?.checkpointed ?? 0),
  };
}
