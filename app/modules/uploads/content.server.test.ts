import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { unzipSync, zipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { refusedAs, valueOf } from "../../../test/support/result";
import { multipart, postMultipart } from "../../../test/support/multipart";
import { checkContent, withCheckedUpload, zipProblem } from "./content.server";

const folder = mkdtempSync(join(tmpdir(), "passerelles-contenu-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A file written with these bytes, as withUpload hands it over (under the name the browser sent). */
function received(name: string, bytes: Uint8Array | string) {
  const path = join(folder, `f-${Math.random().toString(36).slice(2)}`);
  writeFileSync(path, bytes);
  return { path, name, size: statSync(path).size };
}

const MiB = 1024 * 1024;
const CSV_UTF8 = "finess_geographique;nom;departement\n140000027;Maison d'enfants Chanteclair;14\n";
const PDF = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

async function workbook() {
  const book = new ExcelJS.Workbook();
  book.addWorksheet("Établissements").addRow(["FINESS", "Nom"]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** A real workbook with one more entry that inflates to `bytes` of zeros. */
const bomb = async (bytes: number) =>
  zipSync({ ...unzipSync(await workbook()), "xl/media/image1.bin": new Uint8Array(bytes) }, { level: 9 });

describe("a received file's kind, from its content", () => {
  it("takes a CSV in UTF-8 or Windows-1252, as French spreadsheet tools export it", async () => {
    expect(valueOf(await checkContent(received("liste.csv", CSV_UTF8), ["CSV"]))).toEqual({
      kind: "CSV",
      encoding: "utf-8",
    });
    const latin = Buffer.from("nom;categorie\nFoyer de l'enfance;MECS\nAssociation Sénevé;IME\n", "latin1");
    expect(valueOf(await checkContent(received("liste.csv", latin), ["CSV"]))).toEqual({
      kind: "CSV",
      encoding: "windows-1252",
    });
  });

  it("refuses a PDF, a workbook or a binary behind a .csv name, saying what it found", async () => {
    expect(await checkContent(received("etablissements.csv", PDF), ["CSV"])).toEqual({
      ...refusedAs("REFUSE"),
      message:
        "« etablissements.csv » n'est pas un fichier CSV (texte, colonnes séparées par des points-virgules ou des virgules) : son contenu est celui d'un document PDF.",
    });
    expect(await checkContent(received("liste.csv", await workbook()), ["CSV"])).toMatchObject({
      message: expect.stringMatching(/celui d'un classeur Excel \(\.xlsx\)\.$/),
    });
    const binary = new Uint8Array([0x4d, 0x5a, 0x00, 0x01, 0x02, 0x00, 0x10]);
    expect(await checkContent(received("liste.csv", binary), ["CSV"])).toMatchObject({
      message: expect.stringMatching(/d'un (programme Windows|fichier binaire d'un type inconnu)\.$/),
    });
    expect(await checkContent(received("vide.csv", ""), ["CSV"])).toMatchObject({ message: "« vide.csv » est vide." });
    expect(await checkContent(received("liste.xlsx", CSV_UTF8), ["XLSX"])).toMatchObject({
      message: expect.stringMatching(/celui d'un fichier texte\.$/),
    });
  });

  it("takes a real workbook and a PDF where they are expected", async () => {
    expect(valueOf(await checkContent(received("liste.xlsx", await workbook()), ["XLSX", "CSV"]))).toEqual({
      kind: "XLSX",
      encoding: null,
    });
    expect(valueOf(await checkContent(received("cr.pdf", PDF), ["PDF"])).kind).toBe("PDF");
  });

  it("refuses a zip bomb dressed as a workbook before anything parses it", async () => {
    const file = received("liste.xlsx", await bomb(64 * MiB));
    expect(file.size).toBeLessThan(200 * 1024);
    const refused = await checkContent(file, ["XLSX"], {
      maxEntries: 100,
      maxUncompressedBytes: 32 * MiB,
      maxRatio: 1e6,
    });
    expect(refused).toMatchObject({
      ...refusedAs("REFUSE"),
      message: "« liste.xlsx » est refusé : une fois décompressé, il dépasserait 32 Mo (bombe de décompression ?).",
    });
    expect(await zipProblem(file.path, { maxEntries: 100, maxUncompressedBytes: 512 * MiB, maxRatio: 200 })).toBe(
      "il se décompresse plus de 200 fois (bombe de décompression ?).",
    );
    expect(await zipProblem(file.path, { maxEntries: 2, maxUncompressedBytes: 512 * MiB, maxRatio: 1e6 })).toMatch(
      /^l'archive compte \d+ éléments, 2 au plus\.$/,
    );
  });

  it("refuses an archive whose entries climb out of their folder, or a damaged one", async () => {
    const tricky = zipSync({ "../../etc/passwd": new TextEncoder().encode("root") });
    const limits = { maxEntries: 10, maxUncompressedBytes: MiB, maxRatio: 100 };
    expect(await zipProblem(received("a.xlsx", tricky).path, limits)).toBe("l'archive est illisible ou endommagée.");
    const cut = (await workbook()).subarray(0, 300);
    expect(await zipProblem(received("b.xlsx", cut).path, limits)).toBe("l'archive est illisible ou endommagée.");
  });
});

describe("a route's checked upload", () => {
  const options = { field: "fichier", maxBytes: MiB, directory: folder, accept: ["CSV"] as const };
  const temporaryFolders = () => readdirSync(folder).filter((f) => f.startsWith("passerelles-televersement-"));

  it("hands over a CSV with its encoding, then removes the received file", async () => {
    let seen = "";
    const result = await withCheckedUpload(
      postMultipart(multipart([{ name: "fichier", filename: "liste.csv", value: CSV_UTF8 }])),
      options,
      async ({ file, content }) => {
        seen = file.path;
        return { ok: true, value: content };
      },
    );
    expect(valueOf(result)).toEqual({ kind: "CSV", encoding: "utf-8" });
    expect(existsSync(seen)).toBe(false);
    expect(temporaryFolders()).toEqual([]);
  });

  it("refuses a PDF named .csv or a missing file as a field error, keeping nothing", async () => {
    let used = false;
    const use = async () => ((used = true), { ok: true as const, value: null });
    const pdf = await withCheckedUpload(
      postMultipart(multipart([{ name: "fichier", filename: "liste.csv", value: PDF }])),
      options,
      use,
    );
    expect(pdf).toMatchObject({
      ...refusedAs("INVALIDE"),
      errors: { fichier: expect.stringMatching(/document PDF\.$/) },
    });
    const none = await withCheckedUpload(postMultipart(multipart([{ name: "autre", value: "x" }])), options, use);
    expect(none).toMatchObject({ errors: { fichier: "Choisissez le fichier à envoyer." } });
    expect(used).toBe(false);
    expect(temporaryFolders()).toEqual([]);
  });
});
