/**
 * Establishment imports run off the request (decision 043): the page keeps the received file
 * and queues the import (EN_ATTENTE); the worker's tick takes the oldest one — compared and set,
 * so two workers never run the same — and runs it in a child process
 * (scripts/import-establishments.ts), whose parsing and writing never hold the web server's
 * event loop. The import's row carries its progress and a heartbeat: an import in progress
 * whose heartbeat is older than STALE_IMPORT_MS was left by a process that died, and is taken
 * again from the start (its staged rows removed first). A file is kept only when its import
 * was applied.
 */
import { fork } from "node:child_process";
import { Prisma } from "~/generated/prisma/client";
import { resolve } from "node:path";
import type { SessionUser } from "~/modules/auth/session.server";
import type { CheckedContent } from "~/modules/uploads/content.server";
import { keepUpload, removeStoredFile, storedFilePath, type StoredFileRecord } from "~/modules/uploads/storage.server";
import { now as clockNow } from "~/utils/clock.server";
import { writeThenWake } from "~/modules/workflow/after-commit.server";
import { prisma, writeTransaction } from "~/utils/db.server";
import { success } from "~/utils/result";
import { abandonImport, discardRows } from "./staging.server";
import { RUNNING_IMPORT } from "./status";

/** How long an import in progress may stay silent (no chunk staged) before it is taken again. */
export const STALE_IMPORT_MS = 2 * 60_000;

type Encoding = "utf-8" | "windows-1252";

/** A received extract whose content was checked: kept (decision 042), then queued. Its import's id. */
export async function queueReceivedExtract(
  user: SessionUser,
  file: { path: string; name: string; size: number },
  content: CheckedContent,
) {
  const stored = await keepUpload(user, file, content);
  return queueImport(user, { ...stored, encoding: content.encoding ?? "utf-8" });
}

/** Queues the import of a kept file, and wakes the worker, which runs it. */
export async function queueImport(user: SessionUser, file: StoredFileRecord & { encoding: Encoding }) {
  const queued = await writeThenWake(async (tx) =>
    success(
      await tx.establishmentImport.create({
        data: {
          status: "EN_ATTENTE",
          storedFileId: file.id,
          originalName: file.originalName,
          encoding: file.encoding,
          createdById: user.id,
        },
        select: { id: true },
      }),
    ),
  );
  if (!queued.ok) throw new Error(queued.message);
  return queued.value.id;
}

/** The oldest import waiting, or in progress but silent too long, taken by this process; null when none. */
export async function claimNextImport(at = clockNow()) {
  const staleBefore = new Date(at.getTime() - STALE_IMPORT_MS);
  const next = await prisma.establishmentImport.findFirst({
    where: {
      OR: [{ status: "EN_ATTENTE" }, { status: "EN_COURS", heartbeatAt: { lt: staleBefore } }],
    },
    orderBy: { createdAt: "asc" },
    select: { id: true, status: true, heartbeatAt: true, storedFileId: true, encoding: true },
  });
  if (!next) return null;
  const taken = await writeTransaction((tx) =>
    tx.establishmentImport.updateMany({
      where: { id: next.id, status: next.status, heartbeatAt: next.heartbeatAt },
      data: { status: "EN_COURS", heartbeatAt: at, processedLines: 0 },
    }),
  );
  return taken.count === 1 ? { ...next, encoding: next.encoding as Encoding } : null;
}

/**
 * Removes the rows of imports that are neither live nor running: a process that died between
 * the switch and the removal of the replaced import's rows leaves them behind. Run when no
 * import waits.
 */
export async function sweepLeftRows() {
  // One statement, so one snapshot: an import switching on meanwhile is either still running or
  // already live. Per import an index seek on its rows, not a scan of the register.
  const left = await prisma.$queryRaw<{ id: string }[]>`
    SELECT i."id" FROM "EstablishmentImport" i
    WHERE i."status" NOT IN (${Prisma.join([...RUNNING_IMPORT])})
      AND i."id" NOT IN (SELECT "currentImportId" FROM "EstablishmentRegister" WHERE "currentImportId" IS NOT NULL)
      AND EXISTS (SELECT 1 FROM "RegisterEstablishment" r WHERE r."importId" = i."id")`;
  for (const { id } of left) await discardRows(id);
}

/** Runs one import in a child process; resolves with its exit code. */
export type ImportProcess = (importId: string, path: string, encoding: Encoding) => Promise<number>;

export const childImportProcess: ImportProcess = (importId, path, encoding) =>
  new Promise((done, fail) => {
    // The server and the worker run from the project's folder (npm start, npm run worker).
    const child = fork(resolve("scripts/import-establishments.ts"), [importId, path, encoding], {
      execArgv: ["--import", "tsx"],
      stdio: "inherit",
    });
    child.on("error", fail);
    child.on("exit", (code) => done(code ?? 1));
  });

/**
 * The worker's task: runs the next import, if any, to its end. A child that dies without
 * writing the end leaves the import ECHEC, its staged rows removed; the received file is
 * removed unless the import was applied.
 */
export async function runNextImport(run: ImportProcess = childImportProcess): Promise<string | null> {
  const next = await claimNextImport();
  if (!next) {
    await sweepLeftRows();
    return null;
  }
  // What an earlier, interrupted attempt staged.
  await discardRows(next.id);
  try {
    if (!next.storedFileId) throw new Error(`Import ${next.id} has no file`);
    await run(next.id, storedFilePath(next.storedFileId), next.encoding);
  } catch (error) {
    console.error(`[import ${next.id}]`, error);
  }
  const ended = await prisma.establishmentImport.findUniqueOrThrow({
    where: { id: next.id },
    select: { status: true },
  });
  if (ended.status === "EN_COURS") await abandonImport(next.id);
  if (ended.status !== "APPLIQUE" && next.storedFileId) await removeStoredFile(next.storedFileId);
  return next.id;
}
