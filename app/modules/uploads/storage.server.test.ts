import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/modules/auth/session.server";
import { prisma } from "~/utils/db.server";
import { loadReferenceData } from "../../../seeds/reference/load.server";
import { person } from "../../../test/support/people";
import { displayName, keepUpload, removeStoredFile, storedFilePath, uploadsDirectory } from "./storage.server";

const folder = mkdtempSync(join(tmpdir(), "passerelles-recu-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let coordinator: SessionUser;
const CONTENT = "finess;nom\n140000027;MECS\n";

beforeAll(async () => {
  await loadReferenceData();
  coordinator = await person("coord@cnsa.example", "cnsa", ["COORDINATEUR_CNSA"]);
});

describe("stored uploads", () => {
  it("keeps a checked file under a generated id, its name only as cleaned metadata, with its hash", async () => {
    const path = join(folder, "recu");
    writeFileSync(path, CONTENT);
    const name = "../../etc/passwd\u0007\r\n.csv";
    const stored = await keepUpload(coordinator, { path, name, size: 26 }, { kind: "CSV", encoding: "utf-8" });
    expect(stored.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(storedFilePath(stored.id)).toBe(join(uploadsDirectory(), stored.id));
    expect(readFileSync(storedFilePath(stored.id), "utf8")).toBe(CONTENT);
    expect(await prisma.storedFile.findUniqueOrThrow({ where: { id: stored.id } })).toMatchObject({
      kind: "CSV",
      encoding: "utf-8",
      originalName: "passwd .csv",
      size: 26,
      sha256: createHash("sha256").update(CONTENT).digest("hex"),
      uploadedById: coordinator.id,
      organisationId: coordinator.organisationId,
    });
    await removeStoredFile(stored.id);
    expect(existsSync(storedFilePath(stored.id))).toBe(false);
    expect(await prisma.storedFile.count({ where: { id: stored.id } })).toBe(0);
  });

  it("never builds a path from anything but a generated id", () => {
    for (const id of ["../app.db", "a/b", "", "00000000-0000-0000-0000-000000000000/../x"])
      expect(() => storedFilePath(id)).toThrow(/Not a stored file id/);
  });

  it("shows the last segment of a Windows or Unix path, without control characters, leading dots or excess", () => {
    expect(displayName("C:\\Users\\agent\\Bureau\\liste FINESS.csv")).toBe("liste FINESS.csv");
    expect(displayName(".htaccess")).toBe("htaccess");
    expect(displayName("\u0000\u0001")).toBe("fichier");
    const long = `${"é".repeat(300)}.xlsx`;
    expect(displayName(long)).toHaveLength(200);
    expect(displayName(long).endsWith(".xlsx")).toBe(true);
  });
});
