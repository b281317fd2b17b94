import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { DEPARTEMENTS } from "./departements";
import { loadReferenceData } from "./load.server";
import { OPALES_LEFT_OUT } from "./opales-centres";
import { PARTENAIRES, REFERENCE_ORGANISATIONS } from "./organisations";

async function countsByKind() {
  const groups = await prisma.organisation.groupBy({ by: ["kind"], _count: { _all: true } });
  return Object.fromEntries(groups.map((g) => [g.kind, g._count._all]));
}

describe("loadReferenceData", () => {
  let first: Awaited<ReturnType<typeof loadReferenceData>>;
  beforeAll(async () => {
    first = await loadReferenceData();
  });

  it("creates the 101 départements with their OPALES centre", async () => {
    expect(first.departements).toBe(101);
    expect(await prisma.departement.count()).toBe(101);
    expect(await prisma.departement.findUnique({ where: { code: "53" } })).toMatchObject({
      name: "Mayenne",
      opalesCentre: "RENNES",
      opalesSourceLabel: "Mayenne",
    });
    expect(await prisma.departement.findUnique({ where: { code: "22" } })).toMatchObject({
      name: "Côtes-d'Armor",
      opalesCentre: "VERSAILLES",
      opalesSourceLabel: "Côtes d'Armor",
    });
    const withoutCentre = await prisma.departement.findMany({
      where: { opalesCentre: null },
      orderBy: { code: "asc" },
    });
    expect(withoutCentre.map((d) => d.code)).toEqual([...OPALES_LEFT_OUT]);
    expect(await prisma.departement.count({ where: { opalesCentre: "RENNES" } })).toBe(50);
    expect(await prisma.departement.count({ where: { opalesCentre: "VERSAILLES" } })).toBe(49);
  });

  it("creates the CNSA, 101 MDPH, 101 Conseils départementaux, the partners and the State services", async () => {
    expect(first.organisations).toBe(REFERENCE_ORGANISATIONS.length);
    expect(await prisma.organisation.count()).toBe(REFERENCE_ORGANISATIONS.length);
    expect(await countsByKind()).toEqual({
      CNSA: 1,
      MDPH: 101,
      CONSEIL_DEPARTEMENTAL: 101,
      PARTENAIRE: PARTENAIRES.length,
      SERVICE_ETAT: 4,
    });
    const partners = await prisma.organisation.findMany({ where: { kind: "PARTENAIRE" }, select: { code: true } });
    expect(partners.map((p) => p.code).sort()).toEqual(
      ["adf", "cnaf", "cnamts", "dgas", "dgefp", "dgme", "france-travail", "menesr", "msa", "oned", "unedic"].sort(),
    );
  });

  it("links every MDPH to its département", async () => {
    const mdphs = await prisma.organisation.findMany({ where: { kind: "MDPH" }, include: { departement: true } });
    expect(mdphs).toHaveLength(101);
    for (const mdph of mdphs) {
      expect(mdph.departement, mdph.code).not.toBeNull();
      expect(mdph.code).toBe(`mdph-${mdph.departement!.code.toLowerCase()}`);
    }
    expect(new Set(mdphs.map((m) => m.departementCode)).size).toBe(101);
    expect(await prisma.organisation.findUnique({ where: { code: "mdph-2a" } })).toMatchObject({
      name: "MDPH de la Corse-du-Sud",
      departementCode: "2A",
    });
    const dep = await prisma.departement.findUnique({ where: { code: "53" }, include: { organisations: true } });
    expect(dep!.organisations.map((o) => o.code).sort()).toEqual(["cd-53", "mdph-53"]);
  });

  it("puts the two exploitation centres under MEN-STSI", async () => {
    const stsi = await prisma.organisation.findUnique({ where: { code: "men-stsi" }, include: { children: true } });
    expect(stsi).toMatchObject({ kind: "SERVICE_ETAT", parentId: null });
    expect(stsi!.children.map((c) => c.code).sort()).toEqual(["men-stsi-rennes", "men-stsi-versailles"]);
    expect(await prisma.organisation.findUnique({ where: { code: "men-stsi-rennes" } })).toMatchObject({
      name: "Centre d'exploitation de Rennes",
      email: "opales-rennes@men-stsi.example",
    });
    expect(await prisma.organisation.findUnique({ where: { code: "dagemo" } })).toMatchObject({
      email: "reprises-itac@dagemo.example",
      parentId: null,
    });
  });

  it("changes nothing when run a second time", async () => {
    const snapshot = async () => ({
      departements: await prisma.departement.findMany({ orderBy: { code: "asc" } }),
      organisations: await prisma.organisation.findMany({ orderBy: { code: "asc" } }),
    });
    const before = await snapshot();
    const second = await loadReferenceData();
    expect(second).toEqual(first);
    // Same rows, same ids, same updatedAt: nothing was rewritten.
    expect(await snapshot()).toEqual(before);
  });

  it("keeps a centre an administrator assigned to a département the source leaves out", async () => {
    await prisma.departement.update({ where: { code: "973" }, data: { opalesCentre: "VERSAILLES" } });
    await prisma.departement.update({ where: { code: "976" }, data: { opalesCentre: "RENNES" } });
    await loadReferenceData();
    expect(await prisma.departement.findUnique({ where: { code: "973" } })).toMatchObject({
      opalesCentre: "VERSAILLES",
      opalesSourceLabel: null,
    });
    expect((await prisma.departement.findUnique({ where: { code: "976" } }))?.opalesCentre).toBe("RENNES");
  });

  it("restores the source's centre where the source lists the département", async () => {
    await prisma.departement.update({ where: { code: "53" }, data: { opalesCentre: "VERSAILLES" } });
    await loadReferenceData();
    expect((await prisma.departement.findUnique({ where: { code: "53" } }))?.opalesCentre).toBe("RENNES");
  });

  it("keeps a mailbox and an activity flag an administrator changed, and repairs reference fields", async () => {
    await prisma.organisation.update({
      where: { code: "men-stsi-versailles" },
      data: { email: "exploitation@versailles.example", active: false, name: "Versailles (renommé)" },
    });
    await prisma.organisation.update({ where: { code: "mdph-53" }, data: { departementCode: "72" } });
    await loadReferenceData();
    expect(await prisma.organisation.findUnique({ where: { code: "men-stsi-versailles" } })).toMatchObject({
      email: "exploitation@versailles.example",
      active: false,
      name: "Centre d'exploitation de Versailles",
    });
    expect((await prisma.organisation.findUnique({ where: { code: "mdph-53" } }))?.departementCode).toBe("53");
    expect(await prisma.organisation.count()).toBe(REFERENCE_ORGANISATIONS.length);
    expect(await prisma.departement.count()).toBe(DEPARTEMENTS.length);
  });
});
