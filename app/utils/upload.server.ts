/**
 * Receiving a file from a form (multipart/form-data) without holding it in memory: the body is
 * parsed as it arrives (@fastify/busboy) and the file is written to a temporary folder, then
 * handed to the caller, and the folder is removed when the caller is done, whatever happened.
 * Only routes that declare `acceptsFilesUpTo` (app/utils/body-limit.ts) receive multipart
 * bodies; the server has already cut the body at that route's limit (decision 012).
 */
import Busboy from "@fastify/busboy";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { bodyTooLargeMessage, KiB } from "./body-limit";

export type ReceivedFile = { path: string; name: string; type: string; size: number };
export type Upload = { fields: Record<string, string>; file: ReceivedFile | null };
export type UploadOptions = {
  /** The name of the form's file input; files sent under another name are discarded. */
  field: string;
  maxBytes: number;
  /** Where temporary folders go (default: the system's temporary directory). */
  directory?: string;
};

/** A refusal of what was sent, with the status and the French message to show. */
export class UploadRefused extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

const MAX_FIELDS = 50;
/** A form may hold other file inputs (left empty, or not for this upload): they are read and dropped. */
const MAX_FILE_PARTS = 5;
const MAX_FIELD_BYTES = 64 * KiB;

/**
 * Receives the upload, calls `use` with it, and removes the temporary file afterwards, also
 * when the upload is refused, the client goes away or `use` throws.
 */
export async function withUpload<T>(
  request: Request,
  options: UploadOptions,
  use: (upload: Upload) => Promise<T>,
): Promise<T> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType) || !request.body) {
    throw new UploadRefused(415, "Le fichier doit être envoyé depuis le formulaire de la page (multipart/form-data).");
  }
  const folder = await mkdtemp(join(options.directory ?? tmpdir(), "passerelles-televersement-"));
  try {
    return await use(await receive(request.body, contentType, folder, options));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

function receive(body: ReadableStream<Uint8Array>, contentType: string, folder: string, options: UploadOptions) {
  return new Promise<Upload>((resolve, reject) => {
    const fields: Record<string, string> = {};
    let file: ReceivedFile | null = null;
    let writing: Promise<void> = Promise.resolve();
    let refusal: UploadRefused | null = null;
    const refuse = (error: UploadRefused) => {
      refusal ??= error;
    };

    let parser: ReturnType<typeof Busboy>;
    try {
      parser = Busboy({
        headers: { "content-type": contentType },
        limits: {
          files: MAX_FILE_PARTS,
          fileSize: options.maxBytes,
          fields: MAX_FIELDS,
          fieldSize: MAX_FIELD_BYTES,
          parts: MAX_FIELDS + MAX_FILE_PARTS,
        },
      });
    } catch {
      return reject(new UploadRefused(400, "Le formulaire envoyé est illisible."));
    }
    parser.on("file", (fieldName, stream, fileName, _encoding, mimeType) => {
      // A second file, another input or an empty input: read and dropped, so parsing goes on.
      if (fieldName !== options.field || file || !fileName) return stream.resume();
      const received: ReceivedFile = { path: join(folder, "fichier"), name: fileName, type: mimeType, size: 0 };
      file = received;
      stream.on("data", (chunk: Buffer) => (received.size += chunk.length));
      stream.on("limit", () => refuse(new UploadRefused(413, bodyTooLargeMessage(options.maxBytes))));
      writing = pipeline(stream, createWriteStream(received.path));
      writing.catch(() => {});
    });
    parser.on("field", (name, value, _nameTruncated, valueTruncated) => {
      if (valueTruncated) refuse(new UploadRefused(413, `Le champ « ${name} » est trop long.`));
      else fields[name] = value;
    });
    for (const limit of ["filesLimit", "fieldsLimit", "partsLimit"] as const) {
      parser.on(limit, () =>
        refuse(new UploadRefused(413, "Le formulaire envoyé compte trop de champs ou de fichiers.")),
      );
    }

    const source = Readable.fromWeb(body as NodeReadableStream<Uint8Array>);
    pipeline(source, parser)
      .then(() => writing)
      .then(() => (refusal ? reject(refusal) : resolve({ fields, file })))
      .catch((error: unknown) => {
        // The body itself failed (cut at the route's limit, client gone): that error stands.
        if (source.errored) return reject(source.errored);
        reject(refusal ?? new UploadRefused(400, "Le formulaire envoyé est illisible ou incomplet."));
      });
  });
}
