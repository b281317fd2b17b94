/**
 * Backup and restore against real processes: writers in other processes going through the
 * app's write path (audit log, workflow engine), the real `npm run backup` and
 * `npm run restore` scripts, and the real worker process holding the app lock.
 */
import Database from "better-sqlite3";
import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { audit, verifyAuditChain } from "~/modules/journal/audit.server";
import { verifyEventChain } from "~/modules/workflow/engine.server";
import { takeAppLockExclusively } from "~/utils/app-lock.server";
import { encryptSecret } from "~/utils/crypto.server";
import { openClient, prisma } from "~/utils/db.server";
import { person } from "../../../test/support/people";
import { loadReferenceData } from "../../../seeds/reference/load.server";
import { BackupError, createBackup } from "./backup.server";
import { restoreBackup, RestoreError } from "./restore.server";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const here = (file: string) => JSON.stringify(pathToFileURL(resolve(root, file)).href);
const liveDb = resolve(process.env.DATABASE_URL!.replace(/^file:/, ""));
const work = join(dirname(liveDb), `backup-test-${process.pid}`);
const writerScript = join(work, "writer.mts");

// Writes through the app's own write path until told to stop: an audit entry, then a
// workflow created and moved on in two transactions (so both hash chains grow).
const WRITER_SOURCE = `
import { audit } from ${here("app/modules/journal/audit.server.ts")};
import { registerClosableWorkflow } from ${here("test/support/closable-workflow.ts")};
import { applyEvent, startWorkflow } from ${here("app/modules/workflow/engine.server.ts")};
import { prisma, writeTransaction } from ${here("app/utils/db.server.ts")};

registerClosableWorkflow("essai-sauvegarde");
const actor = { id: "writer-" + process.pid, label: "Processus " + process.pid };
let stop = false;
process.on("message", () => (stop = true));
await prisma.auditEntry.count();
let n = 0;
const errors = [];
while (!stop) {
  try {
    await audit({ actor, action: "essai.ecriture", entityType: "Essai", data: { n } });
    const wf = await writeTransaction((tx) => startWorkflow(tx, { type: "essai-sauvegarde", actor }));
    const result = await applyEvent({ workflowId: wf.id, event: { type: "CLORE" }, actor });
    if (!result.ok) errors.push(result.message);
  } catch (error) {
    errors.push(String(error?.stack ?? error));
    break;
  }
  n += 1;
  if (n === 10) process.send({ type: "writing" });
  await new Promise((resolve) => setImmediate(resolve)); // let the stop message in
}
await prisma.$disconnect();
process.send({ type: "done", n, errors }, () => process.exit(0));
`;

type Run = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };
type Started = { child: ChildProcess; output: () => string; exit: Promise<Run> };

function start(args: string[], env: Record<string, string> = {}): Started {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const exit = new Promise<Run>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, output: () => stdout + stderr, exit };
}

const runScript = (script: string, args: string[], database: string) =>
  start([script, ...args], { DATABASE_URL: `file:${database}` }).exit;

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 150_000) {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

function integrity(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return (db.pragma("integrity_check") as Array<{ integrity_check: string }>).map((row) => row.integrity_check);
  } finally {
    db.close();
  }
}

/** Runs `read` on a client of another database file, then closes it. */
async function withClient<T>(file: string, read: (db: ReturnType<typeof openClient>) => Promise<T>) {
  const db = openClient(`file:${file}`, { readonly: true });
  try {
    return await read(db);
  } finally {
    await db.$disconnect();
  }
}

