import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/modules/auth/session.server";
import { prisma } from "~/utils/db.server";
import { now } from "~/utils/clock.server";
import { addCalendarDays } from "~/utils/working-days";
import { demoPerson, loadDemoWorld, type DemoPeople } from "../../../../test/support/demo";
import { person } from "../../../../test/support/people";
import { segurPilot } from "../../../../test/support/segur";
import { refusedAs, valueOf } from "../../../../test/support/result";
import type { StepCode } from "../../../../workflows/segur-prerequisites";
import { recordCredential } from "../credentials.server";
import { openPilotSteps, actOnStep, type SegurStepCommand } from "../steps.server";
import { BOARD_EXPORT_COLUMNS, boardExportRows, cellText, pilotsBoard } from "./board-page.server";
import { objectivesPage } from "./objectives-page.server";

const TODAY = "2026-11-02";
let demo: DemoPeople, chanteclair: SessionUser, arsGrandEst: SessionUser, pmiCalvados: SessionUser;
let editor: SessionUser, pilotId: string, legalEntityId: string;

/** The matrix as outcome codes: pilot code → establishment → service → outcome. */
async function outcomes(user: SessionUser) {
  const board = await pilotsBoard(user, TODAY);
  const table: Record<string, Record<string, string>> = {};
  for (const row of board.matrix)
    table[`${row.pilotCode} / ${row.establishment}`] = Object.fromEntries(
      Object.entries(row.cells).map(([service, cell]) => [service, cell.outcome]),
    );
  return table;
}

async function act(code: StepCode, command: SegurStepCommand) {
  const step = await prisma.segurStep.findFirstOrThrow({
    where: { pilotId, stepCode: code },
    select: { id: true, workflow: { select: { rowVersion: true } } },
  });
  valueOf(await actOnStep(editor, pilotId, step.id, command, step.workflow.rowVersion));
}
const ask = (channel: string): SegurStepCommand => ({
  type: "DEMANDER",
  channel: channel as never,
  askedOn: "2026-10-01",
  actedBy: "Claire Exemple",
  actedByPersonId: null,
});
const block = (blocker: string): SegurStepCommand => ({
  type: "BLOQUER",
  blockedOn: "2026-10-15",
  reason: "En attente",
  blocker: blocker as never,
});

beforeAll(async () => {
  demo = await loadDemoWorld(new Date(`${TODAY}T09:00:00Z`));
  chanteclair = await demoPerson("elodie.fontaine@essms-demo.example");
  arsGrandEst = await person("lecteur@ars-grand-est.example", "ars-grand-est", ["LECTEUR_SEGUR"]);
  pmiCalvados = await person("pmi@cd14.example", "cd-14", ["LECTEUR_SEGUR"]);
  // A pilot of the test's own, in the Calvados, taken through a few prerequisites.
  ({ pilotId, legalEntityId } = await segurPilot("pe-essai", { organisationCode: "essai-essms" }));
  editor = await person("pilote@essai.example", "essai-essms", ["PILOTE_SEGUR"]);
  valueOf(await openPilotSteps(editor, pilotId));
  await act("finess-juridique", ask("BASE_FINESS"));
  await act("finess-juridique", {
    type: "OBTENIR",
    obtainedOn: "2026-10-02",
    note: "Trouvé dans la base FINESS",
    reference: "",
  });
  await act("homologation-ins", ask("COMMISSION_INTERNE"));
  await act("homologation-ins", block("INTERNE"));
  await act("finess-geographique", ask("INSCRIPTION_FINESS"));
  await act("finess-geographique", block("DELAI_ANS"));
  await act("insi-auth-cli", { type: "DECLARER_SANS_OBJET", reason: "Pas de téléservice INSi" });
  const keeper = await prisma.designatedPerson.create({
    data: {
      legalEntityId,
      role: "ADMINISTRATEUR_TECHNIQUE",
      firstName: "Tom",
      lastName: "Tech",
      email: "t@essai.example",
    },
  });
  const certificate = (kind: "AUTH_CLI" | "SIGN", days: number, replacesId: string | null = null) =>
    recordCredential(editor, pilotId, {
      kind,
      legalEntityId,
      passwordKeeperId: keeper.id,
      issuedOn: "2024-01-10",
      expiresOn: addCalendarDays(TODAY, days),
      replacesId,
    });
  const replaced = valueOf(await certificate("AUTH_CLI", 10));
  valueOf(await certificate("AUTH_CLI", 30, replaced.id));
  valueOf(await certificate("SIGN", 200));
});

