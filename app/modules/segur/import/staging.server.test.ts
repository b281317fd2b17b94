import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { withFinessKey } from "~/utils/finess";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/modules/auth/session.server";
import { prisma } from "~/utils/db.server";
import { loadReferenceData } from "../../../../seeds/reference/load.server";
import { person } from "../../../../test/support/people";
import { currentImportId, runImport } from "./staging.server";

const folder = mkdtempSync(join(tmpdir(), "passerelles-import-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let coordinator: SessionUser;

const HEADER = "finess_geographique;finess_juridique;nom;nom_entite_juridique;departement;categorie;secteur";
const site = (n: number) => withFinessKey(`14${String(n).padStart(6, "0")}`);
const ENTITY = withFinessKey("33000001");
const line = (n: number, name = `MECS n° ${n}`) => `${site(n)};${ENTITY};${name};Association;14;MECS;AUTRE`;

let files = 0;
async function imported(lines: string[]) {
  const path = join(folder, `extrait-${(files += 1)}.csv`);
  writeFileSync(path, [HEADER, ...lines].join("\n"));
  const id = await importRow();
  return { id, summary: await runImport(id, { path, encoding: "utf-8" }) };
}
/** An import taken by a worker (runner.server.ts claims it before it runs). */
const importRow = async () =>
  (
    await prisma.establishmentImport.create({
      data: { status: "EN_COURS", originalName: "extrait.csv", encoding: "utf-8", createdById: coordinator.id },
    })
  ).id;
const rowsOf = (importId: string) => prisma.registerEstablishment.count({ where: { importId } });

beforeAll(async () => {
  await loadReferenceData();
  coordinator = await person("coord@cnsa.example", "cnsa", ["COORDINATEUR_CNSA"]);
});

describe("importing an establishment extract, all or nothing", () => {
  it("stages a valid file in chunks and switches the register on, counting what it created", async () => {
    const first = await imported(Array.from({ length: 2_500 }, (_, i) => line(i + 1)));
    expect(first.summary).toEqual({
      status: "APPLIQUE",
      lines: 2_500,
      problemCount: 0,
      created: 2_500,
      updated: 0,
      unchanged: 0,
      absent: 0,
    });
    expect(await currentImportId()).toBe(first.id);
    expect(await rowsOf(first.id)).toBe(2_500);
    expect(await prisma.establishmentImport.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({
      status: "APPLIQUE",
      processedLines: 2_500,
      created: 2_500,
      finishedAt: expect.any(Date),
    });
  });

  it("changes nothing when the same file comes again, and says so", async () => {
    const live = await currentImportId();
    const again = await imported(Array.from({ length: 2_500 }, (_, i) => line(i + 1)));
    expect(again.summary).toMatchObject({ status: "INCHANGE", unchanged: 2_500, created: 0, updated: 0, absent: 0 });
    expect(await currentImportId()).toBe(live);
    expect(await rowsOf(again.id)).toBe(0);
  });

  it("updates what a corrected file changed: created, updated, unchanged and absent, the old rows removed", async () => {
    const live = (await currentImportId())!;
    const lines = Array.from({ length: 2_500 }, (_, i) => line(i + 1));
    lines[0] = line(1, "MECS n° 1, renommée");
    lines.pop();
    lines.push(line(9_999));
    const corrected = await imported(lines);
    expect(corrected.summary).toMatchObject({
      status: "APPLIQUE",
      created: 1,
      updated: 1,
      unchanged: 2_498,
      absent: 1,
    });
    expect(await currentImportId()).toBe(corrected.id);
    expect(await rowsOf(live)).toBe(0);
    expect(
      await prisma.registerEstablishment.findUniqueOrThrow({
        where: { importId_finessGeographique: { importId: corrected.id, finessGeographique: site(1) } },
      }),
    ).toMatchObject({ name: "MECS n° 1, renommée", line: 2 });
  });

  it("imports none of a file with a bad line: only its report is kept, the register untouched", async () => {
    const live = await currentImportId();
    const lines = Array.from({ length: 1_500 }, (_, i) => line(i + 1));
    lines[1_200] = `${site(1_201)};${ENTITY};MECS;Association;99;MECS;AUTRE`;
    const refused = await imported(lines);
    expect(refused.summary).toMatchObject({ status: "REFUSE", lines: 1_500, problemCount: 1, created: 0 });
    expect(await rowsOf(refused.id)).toBe(0);
    expect(await currentImportId()).toBe(live);
    expect(await prisma.establishmentImportProblem.findMany({ where: { importId: refused.id } })).toEqual([
      expect.objectContaining({ seq: 1, line: 1_202, column: "departement", value: "99" }),
    ]);
  });

  it("leaves the register as it was when the work fails on the way", async () => {
    const live = await currentImportId();
    const id = await importRow();
    await expect(runImport(id, { path: join(folder, "absent.csv"), encoding: "utf-8" })).rejects.toThrow();
    expect(await prisma.establishmentImport.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "ECHEC" });
    expect(await rowsOf(id)).toBe(0);
    expect(await currentImportId()).toBe(live);
  });

  it("keeps a switched-on import live when removing the rows it replaced fails", async () => {
    const live = (await currentImportId())!;
    // The replaced rows cannot be removed: the removal fails after the switch.
    await prisma.$executeRawUnsafe(
      `CREATE TRIGGER keep_live BEFORE DELETE ON RegisterEstablishment WHEN OLD.importId = '${live}'
       BEGIN SELECT RAISE(ABORT, 'removal refused'); END`,
    );
    const id = await importRow();
    const path = join(folder, "extrait-suivant.csv");
    writeFileSync(path, [HEADER, line(1), line(2)].join("\n"));
    await expect(runImport(id, { path, encoding: "utf-8" })).rejects.toThrow(/removal refused/);
    await prisma.$executeRawUnsafe("DROP TRIGGER keep_live");
    expect(await currentImportId()).toBe(id);
    expect(await rowsOf(id)).toBe(2);
    expect(await prisma.establishmentImport.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "APPLIQUE",
      created: 0,
      updated: 1,
      unchanged: 1,
    });
  });
});
