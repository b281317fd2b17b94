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
 *
 * Waiting for another process's write lock: better-sqlite3 is synchronous, so a long
 * busy_timeout would freeze the whole server while it waits. The busy timeout is kept short
 * and a statement refused with SQLITE_BUSY is retried after a short random pause, without
 * blocking the event loop, until BUSY_DEADLINE_MS.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { resolve as resolvePath } from "node:path";
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

/**
 * Without a limit the WAL file keeps the size of its largest burst for ever (SQLite reuses
 * it from the start after a checkpoint but never shrinks it). With this limit SQLite cuts it
 * back each time it restarts the log; a little above one auto-checkpoint's worth (1000 pages
 * of 4 KiB) so that ordinary busy periods do not truncate and regrow it. When idle, the
 * worker empties it altogether (checkpointWal in app/utils/db.server.ts). See decision 016.
 */
export const JOURNAL_SIZE_LIMIT_BYTES = 4 * 1024 * 1024;

/**
 * The write transaction an async context runs in (decision 020). writeTransaction
 * (app/utils/db.server.ts) opens one scope per transaction; the adapter notes which scope holds
 * a connection's lock, so that a statement of that same scope which would queue behind it (and
 * wait for its own transaction until the timeout) fails at once instead.
 */
export type TransactionScope = {
  /** The transaction's client, once Prisma has opened it; undefined again once it has ended. */
  tx?: unknown;
  /** The database files on which this scope holds the write lock. */
  files: Set<string>;
};

// On globalThis: the server and the Remix build are bundled separately but share the process.
const scopeStore = globalThis as unknown as { __passerellesTransactionScope?: AsyncLocalStorage<TransactionScope> };
const scopes: AsyncLocalStorage<TransactionScope> = (scopeStore.__passerellesTransactionScope ??=
  new AsyncLocalStorage<TransactionScope>());

export function runInTransactionScope<T>(scope: TransactionScope, work: () => T): T {
  return scopes.run(scope, work);
}

/** The write transaction the current async context runs in, if any. */
export function currentTransactionScope(): TransactionScope | undefined {
  return scopes.getStore();
}

export class OwnTransactionLockError extends Error {
  constructor(file: string) {
    super(
      `A statement on ${file} was sent outside the write transaction that this same async context holds open: ` +
        "it would wait for that transaction's own lock until the timeout. Use the ambient client (prisma from " +
        "app/utils/db.server.ts resolves to the open transaction) instead of a client or delegate captured elsewhere.",
    );
    this.name = "OwnTransactionLockError";
  }
}

/** A FIFO lock: one holder at a time, waiters served in order. */
class Lock {
  #tail: Promise<void> = Promise.resolve();
  /** The transaction scope holding the lock, when a transaction holds it. */
  holder: TransactionScope | undefined;
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => next);
    return ready;
  }
}

type InnerAdapter = SqlDriverAdapter & { client: BetterSqlite3.Database };

const BUSY_TIMEOUT_MS = 25;
const BUSY_DEADLINE_MS = 15_000;

function isBusy(error: unknown): boolean {
  const e = error as { code?: string; cause?: { originalCode?: string }; message?: string } | null;
  return (
    e?.code === "SQLITE_BUSY" ||
    e?.cause?.originalCode === "SQLITE_BUSY" ||
    /SQLITE_BUSY|database is locked/.test(String(e?.message ?? ""))
  );
}

/**
 * Runs `work`, retrying it while another connection holds the write lock — unless the current
 * async context's own transaction holds it (a second client on the same file): then waiting
 * could only end in the timeout.
 */
async function whenNotBusy<T>(file: string, work: () => Promise<T> | T): Promise<T> {
  const deadline = performance.now() + BUSY_DEADLINE_MS;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (isBusy(error) && currentTransactionScope()?.files.has(file)) throw new OwnTransactionLockError(file);
      if (!isBusy(error) || performance.now() > deadline) throw error;
      const pause = Math.min(5 * 2 ** Math.min(attempt, 4), 80) * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

export type ConnectionOptions = {
  /** Open for reading only (checking a backup): the file is left exactly as it is. */
  readonly?: boolean;
};

/** The settings of every connection to a Passerelles database, Prisma's and raw ones alike. */
export function configureConnection(client: BetterSqlite3.Database, { readonly = false }: ConnectionOptions = {}) {
  client.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  client.pragma("foreign_keys = ON");
  if (readonly) return;
  client.pragma("journal_mode = WAL");
  client.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`);
  client.pragma("synchronous = NORMAL");
}

function isMultiStatement(query: SqlQuery) {
  return query.args.length === 0 && query.sql.trim().replace(/;\s*$/, "").includes(";");
}

function wrap(inner: InnerAdapter, file: string, options: ConnectionOptions): SqlDriverAdapter {
  configureConnection(inner.client, options);
  const lock = new Lock();
  const refuseOwnLock = () => {
    const scope = currentTransactionScope();
    if (scope !== undefined && lock.holder === scope) throw new OwnTransactionLockError(file);
  };
  const exclusive = async <T>(work: () => Promise<T>): Promise<T> => {
    refuseOwnLock();
    const release = await lock.acquire();
    try {
      return await whenNotBusy(file, work);
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
      refuseOwnLock();
      const release = await lock.acquire();
      try {
        await whenNotBusy(file, () => inner.client.prepare("BEGIN IMMEDIATE").run());
      } catch (error) {
        release();
        throw error;
      }
      // Prisma opens the transaction in the caller's async context: note whose it is.
      const scope = currentTransactionScope();
      lock.holder = scope;
      scope?.files.add(file);
      let open = true;
      const end = async () => {
        if (open) {
          open = false;
          lock.holder = undefined;
          scope?.files.delete(file);
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

/** The file path a `file:` database URL names (relative to the working directory). */
export function databaseFile(url = databaseUrl()) {
  return url.replace(/^file:/, "");
}

/** One name per database file, however its URL spells the path. */
function fileKey(url: string) {
  const file = databaseFile(url);
  return file === ":memory:" ? `:memory:${Math.random()}` : resolvePath(file);
}

/** The adapter factory for PrismaClient and for the Prisma CLI (shadow database included). */
export function sqliteAdapter(
  url = databaseUrl(),
  options: ConnectionOptions = {},
): SqlMigrationAwareDriverAdapterFactory {
  const config = options.readonly ? { url, readonly: true, fileMustExist: true } : { url };
  const factory = new PrismaBetterSQLite3(config) as unknown as SqlMigrationAwareDriverAdapterFactory;
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wrap((await factory.connect()) as InnerAdapter, fileKey(url), options),
    connectToShadowDb: async () => wrap((await factory.connectToShadowDb()) as InnerAdapter, ":shadow:", {}),
  } satisfies SqlDriverAdapterFactory & SqlMigrationAwareDriverAdapterFactory;
}
