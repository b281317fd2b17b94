/**
 * What a received file really is, read from its content — never from its name or the type the
 * browser announced (decision 042). Binary kinds by their signature (file-type); an office file
 * (a zip) opened entry by entry, each inflated and counted, before anything parses it: a zip
 * bomb is refused past its limits; text by the absence of NUL bytes, its encoding being UTF-8
 * when it decodes as such, Windows-1252 (what French spreadsheet tools export) otherwise.
 */
import { open } from "node:fs/promises";
import { fileTypeFromFile } from "file-type";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { vocabulary, type CodeOf } from "~/utils/vocabulary";
import { invalidFields, refusal, success, type Result } from "~/utils/result";
import { withUpload, type ReceivedFile, type Upload, type UploadOptions } from "~/utils/upload.server";

/** The kinds of file the app accepts, each route naming those it takes. */
export const FILE_KIND_VOCABULARY = vocabulary({
  CSV: "fichier CSV (texte, colonnes séparées par des points-virgules ou des virgules)",
  TEXTE: "fichier texte",
  XLSX: "classeur Excel (.xlsx)",
  PDF: "document PDF",
});
export type FileKind = CodeOf<typeof FILE_KIND_VOCABULARY>;

/** What the content turned out to be, in words, for a refusal. */
const FOUND_WORDS: Record<string, string> = {
  "application/pdf": "un document PDF",
  "application/zip": "une archive ZIP",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "un classeur Excel (.xlsx)",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "un document Word (.docx)",
  "application/x-msdownload": "un programme Windows",
  "application/x-elf": "un programme",
};

/** The text kinds: what a CSV or a fixed-width file is made of. */
const TEXT_KINDS: readonly FileKind[] = ["CSV", "TEXTE"];
const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Limits of an office file's archive, checked by inflating each entry (declared sizes can lie). */
export type ZipLimits = { maxEntries: number; maxUncompressedBytes: number; maxRatio: number };
export const OFFICE_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxRatio: 200,
};

export type CheckedContent = { kind: FileKind; encoding: "utf-8" | "windows-1252" | null };

const TEXT_SAMPLE_BYTES = 64 * 1024;

/**
 * The file's kind among `accepted`, from its content; REFUSE with a French message naming what
 * was expected and, when known, what was found.
 */
export async function checkContent(
  file: { path: string; name: string; size: number },
  accepted: readonly FileKind[],
  zipLimits: ZipLimits = OFFICE_ZIP_LIMITS,
): Promise<Result<CheckedContent>> {
  const expected = accepted.map((k) => FILE_KIND_VOCABULARY.labels[k]).join(" ou ");
  const wrong = (found: string) =>
    refusal("REFUSE", `« ${file.name} » n'est pas un ${expected} : son contenu est celui d'${found}.`);
  if (file.size === 0) return refusal("REFUSE", `« ${file.name} » est vide.`);
  const type = await fileTypeFromFile(file.path);
  if (type) {
    if (type.mime === "application/pdf" && accepted.includes("PDF")) return success({ kind: "PDF", encoding: null });
    if (type.mime === XLSX_MIME && accepted.includes("XLSX")) {
      const problem = await zipProblem(file.path, zipLimits);
      return problem
        ? refusal("REFUSE", `« ${file.name} » est refusé : ${problem}`)
        : success({ kind: "XLSX", encoding: null });
    }
    return wrong(FOUND_WORDS[type.mime] ?? `un fichier d'un autre type (${type.ext})`);
  }
  const encoding = await textEncoding(file.path);
  const textKind = TEXT_KINDS.find((k) => accepted.includes(k));
  if (encoding && textKind) return success({ kind: textKind, encoding });
  return wrong(encoding ? "un fichier texte" : "un fichier binaire d'un type inconnu");
}

/**
 * The encoding of a text file from its first 64 KiB, null when it is not text (a NUL byte, or a
 * byte Windows-1252 leaves undefined). UTF-8 when the sample decodes as UTF-8 (a character cut
 * at the sample's end is fine), Windows-1252 otherwise.
 */
export async function textEncoding(path: string): Promise<"utf-8" | "windows-1252" | null> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(TEXT_SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, TEXT_SAMPLE_BYTES, 0);
    const sample = buffer.subarray(0, bytesRead);
    if (sample.includes(0)) return null;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(sample, { stream: true });
      return "utf-8";
    } catch {
      return [0x81, 0x8d, 0x8f, 0x90, 0x9d].some((b) => sample.includes(b)) ? null : "windows-1252";
    }
  } finally {
    await handle.close();
  }
}

const openZip = (path: string) =>
  new Promise<ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    ),
  );

/**
 * What is wrong with an office file's archive, in French; null when it is within its limits.
 * Every entry is inflated and its bytes counted (stopping at the limit): neither the declared
 * sizes nor the names are trusted.
 */
export async function zipProblem(path: string, limits: ZipLimits): Promise<string | null> {
  let zip: ZipFile;
  try {
    zip = await openZip(path);
  } catch {
    return "l'archive est illisible ou endommagée.";
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    return `l'archive compte ${zip.entryCount} éléments, ${limits.maxEntries} au plus.`;
  }
  let inflated = 0;
  let compressed = 0;
  try {
    return await new Promise<string | null>((resolve, reject) => {
      zip.on("error", reject);
      zip.on("end", () => resolve(null));
      zip.on("entry", (entry: Entry) => {
        compressed += entry.compressedSize;
        if (entry.fileName.endsWith("/")) return zip.readEntry();
        zip.openReadStream(entry, (error, stream) => {
          if (error) return reject(error);
          stream.on("data", (chunk: Buffer) => {
            inflated += chunk.length;
            const tooBig = inflated > limits.maxUncompressedBytes;
            const tooDense = inflated > 1024 * 1024 && inflated > limits.maxRatio * Math.max(compressed, 1);
            if (tooBig || tooDense) {
              stream.destroy();
              resolve(
                tooBig
                  ? `une fois décompressé, il dépasserait ${Math.round(limits.maxUncompressedBytes / 1024 / 1024)} Mo (bombe de décompression ?).`
                  : `il se décompresse plus de ${limits.maxRatio} fois (bombe de décompression ?).`,
              );
            }
          });
          stream.on("error", reject);
          stream.on("end", () => zip.readEntry());
        });
      });
      zip.readEntry();
    });
  } catch {
    return "l'archive est illisible ou endommagée.";
  } finally {
    zip.close();
  }
}

/**
 * A route's upload, received (streamed to disk under the route's limit, `withUpload`) and its
 * content checked against the kinds the route accepts before `use` sees it; a refused file is
 * answered with its French message and removed with its temporary folder, like every received
 * file once `use` is done (keep it with `keepUpload` inside `use`).
 */
export async function withCheckedUpload<T>(
  request: Request,
  options: UploadOptions & { accept: readonly FileKind[] },
  use: (upload: { fields: Upload["fields"]; file: ReceivedFile; content: CheckedContent }) => Promise<Result<T>>,
): Promise<Result<T>> {
  return withUpload(request, options, async ({ fields, file }) => {
    if (!file) return invalidFields({ [options.field]: "Choisissez le fichier à envoyer." });
    const content = await checkContent(file, options.accept);
    if (!content.ok) return invalidFields({ [options.field]: content.message });
    return use({ fields, file, content: content.value });
  });
}
