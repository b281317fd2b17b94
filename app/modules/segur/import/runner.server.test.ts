import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/modules/auth/session.server";
import { keepUpload, storedFilePath } from "~/modules/uploads/storage.server";
import { now as clockNow } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { loadReferenceData } from "../../../../seeds/reference/load.server";
import { person } from "../../../../test/support/people";
import { childImportProcess, claimNextImport, queueImport, runNextImport, STALE_IMPORT_MS } from "./runner.server";
import { currentImportId } from "./staging.server";

const folder = mkdtempSync(join(tmpdir(), "passerelles-import-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let coordinator: SessionUser;

const HEADER = "finess_geographique;finess_juridique;nom;nom_entite_juridique;departement;categorie;secteur";
const GOOD = `${HEADER}\n140000027;330000019;Maison d'enfants Chanteclair;Association Chanteclair;33;MECS;AUTRE\n`;
const BAD = `${HEADER}\n140000027;330000019;Maison d'enfants Chanteclair;Association Chanteclair;99;MECS;AUTRE\n`;

/** A file received, checked and kept, then queued, as the import page does. */
async function queued(text: string) {
  const path = join(folder, `recu-${Math.random().toString(36).slice(2)}`);
  writeFileSync(path, text);
  const stored = await keepUpload(
    coordinator,
    { path, name: "extrait.csv", size: statSync(path).size },
    { kind: "CSV", encoding: "utf-8" },
  );
  return { importId: await queueImport(coordinator, { ...stored, encoding: "utf-8" }), storedId: stored.id };
}
/** One row staged under an import, as a process would have left it. */
const stagedRow = (importId: string) =>
  prisma.registerEstablishment.create({
    data: {
      importId,
      finessGeographique: "140000027",
      finessJuridique: "330000019",
      name: "x",
      legalEntityName: "x",
      departementCode: "33",
      category: "MECS",
      sector: "AUTRE",
      line: 2,
      fingerprint: "x",
    },
  });
const statusOf = async (id: string) =>
  (await prisma.establishmentImport.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;

beforeAll(async () => {
  await loadReferenceData();
  coordinator = await person("coord@cnsa.example", "cnsa", ["COORDINATEUR_CNSA"]);
});

describe("imports run by the worker, off the request", () => {
  it("runs a queued import in a child process of its own and keeps the file of an applied one", async () => {
    const { importId, storedId } = await queued(GOOD);
    expect(await runNextImport(childImportProcess)).toBe(importId);
    expect(await statusOf(importId)).toBe("APPLIQUE");
    expect(await currentImportId()).toBe(importId);
    expect(existsSync(storedFilePath(storedId))).toBe(true);
    expect(await runNextImport(childImportProcess)).toBeNull();
  }, 60_000);

  it("removes the file of a refused import: only its report is kept", async () => {
    const { importId, storedId } = await queued(BAD);
    await runNextImport(childImportProcess);
    expect(await statusOf(importId)).toBe("REFUSE");
    expect(await prisma.establishmentImportProblem.count({ where: { importId } })).toBe(1);
    expect(existsSync(storedFilePath(storedId))).toBe(false);
    expect(await prisma.storedFile.count({ where: { id: storedId } })).toBe(0);
  }, 60_000);

  it("marks an import whose process died ECHEC, its staged rows and file removed", async () => {
    const { importId, storedId } = await queued(GOOD);
    const dies = async (id: string) => {
      await stagedRow(id);
      return 137;
    };
    await runNextImport(dies);
    expect(await statusOf(importId)).toBe("ECHEC");
    expect(await prisma.registerEstablishment.count({ where: { importId } })).toBe(0);
    expect(existsSync(storedFilePath(storedId))).toBe(false);
  });

  it("takes again an import left silent by a dead process, never one still alive, and never twice", async () => {
    const { importId } = await queued(GOOD);
    const now = clockNow();
    await prisma.establishmentImport.update({
      where: { id: importId },
      data: { status: "EN_COURS", heartbeatAt: new Date(now.getTime() - STALE_IMPORT_MS / 2) },
    });
    expect(await claimNextImport(now)).toBeNull();
    const later = new Date(now.getTime() + STALE_IMPORT_MS);
    const [a, b] = await Promise.all([claimNextImport(later), claimNextImport(later)]);
    expect([a?.id, b?.id].filter(Boolean)).toEqual([importId]);
    expect(await prisma.establishmentImport.findUniqueOrThrow({ where: { id: importId } })).toMatchObject({
      status: "EN_COURS",
      heartbeatAt: later,
    });
  });

  it("sweeps, when nothing waits, the rows of an import neither live nor running", async () => {
    const live = await currentImportId();
    const left = await prisma.establishmentImport.create({
      data: { status: "APPLIQUE", originalName: "ancien.csv", encoding: "utf-8", createdById: coordinator.id },
    });
    await stagedRow(left.id);
    await prisma.establishmentImport.updateMany({ where: { status: "EN_COURS" }, data: { status: "ECHEC" } });
    expect(await runNextImport(childImportProcess)).toBeNull();
    expect(await prisma.registerEstablishment.count({ where: { importId: left.id } })).toBe(0);
    expect(await prisma.registerEstablishment.count({ where: { importId: live! } })).toBe(1);
  });
});
