/**
 * Checks a database file that is not the live one (a backup just written, or one about to be
 * restored): SQLite's integrity check, both hash chains (audit log and workflow event log),
 * and its migration level against this version of the code. Opens the file read-only: the
 * check leaves it exactly as it found it.
 */
import Database from "better-sqlite3";
import { existsSync, openSync, readdirSync, readSync, closeSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { verifyAuditChain } from "~/modules/journal/audit.server";
import type { ChainVerdict } from "~/modules/journal/chain.server";
import { verifyEventChain } from "~/modules/workflow/engine.server";
import { openClient } from "~/utils/db.server";
import { configureConnection } from "../../../prisma/sqlite-adapter";

export type MigrationLevel = {
  /** Applied in the file, in order. */
  applied: string[];
  /** Applied in the file but unknown to this code: the file comes from a newer version. */
  unknown: string[];
  /** Known to this code but not applied in the file: applied at the app's next start. */
  pending: string[];
  /** Started and never finished (a failed migration). */
  failed: string[];
};

export type DatabaseCheck = {
  file: string;
  bytes: number;
  /** Empty when the file can be used; otherwise each problem, in French. */
  problems: string[];
  migrations: MigrationLevel | null;
  auditEntries: number | null;
  workflowEvents: number | null;
  /** TOTP keys stored encrypted with APP_SECRET (0 when nobody enrolled a second factor). */
  totpKeys: number;
};

const SQLITE_HEADER = "SQLite format 3\u0000";

/** The migrations this version of the code knows, as Prisma names them (folder names). */
export function knownMigrations(folder = resolve("prisma/migrations")): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function hasSqliteHeader(file: string) {
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.alloc(16);
    return readSync(fd, buffer, 0, 16, 0) === 16 && buffer.toString("latin1") === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

function chainProblem(label: string, verdict: ChainVerdict): string | null {
  return verdict.ok ? null : `${label} : chaîne rompue à l'entrée n° ${verdict.brokenAtSeq} (${verdict.reason}).`;
}

export async function checkDatabaseFile(path: string): Promise<DatabaseCheck> {
  const file = resolve(path);
  const check: DatabaseCheck = {
    file,
    bytes: 0,
    problems: [],
    migrations: null,
    auditEntries: null,
    workflowEvents: null,
    totpKeys: 0,
  };
  if (!existsSync(file) || !statSync(file).isFile()) {
    check.problems.push(`Fichier introuvable : ${file}.`);
    return check;
  }
  check.bytes = statSync(file).size;
  if (!hasSqliteHeader(file)) {
    check.problems.push(`${file} n'est pas une base SQLite.`);
    return check;
  }
  // A copy of a live file with its WAL beside it: the file alone misses committed changes.
  if (existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0) {
    check.problems.push(
      `${file} est accompagné d'un fichier ${file}-wal : ce n'est pas une copie autonome. Utilisez une sauvegarde faite par npm run backup.`,
    );
    return check;
  }

  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    configureConnection(db, { readonly: true });
    const integrity = db.pragma("integrity_check(20)") as Array<{ integrity_check: string }>;
    const messages = integrity.map((row) => row.integrity_check).filter((message) => message !== "ok");
    if (messages.length > 0) {
      check.problems.push(`Intégrité SQLite : la base est endommagée (${messages.slice(0, 3).join(" ; ")}).`);
      return check;
    }
    const migrationTable = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'")
      .get();
    if (!migrationTable) {
      check.problems.push(`${file} n'est pas une base Passerelles (aucune migration enregistrée).`);
      return check;
    }
    const rows = db
      .prepare(
        "SELECT migration_name AS name, finished_at AS finishedAt, rolled_back_at AS rolledBackAt FROM _prisma_migrations ORDER BY started_at, migration_name",
      )
      .all() as Array<{ name: string; finishedAt: unknown; rolledBackAt: unknown }>;
    const known = new Set(knownMigrations());
    const applied = rows.filter((row) => row.finishedAt !== null && row.rolledBackAt === null).map((row) => row.name);
    const failed = rows.filter((row) => row.finishedAt === null && row.rolledBackAt === null).map((row) => row.name);
    check.migrations = {
      applied,
      unknown: applied.filter((name) => !known.has(name)),
      pending: [...known].filter((name) => !applied.includes(name)),
      failed,
    };
    if (failed.length > 0) check.problems.push(`Migration inachevée dans la base : ${failed.join(", ")}.`);
    if (check.migrations.unknown.length > 0) {
      check.problems.push(
        `La base vient d'une version plus récente de Passerelles (migrations inconnues de cette version : ${check.migrations.unknown.join(", ")}).`,
      );
    }
    if (check.problems.length > 0) return check;
    check.totpKeys = (
      db.prepare('SELECT count(*) AS n FROM "User" WHERE totpKey IS NOT NULL').get() as { n: number }
    ).n;
  } catch (error) {
    check.problems.push(`Lecture de ${file} impossible : ${error instanceof Error ? error.message : String(error)}.`);
    return check;
  } finally {
    db?.close();
  }

  const client = openClient(`file:${file}`, { readonly: true });
  try {
    const [audit, events] = [await verifyAuditChain(client), await verifyEventChain(client)];
    check.auditEntries = audit.count;
    check.workflowEvents = events.count;
    for (const problem of [
      chainProblem("Journal d'audit", audit),
      chainProblem("Journal des événements des processus", events),
    ]) {
      if (problem) check.problems.push(problem);
    }
  } catch (error) {
    check.problems.push(`Lecture des journaux impossible : ${error instanceof Error ? error.message : String(error)}.`);
  } finally {
    await client.$disconnect();
  }
  return check;
}

/** One line per fact, in French, for the scripts' output. */
export function describeCheck(check: DatabaseCheck): string {
  const megabytes = (check.bytes / (1024 * 1024)).toLocaleString("fr-FR", { maximumFractionDigits: 1 });
  const lines = [`  taille : ${megabytes} Mo`];
  if (check.auditEntries !== null) lines.push(`  journal d'audit : intègre (${check.auditEntries} entrées vérifiées)`);
  if (check.workflowEvents !== null)
    lines.push(`  journal des événements des processus : intègre (${check.workflowEvents} entrées vérifiées)`);
  if (check.migrations)
    lines.push(
      `  migrations appliquées : ${check.migrations.applied.length} (dernière : ${check.migrations.applied.at(-1) ?? "aucune"})`,
    );
  return lines.join("\n");
}
