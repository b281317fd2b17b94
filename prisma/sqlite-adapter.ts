/**
 * SQLite access shared by the app, the worker, the scripts and `prisma.config.ts`.
 *
 * Prisma 6.19's better-sqlite3 adapter keeps one connection per client and opens
 * interactive transactions with a deferred `BEGIN`. Two consequences we cannot accept:
 * - a query issued outside a transaction while another request holds one open runs
 *   *inside* that transaction (same connection) and vanishes if it rolls back;
 * - a deferred read-then-write transaction can fail at once with SQLITE_BUSY when
 *   another process writes (busy_timeout does not apply to the lock upgrade).
 * So this wrapper serialises every statement of the process behind open transactions
 * and starts each transaction with `BEGIN IMMEDIATE`. See docs/decisions/002.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type {
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from "@prisma/driver-adapter-utils";
import type BetterSqlite3 from "better-sqlite3";

export const DEFAULT_DATABASE_URL = "file:./data/passerelles.db";

/** A FIFO lock: one holder at a time, waiters served in order. */
class Lock {
  #tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => next);
    return ready;
  }
}

type InnerAdapter = SqlDriverAdapter & { client: BetterSqlite3.Database };

function configure(client: BetterSqlite3.Database) {
  client.pragma("journal_mode = WAL");
  client.pragma("busy_timeout = 10000");
  client.pragma("synchronous = NORMAL");
  client.pragma("foreign_keys = ON");
}

function isMultiStatement(query: SqlQuery) {
  return query.args.length === 0 && query.sql.trim().replace(/;\s*$/, "").includes(";");
}

function wrap(inner: InnerAdapter): SqlDriverAdapter {
  configure(inner.client);
  const lock = new Lock();
  const exclusive = async <T>(work: () => Promise<T>): Promise<T> => {
    const release = await lock.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (query) => exclusive(() => inner.queryRaw(query)),
    // Migrations send whole scripts through executeRaw; better-sqlite3 prepares one statement only.
    executeRaw: (query) =>
      exclusive(() =>
        isMultiStatement(query) ? inner.executeScript(query.sql).then(() => 0) : inner.executeRaw(query),
      ),
    executeScript: (script) => exclusive(() => inner.executeScript(script)),
    getConnectionInfo: inner.getConnectionInfo?.bind(inner),
    dispose: () => inner.dispose(),
    async startTransaction(): Promise<Transaction> {
      const release = await lock.acquire();
      try {
        inner.client.prepare("BEGIN IMMEDIATE").run();
      } catch (error) {
        release();
        throw error;
      }
      let open = true;
      const end = async () => {
        if (open) {
          open = false;
          release();
        }
      };
      // Prisma sends COMMIT / ROLLBACK itself (usePhantomQuery: false), then calls commit()/rollback().
      return {
        provider: inner.provider,
        adapterName: inner.adapterName,
        options: { usePhantomQuery: false },
        queryRaw: (query) => inner.queryRaw(query),
        executeRaw: (query) => inner.executeRaw(query),
        commit: end,
        rollback: end,
      };
    },
  };
}

export function databaseUrl(env: NodeJS.ProcessEnv = process.env) {
  return env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

/** The adapter factory for PrismaClient and for the Prisma CLI (shadow database included). */
export function sqliteAdapter(url = databaseUrl()): SqlMigrationAwareDriverAdapterFactory {
  const factory = new PrismaBetterSQLite3({ url }) as unknown as SqlMigrationAwareDriverAdapterFactory;
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wrap((await factory.connect()) as InnerAdapter),
    connectToShadowDb: async () => wrap((await factory.connectToShadowDb()) as InnerAdapter),
  } satisfies SqlDriverAdapterFactory & SqlMigrationAwareDriverAdapterFactory;
}
