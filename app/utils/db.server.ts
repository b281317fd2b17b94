import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PrismaClient } from "~/generated/prisma/client";
import { databaseUrl, sqliteAdapter } from "../../prisma/sqlite-adapter";

export type Db = PrismaClient;
/** What a function that writes inside someone else's transaction receives. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

function createClient(url = databaseUrl()) {
  const file = url.replace(/^file:/, "");
  if (file !== ":memory:") mkdirSync(dirname(resolve(file)), { recursive: true });
  return new PrismaClient({ adapter: sqliteAdapter(url) });
}

// One client per process, shared by the Remix build and the worker even when both
// load this module (they are bundled separately).
const globalStore = globalThis as unknown as { __passerellesDb?: PrismaClient };

export const prisma: PrismaClient = (globalStore.__passerellesDb ??= createClient());

/**
 * A short write transaction. It starts with BEGIN IMMEDIATE (prisma/sqlite-adapter.ts), so
 * a read-then-write inside it cannot be interleaved with another writer.
 */
export function writeTransaction<T>(work: (tx: Tx) => Promise<T>, db: PrismaClient = prisma): Promise<T> {
  return db.$transaction((tx) => work(tx), { maxWait: 15_000, timeout: 20_000 });
}