describe("the pilots board", () => {
  it("shows the coordinator 002's matrix with every pilot, one row per establishment", async () => {
    const table = await outcomes(demo.coordinator);
    expect(table["pe-acsea / ACSEA"]).toEqual({
      INS: "ATTEINT_REEL",
      DMP: "NON_ATTEINT",
      MSSANTE: "ATTEINT_REEL",
      PSC: "ATTEINT_REEL",
    });
    expect(table["pe-chanteclair / Chanteclair"]).toEqual({
      INS: "ATTEINT_REEL",
      DMP: "NON_ATTEINT",
      MSSANTE: "NON_ATTEINT",
      PSC: "AUCUN",
    });
    expect(table["pe-le-prado / Le Prado"]).toMatchObject({ INS: "NON_ATTEINT", PSC: "AUCUN" });
    expect(table["pe-essai / Association pe-essai"]).toEqual({
      INS: "AUCUN",
      DMP: "AUCUN",
      MSSANTE: "AUCUN",
      PSC: "AUCUN",
    });
    const board = await pilotsBoard(demo.coordinator, TODAY);
    expect(board.pilots.map((p) => p.code)).toEqual(expect.arrayContaining(["pe-acsea", "pe-adei-17", "pe-essai"]));
  });

  it("counts the prerequisites per scope, a step sans objet left out, and the blocked steps by blocker type", async () => {
    const board = await pilotsBoard(demo.coordinator, TODAY);
    const mine = board.pilots.find((p) => p.code === "pe-essai")!;
    expect(mine.progress).toEqual({
      obtained: 1,
      applicable: 6,
      byScope: [
        { scope: "ENTITE_JURIDIQUE", obtained: 1, applicable: 4 },
        { scope: "SITE", obtained: 0, applicable: 2 },
      ],
    });
    expect(mine.blocked).toEqual([
      { blocker: "DELAI_ANS", count: 1 },
      { blocker: "INTERNE", count: 1 },
    ]);
    expect(board.blockedByType).toEqual(mine.blocked);
    expect(board.pilots.find((p) => p.code === "pe-acsea")!.progress).toEqual({
      obtained: 0,
      applicable: 0,
      byScope: [],
    });
  });

  it("gives the lead time of each obtained step, over every channel then per channel, for the pilots one reads", async () => {
    const { leadTimes } = await pilotsBoard(editor, TODAY);
    // Asked on 1 October, obtained on the 2nd; the asked and blocked steps have no lead time yet.
    expect(leadTimes).toEqual([
      { stepCode: "finess-juridique", channel: null, count: 1, meanDays: 1, medianDays: 1 },
      { stepCode: "finess-juridique", channel: "BASE_FINESS", count: 1, meanDays: 1, medianDays: 1 },
    ]);
    // Whoever reads no pilot gets none.
    expect((await pilotsBoard(demo.director53, TODAY)).leadTimes).toEqual([]);
  });

  it("lists the certificates expiring within 90 days, soonest first, without the one replaced", async () => {
    const board = await pilotsBoard(demo.coordinator, TODAY);
    expect(board.expiring).toEqual([
      expect.objectContaining({ pilotCode: "pe-essai", kind: "AUTH_CLI", expiresOn: addCalendarDays(TODAY, 30) }),
    ]);
    expect(board.pilots.find((p) => p.code === "pe-essai")!.expiring).toBe(1);
  });

  it("shows a pilot's people their own pilot, a counterpart its pilots, an ARS its region's only", async () => {
    expect((await pilotsBoard(chanteclair, TODAY)).pilots.map((p) => p.code)).toEqual(["pe-chanteclair"]);
    expect((await pilotsBoard(pmiCalvados, TODAY)).pilots.map((p) => p.code)).toEqual(["pe-acsea"]);
    const grandEst = await pilotsBoard(arsGrandEst, TODAY);
    expect(grandEst.pilots.map((p) => p.code)).not.toContain("pe-acsea");
    expect(grandEst.matrix.map((r) => r.pilotCode)).not.toContain("pe-acsea");
    expect(grandEst.expiring).toEqual([]);
  });

  it("exports one line per establishment with each cell as text, readable without colour", async () => {
    const rows = boardExportRows(await pilotsBoard(demo.coordinator, TODAY));
    const acsea = rows.find((r) => r.pilotCode === "pe-acsea")!;
    const line = Object.fromEntries(BOARD_EXPORT_COLUMNS.map((c) => [c.header, c.value(acsea)]));
    expect(line).toMatchObject({
      Pilote: "ACSEA — OGIRYS",
      Établissement: "ACSEA",
      Prérequis: "Prérequis non ouverts",
      "Identité nationale de santé (INS)":
        "Objectif atteint en environnement réel : Qualifier l'INS des enfants et des jeunes accompagnés",
    });
  });

  it("combines several use cases of a service into the best outcome, the others listed", () => {
    expect(
      cellText({
        outcome: "ATTEINT_TEST",
        best: ["Message à la PMI"],
        others: [{ what: "Message au médecin", outcome: "NON_ATTEINT" }],
      }),
    ).toBe("Objectif atteint en environnement de test : Message à la PMI (autres : Message au médecin, non atteint)");
  });
});

describe("a pilot's objectives page", () => {
  it("lists the use cases with their outcome, reason and the events their state takes", async () => {
    const page = valueOf(await objectivesPage(chanteclair, "pe-chanteclair", now()));
    expect(page.edit).toBe(true);
    expect(page.establishments.map((e) => e.name)).toEqual(["Chanteclair"]);
    const dmp = page.objectives.find((o) => o.service === "DMP")!;
    expect(dmp).toMatchObject({
      outcome: "NON_ATTEINT",
      status: "nonAtteint",
      notReachedReason: expect.stringContaining("tester le DMP"),
      events: ["REPRENDRE"],
    });
    expect(page.objectives.find((o) => o.service === "INS")!.events).toEqual([]);
    expect(page.matrix).toHaveLength(1);
  });

  it("lets a reader read without any event, and answers 404 to an ARS of another region", async () => {
    const read = valueOf(await objectivesPage(demo.coordinator, "pe-acsea", now()));
    expect(read.edit).toBe(false);
    expect(read.objectives.every((o) => o.events.length === 0)).toBe(true);
    expect(await objectivesPage(arsGrandEst, "pe-acsea", now())).toMatchObject(refusedAs("INTROUVABLE"));
    expect(await objectivesPage(chanteclair, "pe-acsea", now())).toMatchObject(refusedAs("INTROUVABLE"));
    expect(await objectivesPage(chanteclair, "pas-de-pilote", now())).toMatchObject(refusedAs("INTROUVABLE"));
  });
});