const running: ChildProcess[] = [];
let folder = 0;
const freshFolder = () => {
  const dir = join(work, `case-${++folder}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};

beforeAll(async () => {
  mkdirSync(work, { recursive: true });
  writeFileSync(writerScript, WRITER_SOURCE);
  await audit({ actor: null, action: "essai.avant", entityType: "Essai" });
});
afterAll(() => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

describe("npm run backup and npm run restore", () => {
  test("a backup taken while two other processes write restores into a fresh place, intact, with both journals' chains whole", async () => {
    const writers = [start([writerScript]), start([writerScript])];
    running.push(...writers.map((w) => w.child));
    const writing = writers.map(
      (w) =>
        new Promise<void>((resolve) =>
          w.child.on("message", (m: { type: string }) => m.type === "writing" && resolve()),
        ),
    );
    await Promise.race([
      Promise.all(writing),
      ...writers.map((w) => w.exit.then((run) => Promise.reject(new Error(run.stderr)))),
    ]);

    const backupFile = join(work, "pendant-les-ecritures.db");
    const auditBefore = await prisma.auditEntry.count();
    const backup = await runScript("scripts/backup.ts", [backupFile], liveDb);
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(`Sauvegarde écrite et vérifiée`);
    expect(backup.stdout).toContain(backupFile);
    expect(backup.stdout).toMatch(/journal d'audit : intègre \(\d+ entrées vérifiées\)/);
    expect(backup.stdout).toContain("même APP_SECRET");

    // The writers were still at it when the copy was made: the copy holds a strict prefix.
    writers.forEach((w) => w.child.send("stop"));
    const done = await Promise.all(
      writers.map(
        (w) =>
          new Promise<{ n: number; errors: string[] }>((resolve) =>
            w.child.on(
              "message",
              (m: { type: string; n: number; errors: string[] }) => m.type === "done" && resolve(m),
            ),
          ),
      ),
    );
    await Promise.all(writers.map((w) => w.exit));
    expect(done.flatMap((d) => d.errors)).toEqual([]);
    const auditAfter = await prisma.auditEntry.count();

    const target = join(freshFolder(), "restauree.db");
    const restore = await runScript("scripts/restore.ts", [backupFile], target);
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain(`Base restaurée`);
    expect(restore.stdout).toContain("Il n'y avait pas de base à remplacer.");
    expect(restore.stdout).toContain("Il faut le même APP_SECRET que celui de la base sauvegardée");

    expect(integrity(target)).toEqual(["ok"]);
    const restored = await withClient(target, async (db) => ({
      audit: await verifyAuditChain(db),
      events: await verifyEventChain(db),
      lastAudit: await db.auditEntry.findFirstOrThrow({ orderBy: { seq: "desc" } }),
      instances: await db.workflowInstance.findMany({
        where: { type: "essai-sauvegarde" },
        select: { id: true, status: true, rowVersion: true, _count: { select: { events: true } } },
      }),
    }));
    expect(restored.audit).toMatchObject({ ok: true });
    expect(restored.events).toMatchObject({ ok: true });
    expect(restored.audit.count).toBeGreaterThan(auditBefore);
    expect(restored.audit.count).toBeLessThan(auditAfter);
    // The same entry, with the same hash, as in the live database: a prefix, not a fork.
    expect(await prisma.auditEntry.findUniqueOrThrow({ where: { seq: restored.lastAudit.seq } })).toMatchObject({
      hash: restored.lastAudit.hash,
    });
    // Each transaction is wholly in the copy or wholly out of it.
    expect(restored.instances.length).toBeGreaterThan(0);
    for (const instance of restored.instances) {
      expect(instance._count.events).toBe(instance.status === "clos" ? 2 : 1);
      expect(instance.rowVersion).toBe(instance._count.events - 1);
    }
  }, 240_000);

  test("by default the backup goes under backups/ beside the database, named from the app clock, and never overwrites a file", async () => {
    const at = new Date("2026-12-04T09:15:30.250Z");
    const first = await createBackup({ now: () => at });
    expect(first.file).toBe(join(dirname(liveDb), "backups", "passerelles-2026-12-04T09-15-30Z.db"));
    expect(integrity(first.file)).toEqual(["ok"]);
    expect(first.check).toMatchObject({ problems: [], migrations: { unknown: [], pending: [], failed: [] } });
    const before = sha256(first.file);

    await expect(createBackup({ now: () => at })).rejects.toThrow(
      new BackupError(`Sauvegarde refusée : ${first.file} existe déjà (rien n'a été écrasé).`),
    );
    expect(sha256(first.file)).toBe(before);
    await expect(createBackup({ destination: liveDb })).rejects.toThrow(/est la base elle-même/);
    await expect(createBackup({ database: join(work, "absente.db"), destination: join(work, "x.db") })).rejects.toThrow(
      /n'existe pas/,
    );
    expect(readdirSync(dirname(first.file)).filter((name) => name.endsWith(".partiel"))).toEqual([]);
  });

  test("a restore refuses a file that is not a database, a damaged one, a live copy missing its WAL, one whose journal was altered, one from a newer version and a half-migrated one, and the database in service stays as it was", async () => {
    const dir = freshFolder();
    const good = (await createBackup({ destination: join(dir, "bonne.db") })).file;
    const target = join(dir, "en-service.db");
    copyFileSync(good, target);
    const targetBefore = sha256(target);

    const variant = (name: string, change: (db: Database.Database) => void) => {
      const file = join(dir, name);
      copyFileSync(good, file);
      const db = new Database(file);
      try {
        change(db);
      } finally {
        db.close();
      }
      return file;
    };
    const notADatabase = join(dir, "texte.db");
    writeFileSync(notADatabase, "ceci n'est pas une base\n".repeat(200));
    const damaged = join(dir, "abimee.db");
    const bytes = readFileSync(good);
    const pageSize = bytes.readUInt16BE(16);
    for (let page = 2; page * pageSize < bytes.length; page += 1)
      bytes.fill(0xa5, page * pageSize, page * pageSize + 64);
    writeFileSync(damaged, bytes);
    const altered = variant("journal-modifie.db", (db) => {
      const trigger = db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'AuditEntry' AND sql LIKE '%UPDATE%'",
        )
        .get() as { name: string };
      db.exec(`DROP TRIGGER "${trigger.name}"`);
      db.prepare(
        `UPDATE "AuditEntry" SET actorLabel = 'Quelqu''un d''autre' WHERE seq = (SELECT min(seq) FROM "AuditEntry")`,
      ).run();
    });
    const newer = variant("version-future.db", (db) => {
      db.prepare(
        "INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ('x', 'x', '20991231000000_future', 0, 1, 1)",
      ).run();
    });
    const halfMigrated = variant("migration-inachevee.db", (db) => {
      db.prepare(
        "INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) VALUES ('y', 'y', '20991231000001_echec', 0, 0)",
      ).run();
    });

    const withWal = join(dir, "avec-wal.db");
    copyFileSync(good, withWal);
    writeFileSync(`${withWal}-wal`, "des changements validés qui manqueraient");

    const cases: Array<[string, RegExp]> = [
      [withWal, /n'est pas une copie autonome/],
      [join(dir, "absente.db"), /Fichier introuvable/],
      [notADatabase, /n'est pas une base SQLite/],
      [damaged, /Intégrité SQLite : la base est endommagée|Lecture de .* impossible/],
      [altered, /Journal d'audit : chaîne rompue à l'entrée n° \d+ \(contenu modifié\)/],
      [newer, /version plus récente de Passerelles \(migrations inconnues de cette version : 20991231000000_future\)/],
      [halfMigrated, /Migration inachevée dans la base : 20991231000001_echec/],
    ];
    for (const [file, reason] of cases) {
      const refusal = restoreBackup({ backup: file, database: target });
      await expect(refusal).rejects.toBeInstanceOf(RestoreError);
      await expect(refusal).rejects.toThrow(/^Restauration refusée, la base en service n'a pas été touchée :/);
      await expect(refusal).rejects.toThrow(reason);
    }
    expect(sha256(target)).toBe(targetBefore);
    expect(existsSync(join(dir, "backups"))).toBe(false);
    expect(existsSync(`${target}.restauration`)).toBe(false);
  });

  test("a restore is refused while the worker runs on the database, goes ahead once its process was killed, and keeps the replaced database with its latest writes", async () => {
    const dir = freshFolder();
    const backupFile = (await createBackup({ destination: join(dir, "sauvegarde.db") })).file;
    const target = join(dir, "app.db");
    copyFileSync(backupFile, target);

    const worker = start(["scripts/worker.ts"], { DATABASE_URL: `file:${target}`, WORKER_INTERVAL_MS: "200" });
    running.push(worker.child);
    await waitUntil(() => worker.output().includes("Travailleur Passerelles démarré"), "the worker to start");
    // The worker plans its recurring jobs at start: a write that only the replaced database has.
    const plannedJobs = (file = target) => {
      const db = new Database(file, { readonly: true });
      try {
        return (db.prepare("SELECT count(*) AS n FROM ScheduledJob").get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    const jobsInBackup = plannedJobs(backupFile);
    await waitUntil(() => plannedJobs() > jobsInBackup, "the worker to plan its jobs");

    await expect(restoreBackup({ backup: backupFile, database: target })).rejects.toThrow(
      new RestoreError(
        `Restauration refusée : Passerelles tourne sur ${target} (serveur ou travailleur). Arrêtez-le, puis relancez la restauration ; la base en service n'a pas été touchée.`,
      ),
    );

    worker.child.kill("SIGKILL"); // a crash: no clean shutdown, nothing removed
    expect((await worker.exit).signal).toBe("SIGKILL");
    const jobsAtCrash = plannedJobs();
    const result = await restoreBackup({
      backup: backupFile,
      database: target,
      now: () => new Date("2026-12-04T10:00:00Z"),
    });
    expect(result.replacedKeptAt).toBe(join(dir, "backups", "remplacee-2026-12-04T10-00-00Z.db"));
    expect(integrity(target)).toEqual(["ok"]);
    expect(sha256(target)).toBe(sha256(backupFile));
    expect(existsSync(`${target}-wal`)).toBe(false);
    expect(plannedJobs(result.replacedKeptAt!)).toBe(jobsAtCrash);
    expect(plannedJobs()).toBe(jobsInBackup);
  }, 240_000);

  test("the worker does not start while a restore holds the database", async () => {
    const dir = freshFolder();
    const target = join(dir, "app.db");
    const release = takeAppLockExclusively(target);
    expect(release).not.toBeNull();
    try {
      const run = await runScript("scripts/worker.ts", [], target);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`Démarrage refusé : une restauration de la base ${target} est en cours.`);
      expect(existsSync(target)).toBe(false); // no migration ran
    } finally {
      release!();
    }
  }, 150_000);

  test("a restore says whether the APP_SECRET in place reads the backup's second-factor keys", async () => {
    await loadReferenceData();
    const { id } = await person("second-facteur@cnsa.example", "cnsa", []);
    await prisma.user.update({ where: { id }, data: { totpKey: encryptSecret(new Uint8Array(20).fill(7)) } });
    const dir = freshFolder();
    const backupFile = (await createBackup({ destination: join(dir, "avec-totp.db") })).file;
    const secret = process.env.APP_SECRET!;

    const same = await restoreBackup({
      backup: backupFile,
      database: join(dir, "a", "app.db"),
      env: { APP_SECRET: secret },
    });
    expect(same.secret).toEqual({ kind: "matches", source: "la variable APP_SECRET" });
    const other = await restoreBackup({
      backup: backupFile,
      database: join(dir, "b", "app.db"),
      env: { APP_SECRET: "un-autre-secret-0123456789abcdef0123456789" },
    });
    expect(other.secret).toEqual({ kind: "differs", source: "la variable APP_SECRET" });
    const none = await restoreBackup({ backup: backupFile, database: join(dir, "c", "app.db"), env: {} });
    expect(none.secret).toEqual({ kind: "missing", expectedAt: join(dir, "c", "app-secret") });
    expect(existsSync(join(dir, "c", "app-secret"))).toBe(false); // the restore never invents a secret
    mkdirSync(join(dir, "d"));
    writeFileSync(join(dir, "d", "app-secret"), `${secret}\n`);
    const file = await restoreBackup({ backup: backupFile, database: join(dir, "d", "app.db"), env: {} });
    expect(file.secret).toEqual({ kind: "matches", source: join(dir, "d", "app-secret") });
    expect(statSync(join(dir, "d", "app.db")).size).toBe(statSync(backupFile).size);
  });
});
