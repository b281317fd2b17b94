/**
 * Online backup of the live database (`npm run backup`), consistent while the app writes.
 *
 * SQLite's online backup API (better-sqlite3's `db.backup()`) restarts a copy that another
 * process's write interrupts between two steps; under steady writes a copy made in small
 * steps might never finish. So the whole copy is made in one step, inside one read
 * transaction: in WAL mode it does not block writers, and it sees a single committed state.
 * The copy is written beside its destination, switched to a rollback journal (one
 * self-contained file), checked (integrity, both hash chains, migrations) and only then
 * given its name. See decision 016.
 */
import Database from "better-sqlite3";
import { existsSync, linkSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { now as clockNow } from "~/utils/clock.server";
import { configureConnection, databaseFile } from "../../../prisma/sqlite-adapter";
import { checkDatabaseFile, type DatabaseCheck } from "./check.server";

/** sqlite3_backup_step's page count for "everything at once" (better-sqlite3 caps it here). */
const ALL_PAGES = 0x7fffffff;

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

/** `2026-12-05T14-03-22Z`: sortable, and valid in a file name on every system. */
export function fileStamp(at: Date) {
  return at
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/:/g, "-");
}

/** Where backups go by default, and where a restore keeps the database it replaces. */
export function backupFolder(database = databaseFile()) {
  return join(dirname(resolve(database)), "backups");
}

export function defaultBackupFile(at: Date, database = databaseFile()) {
  return join(backupFolder(database), `passerelles-${fileStamp(at)}.db`);
}

export type BackupResult = { file: string; check: DatabaseCheck; ms: number };

export async function createBackup({
  database = databaseFile(),
  destination,
  now = clockNow,
}: { database?: string; destination?: string; now?: () => Date } = {}): Promise<BackupResult> {
  const started = performance.now();
  const source = resolve(database);
  const target = resolve(destination ?? defaultBackupFile(now(), source));
  if (!existsSync(source)) throw new BackupError(`Sauvegarde impossible : la base ${source} n'existe pas.`);
  if (target === source || target.startsWith(`${source}-`)) {
    throw new BackupError(`Sauvegarde refusée : ${target} est la base elle-même ou l'un de ses fichiers.`);
  }
  if (existsSync(target)) throw new BackupError(`Sauvegarde refusée : ${target} existe déjà (rien n'a été écrasé).`);
  mkdirSync(dirname(target), { recursive: true });

  const partial = `${target}.partiel`;
  rmSync(partial, { force: true }); // left by an interrupted backup: never a usable copy
  const live = new Database(source, { fileMustExist: true });
  try {
    configureConnection(live);
    await live.backup(partial, { progress: () => ALL_PAGES });
  } catch (error) {
    rmSync(partial, { force: true });
    throw new BackupError(`Sauvegarde impossible : ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    live.close();
  }

  // The copy carries the WAL flag of its source; a backup is better as one plain file.
  const copy = new Database(partial);
  try {
    copy.pragma("journal_mode = DELETE");
  } finally {
    copy.close();
  }

  const check = await checkDatabaseFile(partial);
  if (check.problems.length > 0) {
    rmSync(partial, { force: true });
    throw new BackupError(`Sauvegarde rejetée après vérification :\n- ${check.problems.join("\n- ")}`);
  }
  try {
    linkSync(partial, target); // fails rather than replace a file created meanwhile
  } catch (error) {
    rmSync(partial, { force: true });
    throw new BackupError(
      `Sauvegarde impossible sous ${target} : ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  rmSync(partial, { force: true });
  return { file: target, check: { ...check, file: target }, ms: Math.round(performance.now() - started) };
}
