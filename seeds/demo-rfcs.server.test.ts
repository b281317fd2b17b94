import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { resetClock, setClock } from "~/utils/clock.server";
import { sessionUserById, type SessionUser } from "~/modules/auth/session.server";
import { calendarEntriesFor } from "~/modules/calendar/providers.server";
import { awaitingAnswer, positionsToRecord } from "~/modules/rfc/dashboard.server";
import { nationalPositions } from "~/modules/rfc/positions.server";
import { listRfcs, versionView } from "~/modules/rfc/read-models.server";
import { pilotAccess } from "~/modules/segur/policy.server";
import { visiblePilots } from "~/modules/segur/queries/pilots.server";
import { person } from "../test/support/people";
import { valueOf } from "../test/support/result";
import { loadReferenceData } from "./reference/load.server";
import { loadDemoData } from "./demo.server";

const user = async (email: string) =>
  (await sessionUserById((await prisma.user.findUniqueOrThrow({ where: { email } })).id))!;
let coordinator: SessionUser, director53: SessionUser, director80: SessionUser, cnaf: SessionUser;

beforeAll(async () => {
  setClock(new Date("2026-11-24T09:00:00Z"), { frozen: true });
  await loadReferenceData();
  await loadDemoData();
  await loadDemoData(); // a second load adds nothing
  [coordinator, director53, director80, cnaf] = await Promise.all(
    [
      "camille.durand@cnsa.example",
      "claire.moreau@mdph53.example",
      "julien.lefevre@mdph80.example",
      "sophie.bernard@cnaf.example",
    ].map(user),
  );
});
afterAll(() => resetClock());

describe("demo RFCs", () => {
  it("hold an adopted RFC with two MDPH positions and an RFC open for three weeks with an anchored comment", async () => {
    const rfcs = await listRfcs(coordinator);
    expect(rfcs.map((r) => [r.number, r.title, r.status, r.cycleStatus])).toEqual([
      ["RFC-2026-002", "Format d'échange du formulaire de demande", "EN_COURS", "ouvert"],
      ["RFC-2026-001", "Sécurisation des échanges de fichiers", "ADOPTEE", "conclu"],
    ]);
    expect(rfcs[0].deadline).toBe("2026-12-15T22:59:00.000Z");
    const open = valueOf(await versionView(director80, "RFC-2026-002", 1));
    expect(open.canComment).toBe(true);
    expect(open.invitations.map((i) => [i.name, i.answered])).toEqual(
      expect.arrayContaining([
        ["MDPH de la Mayenne", true],
        ["MDPH de la Somme", false],
      ]),
    );
    // The CNAF is not a member of the refonte group and was not invited.
    expect(await versionView(cnaf, "RFC-2026-002", 1)).toMatchObject({ ok: false, code: "INTROUVABLE" });
    expect(
      await prisma.rfcComment.findFirstOrThrow({ where: { version: { rfc: { number: "RFC-2026-002" } } } }),
    ).toMatchObject({ anchorQuote: "fichier XML encodé en UTF-8", kind: "FOND" });
    expect((await awaitingAnswer(director80)).map((a) => a.number)).toEqual(["RFC-2026-002"]);
    expect(await awaitingAnswer(cnaf)).toEqual([]);
    expect(await awaitingAnswer(director53)).toEqual([]);

    const national = valueOf(await nationalPositions(coordinator, "RFC-2026-001"));
    expect(national.counts).toMatchObject({ ADOPTE: 1, ADOPTERA: 1 });
    expect(await positionsToRecord(director80)).toEqual([]);
    expect(
      await prisma.scheduledJob.count({
        where: {
          kind: { in: ["rfc.rappel", "rfc.cloture"] },
          status: "PENDING",
          dueAt: { lte: new Date("2026-11-24T09:00:00Z") },
        },
      }),
    ).toBe(0);
  });

  it("puts the open cycle's deadline on the calendar of those who may read it", async () => {
    const range = { from: new Date("2026-12-01T00:00:00Z"), to: new Date("2027-01-01T00:00:00Z") };
    const deadlines = async (who: SessionUser) =>
      (await calendarEntriesFor(who, range)).filter((e) => e.kind === "rfc-echeance").map((e) => e.title);
    expect(await deadlines(director80)).toEqual(["RFC-2026-002 v1 : fin des commentaires"]);
    expect(await deadlines(cnaf)).toEqual([]);
  });
});

