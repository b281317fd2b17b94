/**
 * "Is the app running on this database?" — answered by an operating-system lock, not by a
 * pid or heartbeat file, so that the answer is right after a crash too: the kernel drops a
 * dead process's locks, and a stale marker cannot block a restore for ever.
 *
 * The lock is a small SQLite file beside the database (`<database>.app-lock`), in rollback
 * journal mode. Every app process (the web server, `npm run worker`) keeps a read transaction
 * open on it for its whole life: a SHARED lock, which many processes can hold at once. A
 * restore takes it EXCLUSIVE without waiting: it is refused while any app process lives, and
 * an app process that starts during a restore is refused in turn. See decision 016.
 */
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";

export function appLockFile(databaseFile: string) {
  return `${resolve(databaseFile)}.app-lock`;
}

export class AppLockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AppLockError";
  }
}

function open(databaseFile: string) {
  const file = appLockFile(databaseFile);
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  // Two app processes starting together may both create the table: let one wait a little.
  db.pragma("busy_timeout = 2000");
  db.exec("CREATE TABLE IF NOT EXISTS app_lock (note TEXT)");
  db.pragma("busy_timeout = 0");
  return db;
}

const held = globalThis as unknown as { __passerellesAppLocks?: Map<string, Database.Database> };

/**
 * Called first thing by every app process: marks the database as in use until the process
 * ends. Throws AppLockError (in French) while a restore holds the database.
 */
export function holdAppLock(databaseFile: string): void {
  const locks = (held.__passerellesAppLocks ??= new Map());
  const file = appLockFile(databaseFile);
  if (locks.has(file)) return;
  let db: Database.Database | undefined;
  try {
    db = open(databaseFile);
    db.exec("BEGIN");
    // A read is what takes the SHARED lock; the open transaction keeps it.
    db.prepare("SELECT count(*) FROM app_lock").get();
  } catch (error) {
    db?.close();
    if (isBusy(error)) {
      throw new AppLockError(
        `Démarrage refusé : une restauration de la base ${databaseFile} est en cours. Relancez l'application quand elle sera terminée.`,
      );
    }
    throw error;
  }
  locks.set(file, db);
}

/**
 * Takes the database for a restore. Returns `release` when no app process runs on it, or
 * null when one does (it holds the lock now, or a restore already runs).
 */
export function takeAppLockExclusively(databaseFile: string): (() => void) | null {
  let db: Database.Database | undefined;
  try {
    db = open(databaseFile);
    db.exec("BEGIN EXCLUSIVE");
  } catch (error) {
    db?.close();
    if (isBusy(error)) return null;
    throw error;
  }
  const taken = db;
  return () => {
    taken.exec("ROLLBACK");
    taken.close();
  };
}

function isBusy(error: unknown) {
  const code = (error as { code?: string } | null)?.code ?? "";
  return code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED");
}

/** For the processes' entry points: a refusal is a French message and exit code 1, not a stack. */
export function holdAppLockOrExit(databaseFile: string): void {
  try {
    holdAppLock(databaseFile);
  } catch (error) {
    if (!(error instanceof AppLockError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
