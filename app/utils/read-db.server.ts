/**
 * The read side (decision 021): page read models run typed SQL (Kysely, types generated from
 * prisma/schema.prisma by prisma-kysely into app/generated/kysely) on a read-only connection
 * of their own. It reads the last committed state without queueing behind the app's write
 * transactions (prisma/sqlite-adapter.ts serialises those on Prisma's connection).
 *
 * It cannot see a write transaction's own uncommitted rows, so a read model must never run
 * inside one: it throws ReadInsideWriteTransactionError there (a command that needs to read
 * what it wrote uses `prisma`, which is the transaction).
 */
import Database from "better-sqlite3";
import {
  Kysely,
  SqliteDialect,
  type Compilable,
  type CompiledQuery,
  type KyselyPlugin,
  type SqliteDatabase,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
} from "kysely";
import type { DB } from "~/generated/kysely/types";
import { configureConnection, currentTransactionScope, databaseFile, databaseUrl } from "../../prisma/sqlite-adapter";

export type ReadDb = Kysely<DB>;

export class ReadInsideWriteTransactionError extends Error {
  constructor() {
    super(
      "A read model ran on the read connection inside a write transaction: that connection cannot see the " +
        "transaction's own uncommitted rows. Run the read model after the transaction, or read through `prisma` " +
        "(which is the transaction) inside it.",
    );
    this.name = "ReadInsideWriteTransactionError";
  }
}

/** Whether this code runs inside a write transaction, where the read connection must not be used. */
export const insideWriteTransaction = () => currentTransactionScope()?.tx !== undefined;

/** Refuses every query compiled inside an open write transaction, however the Kysely instance was obtained. */
const outsideWriteTransactions: KyselyPlugin = {
  transformQuery({ node }: PluginTransformQueryArgs) {
    if (insideWriteTransaction()) throw new ReadInsideWriteTransactionError();
    return node;
  },
  async transformResult({ result }: PluginTransformResultArgs) {
    return result;
  },
};

/** How many prepared statements the read connection keeps: every read model's few, with room to spare. */
const KEPT_STATEMENTS = 500;

/**
 * The connection as Kysely's SQLite dialect uses it, its prepared statements kept per SQL text
 * (the least recently used dropped past `size`). Kysely's dialect prepares every query it runs;
 * preparing costs more than running a page's small statements, and a read model's SQL text is
 * the same on every call (its values are bound), so each is prepared once per process. A kept
 * statement cannot serve two queries at once: fine for `all()`, which Kysely awaits one at a
 * time on this connection; the read side streams nothing (`iterate` would hold it).
 */
export function keepingStatements(connection: Database.Database, size = KEPT_STATEMENTS): SqliteDatabase {
  const kept = new Map<string, Database.Statement>();
  return {
    close: () => connection.close(),
    prepare(sql) {
      let statement = kept.get(sql);
      if (statement) kept.delete(sql);
      else statement = connection.prepare(sql);
      // Re-inserted last: a Map iterates in insertion order, so its first key is the least recently used.
      kept.set(sql, statement);
      if (kept.size > size) kept.delete(kept.keys().next().value!);
      return statement;
    },
  };
}

/** A read-only connection with the app's settings, on the database the app's client uses. */
export function openReadDb(url = databaseUrl()): ReadDb {
  const connection = new Database(databaseFile(url), { readonly: true, fileMustExist: true });
  configureConnection(connection, { readonly: true });
  return new Kysely<DB>({
    dialect: new SqliteDialect({ database: keepingStatements(connection) }),
    plugins: [outsideWriteTransactions],
  });
}

// One read connection per process, opened on first use (the app's client creates the file).
// On globalThis, like the app's client: the Remix build and the server are bundled apart.
const store = globalThis as unknown as { __passerellesReadDb?: ReadDb };

/** The read connection, for read models (app/modules/<domain>/queries/). */
export function readDb(): ReadDb {
  if (insideWriteTransaction()) throw new ReadInsideWriteTransactionError();
  return (store.__passerellesReadDb ??= openReadDb());
}

/** Marks where a value of a compiledOnce query is bound at each call. */
const ARGUMENT = Symbol("argument");
type Argument = { [ARGUMENT]: string };
const isArgument = (value: unknown): value is Argument =>
  typeof value === "object" && value !== null && ARGUMENT in value;

/**
 * A read model's query built and compiled once per process, its values bound at each call.
 * Building a Kysely query (parsing its `where`s, expression builders, references) and compiling
 * it costs more than running a page's small statements; the SQL text is the same on every call.
 * `build` receives placeholders for the call's values (`args.organisationId`): use them only as
 * values in the query, never in JavaScript (the query's shape must not depend on them). Still
 * refused inside a write transaction (readDb()).
 */
export function compiledOnce<Args extends Record<string, unknown>, Row>(
  build: (db: ReadDb, args: Args) => Compilable<Row>,
): (args: Args) => Promise<Row[]> {
  let compiled: CompiledQuery<Row> | undefined;
  return async (args) => {
    const db = readDb();
    if (!compiled) {
      const placeholders = new Proxy({} as Args, {
        get: (_, name) => ({ [ARGUMENT]: String(name) }) satisfies Argument,
      });
      compiled = build(db, placeholders).compile();
    }
    const parameters = compiled.parameters.map((value) => (isArgument(value) ? args[value[ARGUMENT]] : value));
    const { rows } = await db.executeQuery<Row>({ ...compiled, parameters });
    return rows;
  };
}

/**
 * An instant as the app's client returns it (Date.toISOString), from a DateTime column read
 * raw. Prisma's SQLite adapter stores ISO 8601 text or, for some writers, epoch milliseconds.
 */
export function isoInstant(value: string | number): string {
  return new Date(value).toISOString();
}

/**
 * An instant as the app's client stores it in a DateTime column ("2026-10-27T13:00:00.000+00:00"),
 * for comparing with such a column in SQL: text compares as time only in the same format.
 */
export function storedInstant(at: Date): string {
  return at.toISOString().replace(/Z$/, "+00:00");
}
