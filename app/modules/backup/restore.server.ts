/**
 * Restores a backup over the live database (`npm run restore <file>`), only while no app
 * process runs on it. Order matters, so that a refusal or a failure loses nothing:
 * 1. check the backup (integrity, both hash chains, migrations not newer than the code);
 * 2. take the app lock exclusively (app/utils/app-lock.server.ts) — refused while the server
 *    or a worker runs, granted after a crash since the kernel dropped the dead process's lock;
 * 3. move the current database (and its WAL, which may hold committed changes) aside under
 *    backups/, then put a copy of the backup in its place under the database's name.
 * The backup file itself is never modified. See decision 016.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import { takeAppLockExclusively } from "~/utils/app-lock.server";
import { now as clockNow } from "~/utils/clock.server";
import { decryptSecret } from "~/utils/crypto.server";
import { localSecretFile } from "~/utils/env.server";
import { databaseFile } from "../../../prisma/sqlite-adapter";
import { backupFolder, fileStamp } from "./backup.server";
import { checkDatabaseFile, type DatabaseCheck } from "./check.server";

export class RestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RestoreError";
  }
}

/** Whether the APP_SECRET this database will run with can read the backup's TOTP keys. */
export type SecretVerdict =
  | { kind: "no-totp" }
  | { kind: "matches"; source: string }
  | { kind: "differs"; source: string }
  | { kind: "missing"; expectedAt: string };

export type RestoreResult = {
  database: string;
  /** Where the replaced database was kept; null when there was none. */
  replacedKeptAt: string | null;
  check: DatabaseCheck;
  secret: SecretVerdict;
  ms: number;
};

function secretVerdict(
  backup: string,
  database: string,
  env: { APP_SECRET?: string },
  totpKeys: number,
): SecretVerdict {
  const file = localSecretFile(`file:${database}`);
  const secret = env.APP_SECRET ?? (existsSync(file) ? readFileSync(file, "utf8").trim() : null);
  if (totpKeys === 0) return { kind: "no-totp" };
  if (!secret) return { kind: "missing", expectedAt: file };
  const source = env.APP_SECRET ? "la variable APP_SECRET" : file;
  const db = new Database(backup, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT totpKey FROM "User" WHERE totpKey IS NOT NULL LIMIT 1').get() as { totpKey: Buffer };
    decryptSecret(new Uint8Array(row.totpKey), secret);
    return { kind: "matches", source };
  } catch {
    return { kind: "differs", source };
  } finally {
    db.close();
  }
}

function freeName(base: string) {
  let candidate = `${base}.db`;
  for (let n = 2; existsSync(candidate); n += 1) candidate = `${base}-${n}.db`;
  return candidate;
}

export async function restoreBackup({
  backup,
  database = databaseFile(),
  env = { APP_SECRET: process.env.APP_SECRET },
  now = clockNow,
}: {
  backup: string;
  database?: string;
  env?: { APP_SECRET?: string };
  now?: () => Date;
}): Promise<RestoreResult> {
  const started = performance.now();
  const source = resolve(backup);
  const target = resolve(database);
  if (source === target)
    throw new RestoreError("Restauration refusée : le fichier indiqué est la base en service elle-même.");

  const check = await checkDatabaseFile(source);
  if (check.problems.length > 0) {
    throw new RestoreError(
      `Restauration refusée, la base en service n'a pas été touchée :\n- ${check.problems.join("\n- ")}`,
    );
  }

  const release = takeAppLockExclusively(target);
  if (!release) {
    throw new RestoreError(
      `Restauration refusée : Passerelles tourne sur ${target} (serveur ou travailleur). ` +
        "Arrêtez-le, puis relancez la restauration ; la base en service n'a pas été touchée.",
    );
  }
  try {
    let replacedKeptAt: string | null = null;
    const incoming = `${target}.restauration`;
    mkdirSync(dirname(target), { recursive: true });
    // Copied first, beside the database: a full disk fails here, before anything moved.
    try {
      copyFileSync(source, incoming);
    } catch (error) {
      rmSync(incoming, { force: true });
      throw new RestoreError(
        `Restauration impossible, la base en service n'a pas été touchée : ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (existsSync(target)) {
      replacedKeptAt = freeName(join(backupFolder(target), `remplacee-${fileStamp(now())}`));
      // Nobody has the database open (we hold the app lock): its WAL, if any, goes with it
      // and SQLite replays it when the kept file is opened; the -shm is rebuilt from the WAL.
      mkdirSync(backupFolder(target), { recursive: true });
      renameSync(target, replacedKeptAt);
      if (existsSync(`${target}-wal`)) renameSync(`${target}-wal`, `${replacedKeptAt}-wal`);
      rmSync(`${target}-shm`, { force: true });
    }
    renameSync(incoming, target);
    return {
      database: target,
      replacedKeptAt,
      check: { ...check },
      secret: secretVerdict(source, target, env, check.totpKeys),
      ms: Math.round(performance.now() - started),
    };
  } finally {
    release();
  }
}

/** What the restore script says about APP_SECRET, in French. */
export function describeSecret(verdict: SecretVerdict, database: string): string {
  const rule =
    "Il faut le même APP_SECRET que celui de la base sauvegardée : les clés TOTP (second facteur) sont chiffrées avec lui. " +
    `Hors production, il est conservé à côté de la base (${localSecretFile(`file:${database}`)}) : gardez-le avec vos sauvegardes.`;
  switch (verdict.kind) {
    case "no-totp":
      return `${rule}\nCette sauvegarde ne contient aucune clé TOTP.`;
    case "matches":
      return `${rule}\nVérifié : le secret actuel (${verdict.source}) déchiffre les clés TOTP de la sauvegarde.`;
    case "differs":
      return (
        `${rule}\nATTENTION : le secret actuel (${verdict.source}) ne déchiffre pas les clés TOTP de la sauvegarde. ` +
        "Remettez le secret d'origine avant de démarrer, sinon les personnes concernées ne pourront plus valider leur second facteur."
      );
    case "missing":
      return (
        `${rule}\nATTENTION : aucun secret n'est en place pour cette base. Placez celui de la base sauvegardée dans ${verdict.expectedAt} ` +
        "(ou dans la variable APP_SECRET) avant de démarrer : sinon un nouveau secret serait créé et les clés TOTP deviendraient illisibles."
      );
  }
}
