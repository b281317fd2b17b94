/**
 * An establishment extract imported all or nothing without one long write transaction
 * (decision 043): the file is validated as a stream while its valid lines are staged, a chunk
 * per short transaction, under the import's id in the register; a file with any problem keeps
 * only its report (the staged rows are removed, a chunk at a time); a valid file is compared
 * with the live import in SQL (created, updated, unchanged, absent) and, when it changes
 * something, switched on in one small commit — the register's pointer, compared and set. The
 * rows of the import it replaces are removed afterwards, a chunk at a time.
 */
import { sql } from "kysely";
import { now as clockNow } from "~/utils/clock.server";
import { prisma, writeTransaction } from "~/utils/db.server";
import { readDb } from "~/utils/read-db.server";
import type { ImportLine, ImportProblem } from "./columns";
import type { ImportStatus } from "./status";
import { importReferences } from "./references.server";
import { validateEstablishmentFile } from "./validate.server";

const REGISTER = "national";
const STAGE_CHUNK = 1_000;
const DELETE_CHUNK = 5_000;
const PROBLEM_CHUNK = 1_000;

export type ImportCounts = { created: number; updated: number; unchanged: number; absent: number };
export type ImportSummary = { status: ImportStatus; lines: number; problemCount: number } & ImportCounts;

/** The values a row is compared on, in the order of its staged columns after its key. */
const comparedValues = (l: ImportLine) => [
  l.finessJuridique,
  l.name,
  l.legalEntityName,
  l.departementCode,
  l.category,
  l.sector,
  l.productId,
  l.grappeCode,
  l.waveRank,
];

/** The compared values joined: two imports' rows differ when their fingerprints do. */
export const fingerprintOf = (l: ImportLine) => JSON.stringify(comparedValues(l));

const STAGED_COLUMNS = [
  "importId",
  "finessGeographique",
  "finessJuridique",
  "name",
  "legalEntityName",
  "departementCode",
  "category",
  "sector",
  "productId",
  "grappeCode",
  "waveRank",
  "line",
  "fingerprint",
] as const;
/** 13 values per row: 500 rows stay well under SQLite's limit of bound values per statement. */
const INSERT_ROWS = 500;
const INSERT_STAGED = (rows: number) =>
  `INSERT INTO "RegisterEstablishment" (${STAGED_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${Array.from(
    { length: rows },
    () => `(${STAGED_COLUMNS.map(() => "?").join(", ")})`,
  ).join(", ")}`;

/** One chunk of valid lines staged, and the progress, in one short transaction (a multi-row INSERT per 500 lines). */
async function stage(importId: string, lines: ImportLine[], processedLines: number, progress: number) {
  await writeTransaction(async (tx) => {
    for (let start = 0; start < lines.length; start += INSERT_ROWS) {
      const part = lines.slice(start, start + INSERT_ROWS);
      await tx.$executeRawUnsafe(
        INSERT_STAGED(part.length),
        ...part.flatMap((l) => [importId, l.finessGeographique, ...comparedValues(l), l.line, fingerprintOf(l)]),
      );
    }
    await tx.establishmentImport.update({
      where: { id: importId },
      data: { processedLines, progress, heartbeatAt: clockNow() },
    });
  });
}

/** Removes an import's rows from the register, one short transaction per chunk. */
export async function discardRows(importId: string) {
  for (;;) {
    const removed = await writeTransaction(
      (tx) =>
        tx.$executeRaw`DELETE FROM "RegisterEstablishment" WHERE rowid IN (
          SELECT rowid FROM "RegisterEstablishment" WHERE "importId" = ${importId} LIMIT ${DELETE_CHUNK})`,
    );
    if (removed < DELETE_CHUNK) return;
  }
}

async function keepProblems(importId: string, problems: ImportProblem[]) {
  for (let start = 0; start < problems.length; start += PROBLEM_CHUNK)
    await writeTransaction((tx) =>
      tx.establishmentImportProblem.createMany({
        data: problems.slice(start, start + PROBLEM_CHUNK).map((p, i) => ({ importId, seq: start + i + 1, ...p })),
      }),
    );
}

/** The live import: the register's pointer. */
export async function currentImportId(): Promise<string | null> {
  const register = await prisma.establishmentRegister.findUnique({ where: { id: REGISTER } });
  return register?.currentImportId ?? null;
}

