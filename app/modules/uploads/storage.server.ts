/**
 * Files received from forms and kept for later use (decision 042): a file whose content passed
 * `checkContent` is copied into the uploads folder beside the database under a random UUID, and
 * recorded (`StoredFile`) with its kind, encoding, size, SHA-256, who sent it and the name their
 * computer gave it — as metadata only, cleaned for display. A refused file is never kept: the
 * received one is removed with its temporary folder (`withUpload`).
 */
import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { copyFile, mkdir, rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import type { SessionUser } from "~/modules/auth/session.server";
import { writeTransaction } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { oneLine } from "~/utils/forms";
import { databaseFile } from "../../../prisma/sqlite-adapter";
import type { CheckedContent } from "./content.server";

const STORED_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MAX_NAME_LENGTH = 200;

/** The uploads folder: beside the database, like its backups and the local secret. */
export function uploadsDirectory() {
  return resolve(dirname(databaseFile(env().databaseUrl)), "televersements");
}

/** Where a stored file lies; throws for anything but a generated id (no path ever comes from a person). */
export function storedFilePath(id: string) {
  if (!STORED_ID.test(id)) throw new Error(`Not a stored file id: ${JSON.stringify(id)}`);
  return join(uploadsDirectory(), id);
}

/**
 * The name a person's computer gave a file, for display only: its last path segment (either
 * separator), control characters and line breaks turned into spaces, at most 200 characters
 * with its extension kept; "fichier" when nothing is left.
 */
export function displayName(name: string): string {
  const last = oneLine(name.split(/[\\/]/).pop() ?? "").replace(/^\.+/, "");
  if (last.length <= MAX_NAME_LENGTH) return last || "fichier";
  const dot = last.lastIndexOf(".");
  const extension = dot > 0 && last.length - dot <= 10 ? last.slice(dot) : "";
  return last.slice(0, MAX_NAME_LENGTH - extension.length) + extension;
}

async function sha256Of(path: string) {
  const hash = createHash("sha256");
  await pipeline(createReadStream(path), hash);
  return hash.digest("hex");
}

export type StoredFileRecord = { id: string; originalName: string; size: number; sha256: string };

/**
 * Keeps a received file whose content was checked: copied under a new id, then recorded; when
 * the record cannot be written the copy is removed, so that nothing is kept that is not recorded.
 */
export async function keepUpload(
  user: SessionUser,
  file: { path: string; name: string; size: number },
  content: CheckedContent,
): Promise<StoredFileRecord> {
  const id = randomUUID();
  const target = storedFilePath(id);
  await mkdir(uploadsDirectory(), { recursive: true });
  await copyFile(file.path, target);
  try {
    const record = {
      id,
      kind: content.kind,
      encoding: content.encoding,
      originalName: displayName(file.name),
      size: file.size,
      sha256: await sha256Of(target),
      uploadedById: user.id,
      organisationId: user.organisationId,
    };
    await writeTransaction((tx) => tx.storedFile.create({ data: record }));
    return { id, originalName: record.originalName, size: record.size, sha256: record.sha256 };
  } catch (error) {
    await rm(target, { force: true });
    throw error;
  }
}

/** Removes a stored file and its record (a batch replaced, an import undone). */
export async function removeStoredFile(id: string) {
  await writeTransaction((tx) => tx.storedFile.deleteMany({ where: { id } }));
  await rm(storedFilePath(id), { force: true });
}
