import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MiB } from "./body-limit";
import { BOUNDARY as boundary, multipart, postMultipart, type Part } from "../../test/support/multipart";
import { UploadRefused, withUpload, type Upload } from "./upload.server";

const directory = mkdtempSync(join(tmpdir(), "passerelles-upload-test-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const post = postMultipart;
const options = { field: "fichier", maxBytes: 1 * MiB, directory };
const refusalOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

describe("Uploads", () => {
  it("writes the file to disk, gives the other fields, and removes the file once used", async () => {
    let seen: Upload | null = null;
    let contentSeen = "";
    await withUpload(
      post(
        multipart([
          { name: "lot", value: "2026-12" },
          { name: "fichier", filename: "import.csv", value: "a;b\n1;2\n" },
        ]),
      ),
      options,
      async (upload) => {
        seen = upload;
        contentSeen = readFileSync(upload.file!.path, "utf8");
      },
    );
    expect(seen!.fields).toEqual({ lot: "2026-12" });
    expect(seen!.file).toMatchObject({ name: "import.csv", type: "text/csv", size: 8 });
    expect(contentSeen).toBe("a;b\n1;2\n");
    expect(existsSync(seen!.file!.path)).toBe(false);
    expect(readdirSync(directory)).toEqual([]);
  });

  it("removes the file when the work on it fails", async () => {
    let path = "";
    const failure = await refusalOf(
      withUpload(
        post(multipart([{ name: "fichier", filename: "import.csv", value: "x" }])),
        options,
        async (upload) => {
          path = upload.file!.path;
          throw new Error("import failed");
        },
      ),
    );
    expect(failure).toEqual(new Error("import failed"));
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(directory)).toEqual([]);
  });

  it("refuses a file over the limit with 413 and a French message, keeping nothing", async () => {
    const refusal = await refusalOf(
      withUpload(
        post(multipart([{ name: "fichier", filename: "gros.csv", value: "a".repeat(MiB + 1) }])),
        options,
        async () => "used",
      ),
    );
    expect(refusal).toBeInstanceOf(UploadRefused);
    expect(refusal).toMatchObject({
      status: 413,
      message: "Le contenu envoyé dépasse la taille acceptée ici (1 Mo). Rien n'a été enregistré.",
    });
    expect(readdirSync(directory)).toEqual([]);
  });

  it("refuses a body that is not multipart (415) or not well formed (400)", async () => {
    expect(
      await refusalOf(withUpload(post("a=b", "application/x-www-form-urlencoded"), options, async () => "used")),
    ).toMatchObject({ status: 415 });
    expect(await refusalOf(withUpload(post("pas un formulaire"), options, async () => "used"))).toMatchObject({
      status: 400,
      message: "Le formulaire envoyé est illisible ou incomplet.",
    });
    const truncated = multipart([{ name: "fichier", filename: "import.csv", value: "a;b\n" }]).slice(0, -10);
    expect(await refusalOf(withUpload(post(truncated), options, async () => "used"))).toMatchObject({ status: 400 });
    expect(readdirSync(directory)).toEqual([]);
  });

  it("keeps only the first file of the expected input and refuses more than five files", async () => {
    const receive = (parts: Part[]) => withUpload(post(multipart(parts)), options, async (u) => u);
    const upload = await receive([
      { name: "autre", filename: "x.csv", value: "ignored" },
      { name: "fichier", filename: "", value: "" },
    ]);
    expect(upload.file).toBeNull();
    const two = await receive([
      { name: "fichier", filename: "a.csv", value: "a" },
      { name: "fichier", filename: "b.csv", value: "bb" },
    ]);
    expect(two.file).toMatchObject({ name: "a.csv", size: 1 });
    const six = multipart(
      ["a", "b", "c", "d", "e", "f"].map((name) => ({ name: "fichier", filename: `${name}.csv`, value: name })),
    );
    expect(await refusalOf(withUpload(post(six), options, async () => "used"))).toMatchObject({
      status: 413,
      message: "Le formulaire envoyé compte trop de champs ou de fichiers.",
    });
    expect(readdirSync(directory)).toEqual([]);
  });

  it("lets a failure of the body itself (cut by the server, client gone) through unchanged", async () => {
    const cut = new Error("body cut");
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(
          new TextEncoder().encode(
            `--${boundary}\r\nContent-Disposition: form-data; name="fichier"; filename="a.csv"\r\n\r\nabc`,
          ),
        );
        controller.error(cut);
      },
    });
    expect(await refusalOf(withUpload(post(body), options, async () => "used"))).toBe(cut);
    expect(readdirSync(directory)).toEqual([]);
  });
});