/** The staged import against the live one, by FINESS géographique, counted by the database. */
export async function compareWithLive(importId: string, liveId: string | null): Promise<ImportCounts> {
  const db = readDb();
  const { rows } = await sql<{ created: number; updated: number; unchanged: number }>`
    SELECT coalesce(sum(l.finessGeographique IS NULL), 0) AS created,
           coalesce(sum(l.finessGeographique IS NOT NULL AND l.fingerprint <> n.fingerprint), 0) AS updated,
           coalesce(sum(l.fingerprint = n.fingerprint), 0) AS unchanged
    FROM RegisterEstablishment n
    LEFT JOIN RegisterEstablishment l ON l.importId = ${liveId} AND l.finessGeographique = n.finessGeographique
    WHERE n.importId = ${importId}`.execute(db);
  const { rows: absentRows } = await sql<{ absent: number }>`
    SELECT count(*) AS absent FROM RegisterEstablishment l
    WHERE l.importId = ${liveId} AND NOT EXISTS (
      SELECT 1 FROM RegisterEstablishment n WHERE n.importId = ${importId} AND n.finessGeographique = l.finessGeographique)`.execute(
    db,
  );
  return { ...rows[0]!, absent: absentRows[0]!.absent };
}

async function finish(importId: string, summary: ImportSummary) {
  const { lines, ...counts } = summary;
  await writeTransaction((tx) =>
    tx.establishmentImport.update({
      where: { id: importId },
      data: { ...counts, processedLines: lines, progress: 100, finishedAt: clockNow() },
    }),
  );
  return summary;
}

/**
 * Runs a queued import (runner.server.ts `queueImport`) on its kept file, whose content was checked: validate
 * and stage, then refuse, keep the register as it is, or switch it on. A failure before the
 * switch leaves the register as it was (ECHEC, the staged rows removed) and is thrown again.
 */
export async function runImport(
  importId: string,
  file: { path: string; encoding: "utf-8" | "windows-1252" },
): Promise<ImportSummary> {
  const none = { created: 0, updated: 0, unchanged: 0, absent: 0 };
  let applied: ImportSummary & { replaced: string | null };
  try {
    const refs = await importReferences();
    let pending: ImportLine[] = [];
    let staged = 0;
    let fraction = 0;
    const flush = async () => {
      if (pending.length === 0) return;
      const chunk = pending;
      pending = [];
      staged += chunk.length;
      await stage(importId, chunk, staged, Math.floor(fraction * 100));
    };
    const outcome = await validateEstablishmentFile(file.path, {
      encoding: file.encoding,
      refs,
      onProgress: (progress) => (fraction = progress.fraction),
      onLine: async (line) => {
        pending.push(line);
        if (pending.length >= STAGE_CHUNK) await flush();
      },
    });
    if (outcome.problemCount > 0) {
      await discardRows(importId);
      await keepProblems(importId, outcome.problems);
      return await finish(importId, {
        status: "REFUSE",
        lines: outcome.lines,
        problemCount: outcome.problemCount,
        ...none,
      });
    }
    await flush();
    const liveId = await currentImportId();
    const counts = await compareWithLive(importId, liveId);
    const summary = { lines: outcome.lines, problemCount: 0, ...counts };
    if (counts.created + counts.updated + counts.absent === 0) {
      await discardRows(importId);
      return await finish(importId, { status: "INCHANGE", ...summary });
    }
    // The switch: one small commit, if no other import switched in between.
    const switched = await writeTransaction(async (tx) => {
      const moved = await tx.establishmentRegister.updateMany({
        where: { id: REGISTER, currentImportId: liveId },
        data: { currentImportId: importId },
      });
      if (moved.count === 1)
        await tx.establishmentImport.update({ where: { id: importId }, data: { status: "APPLIQUE" } });
      return moved.count === 1;
    });
    if (!switched) throw new Error("Another import switched the register on while this one was staged.");
    applied = { status: "APPLIQUE", ...summary, replaced: liveId };
  } catch (error) {
    await abandonImport(importId);
    throw error;
  }
  // Switched on: its rows are live now, and a failure past this point must not remove them
  // (the replaced import's rows left behind are swept by the worker, runner.server.ts).
  const { replaced, ...summary } = applied;
  await finish(importId, summary);
  if (replaced) await discardRows(replaced);
  return summary;
}

/** An import that cannot end: its staged rows removed, ECHEC; the register as it was. */
export async function abandonImport(importId: string) {
  await discardRows(importId);
  await writeTransaction((tx) =>
    tx.establishmentImport.update({ where: { id: importId }, data: { status: "ECHEC", finishedAt: clockNow() } }),
  );
}