describe("demo Ségur pilots", () => {
  it("hold the four child-protection pilots of 002 with their vendors and products, once", async () => {
    const pilots = await visiblePilots(coordinator);
    expect(pilots.map((p) => [p.code, p.establishments, p.vendor, p.product, p.startsOn, p.endsOn])).toEqual([
      ["pe-acsea", ["ACSEA"], "Socianova", "OGIRYS", "2022-03-01", "2022-07-08"],
      ["pe-adei-17", ["ADEI 17"], "Socianova", "OGIRYS", "2022-03-01", "2022-07-08"],
      ["pe-chanteclair", ["Chanteclair"], "D2L Informatique", "Silao", "2022-03-01", "2022-07-08"],
      ["pe-le-prado", ["Le Prado"], "Troizaire", "Nemo Web", "2022-03-01", "2022-07-08"],
      ["domicile-onela", ["ONELA"], "Xelya", "Ximi", null, null],
    ]);
    expect(pilots.slice(0, 4).every((p) => p.sector === "PROTECTION_ENFANCE")).toBe(true);
    const contacts = await prisma.segurContact.findMany({ select: { email: true } });
    expect(contacts.length).toBeGreaterThanOrEqual(8);
    for (const { email } of contacts) expect(email).toMatch(/\.example$/);
  });

  it("hold ONELA's single-entity grappe: 3 legal entities, 2 pilot agencies, 48 others, 14 attached later", async () => {
    const grappe = await prisma.grappe.findUniqueOrThrow({
      where: { code: "onela" },
      include: {
        legalEntities: true,
        waves: { orderBy: { rank: "asc" }, include: { _count: { select: { sites: true } } } },
      },
    });
    expect(grappe.kind).toBe("MONO_ENTITE");
    expect(grappe.legalEntities).toHaveLength(3);
    expect(grappe.waves.map((w) => w._count.sites)).toEqual([2, 48, 14]);
  });

  it("hold the multi-entity grappe of APEI AUBE and ASSAGE: 35 ESMS, 3,591 people supported, Pulsy as contact", async () => {
    const grappe = await prisma.grappe.findUniqueOrThrow({
      where: { code: "aube-haute-marne" },
      include: {
        gradesOrganisation: true,
        legalEntities: { include: { legalEntity: { include: { _count: { select: { sites: true } } } } } },
      },
    });
    expect(grappe).toMatchObject({ kind: "MULTI_ENTITE", peopleSupported: 3591, regionCode: "44" });
    expect(grappe.gradesOrganisation).toMatchObject({ kind: "GRADES", shortName: "Pulsy", regionCode: "44" });
    const shares = grappe.legalEntities
      .map((e) => [e.legalEntity.name, e.peopleSupported, e.legalEntity._count.sites])
      .sort();
    expect(shares).toEqual([
      ["APEI AUBE", 1815, 26],
      ["ASSAGE", 1776, 9],
    ]);
  });

  it("give the demo Ségur pilot account its establishment's pilot, and regional readers their region's", async () => {
    const segurPilot = await user("elodie.fontaine@essms-demo.example");
    expect(segurPilot.organisation.code).toBe("chanteclair");
    expect((await visiblePilots(segurPilot)).map((p) => p.code)).toEqual(["pe-chanteclair"]);
    const chanteclair = await prisma.segurPilot.findUniqueOrThrow({ where: { code: "pe-chanteclair" } });
    expect(await pilotAccess(segurPilot, chanteclair.id)).toMatchObject({ read: true, edit: true });

    const arsNormandie = await person("lecteur@ars-normandie.example", "ars-normandie", ["LECTEUR_SEGUR"]);
    const normandie = (await visiblePilots(arsNormandie)).map((p) => p.code);
    expect(normandie).toContain("pe-acsea");
    expect(normandie).not.toContain("pe-adei-17");
    const pmiCalvados = await person("pmi@cd14.example", "cd-14", ["LECTEUR_SEGUR"]);
    expect((await visiblePilots(pmiCalvados)).map((p) => p.code)).toEqual(["pe-acsea"]);
  });

  it("hold 002's objectives matrix rebuilt from its prose, through the engine, and the four pilots finished", async () => {
    const objectives = await prisma.segurObjective.findMany({
      include: { pilot: { select: { code: true } }, workflow: { select: { status: true, fields: true } } },
    });
    expect(objectives).toHaveLength(13); // loaded twice, started once
    const matrix: Record<string, Record<string, string>> = {};
    for (const o of objectives) {
      const outcome = o.workflow.fields.find((f) => f.name === "outcome")?.value ?? "";
      (matrix[o.pilot.code] ??= {})[o.service] = outcome;
    }
    expect(matrix).toEqual({
      "pe-acsea": { INS: "ATTEINT_REEL", DMP: "NON_ATTEINT", MSSANTE: "ATTEINT_REEL", PSC: "ATTEINT_REEL" },
      "pe-chanteclair": { INS: "ATTEINT_REEL", DMP: "NON_ATTEINT", MSSANTE: "NON_ATTEINT" },
      "pe-adei-17": { INS: "NON_ATTEINT", DMP: "NON_ATTEINT", MSSANTE: "NON_ATTEINT" },
      "pe-le-prado": { INS: "NON_ATTEINT", DMP: "NON_ATTEINT", MSSANTE: "NON_ATTEINT" },
    });
    const mss = objectives.find((o) => o.pilot.code === "pe-acsea" && o.service === "MSSANTE")!;
    expect(mss).toMatchObject({ counterpart: "Service de PMI du département", boxType: "NOMINATIVE" });
    const pilots = await prisma.segurPilot.findMany({
      where: { code: { startsWith: "pe-" } },
      include: { workflow: { select: { status: true } } },
    });
    expect(pilots.map((p) => p.workflow?.status)).toEqual(["termine", "termine", "termine", "termine"]);
  });
});
