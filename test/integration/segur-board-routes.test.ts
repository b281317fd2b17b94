/**
 * The Ségur board and objectives routes keep the pilot's policy at their boundary: a pilot the
 * person may not read does not exist (404, by URL and by form post), a reader may not post (403),
 * a refused form comes back with what was typed; the export holds only the pilots the person reads.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/modules/auth/session.server";
import { loader as boardLoader } from "~/routes/segur.pilotes._index";
import { action as objectivesAction, loader as objectivesLoader } from "~/routes/segur.pilotes.$code.objectifs";
import { loader as exportLoader } from "~/routes/segur.pilotes.export";
import { loader as leadTimesExportLoader } from "~/routes/segur.delais.export";
import { prisma } from "~/utils/db.server";
import { actOnStep, openPilotSteps, type SegurStepCommand } from "~/modules/segur/steps.server";
import { demoPerson, loadDemoWorld, type DemoPeople } from "../support/demo";
import { person } from "../support/people";
import { bodyOf, callRoute, statusOf } from "../support/routes";
import { valueOf } from "../support/result";

let demo: DemoPeople, chanteclair: SessionUser, arsGrandEst: SessionUser, arsNormandie: SessionUser;

const objectives = (code: string) => `/segur/pilotes/${code}/objectifs`;
const newUseCase = {
  intent: "AJOUTER",
  service: "MSSANTE",
  what: "Adresser un compte rendu au médecin traitant",
  counterpart: "Médecin généraliste",
  environment: "TEST",
  boxType: "ORGANISATIONNELLE",
};

beforeAll(async () => {
  demo = await loadDemoWorld(new Date("2026-11-02T09:00:00Z"));
  chanteclair = await demoPerson("elodie.fontaine@essms-demo.example");
  arsGrandEst = await person("lecteur@ars-grand-est.example", "ars-grand-est", ["LECTEUR_SEGUR"]);
  arsNormandie = await person("lecteur@ars-normandie.example", "ars-normandie", ["LECTEUR_SEGUR"]);
});

describe("the objectives page", () => {
  it("opens to the pilot's people and its readers, and is 404 to an ARS of another region or another pilot's people", async () => {
    expect(
      statusOf(
        await callRoute(objectivesLoader, chanteclair, objectives("pe-chanteclair"), { code: "pe-chanteclair" }),
      ),
    ).toBe(200);
    expect(
      statusOf(await callRoute(objectivesLoader, arsNormandie, objectives("pe-acsea"), { code: "pe-acsea" })),
    ).toBe(200);
    expect(statusOf(await callRoute(objectivesLoader, arsGrandEst, objectives("pe-acsea"), { code: "pe-acsea" }))).toBe(
      404,
    );
    expect(statusOf(await callRoute(objectivesLoader, chanteclair, objectives("pe-acsea"), { code: "pe-acsea" }))).toBe(
      404,
    );
  });

  it("refuses a form post by a reader (403) and by someone who does not see the pilot (404), recording nothing", async () => {
    const before = await prisma.segurObjective.count();
    const post = (user: SessionUser) =>
      callRoute(objectivesAction, user, objectives("pe-acsea"), { code: "pe-acsea" }, newUseCase);
    expect(statusOf(await post(demo.coordinator))).toBe(403);
    expect(statusOf(await post(arsNormandie))).toBe(403);
    expect(statusOf(await post(arsGrandEst))).toBe(404);
    expect(statusOf(await post(chanteclair))).toBe(404);
    expect(await prisma.segurObjective.count()).toBe(before);
  });

  it("keeps what was typed on a refusal, then adds the use case and records its outcome", async () => {
    const post = (form: Record<string, string>) =>
      callRoute(objectivesAction, chanteclair, objectives("pe-chanteclair"), { code: "pe-chanteclair" }, form);
    const refused = await post({ ...newUseCase, boxType: "" });
    expect(statusOf(refused)).toBe(422);
    expect(bodyOf(refused)).toMatchObject({
      intent: "AJOUTER",
      errors: { boxType: "Choisissez le type de boîte aux lettres MSSanté." },
      values: { what: newUseCase.what, counterpart: "Médecin généraliste" },
    });
    expect(statusOf(await post(newUseCase))).toBe(302);
    const created = await prisma.segurObjective.findFirstOrThrow({
      where: { what: newUseCase.what },
      include: { workflow: { select: { rowVersion: true } } },
    });
    const outcome = {
      intent: "ATTEINT_EN_TEST",
      objectiveId: created.id,
      rowVersion: String(created.workflow.rowVersion),
    };
    const noDate = await post({ ...outcome, reachedOn: "", note: "Essai" });
    expect(statusOf(noDate)).toBe(422);
    expect(bodyOf(noDate)).toMatchObject({
      objectiveId: created.id,
      errors: { reachedOn: "Saisissez une date valide." },
      values: { note: "Essai" },
    });
    expect(statusOf(await post({ ...outcome, reachedOn: "2026-10-20", note: "" }))).toBe(302);
    const board = bodyOf(await callRoute(boardLoader, demo.coordinator, "/segur/pilotes", {})) as {
      matrix: { pilot: { code: string }; cells: Record<string, { outcome: string; others: { what: string }[] }> }[];
    };
    const row = board.matrix.find((r) => r.pilot.code === "pe-chanteclair")!;
    expect(row.cells.MSSANTE.outcome).toBe("ATTEINT_TEST");
    expect(row.cells.MSSANTE.others.map((o) => o.what)).toEqual([
      "Transmettre des informations de suivi d'un jeune au service de PMI du département",
    ]);
  });
});

describe("the board and its export", () => {
  it("opens to the coordinator and the Ségur readers, and is refused to others", async () => {
    expect(statusOf(await callRoute(boardLoader, arsGrandEst, "/segur/pilotes", {}))).toBe(200);
    expect(statusOf(await callRoute(boardLoader, demo.director53, "/segur/pilotes", {}))).toBe(403);
    expect(statusOf(await callRoute(exportLoader, demo.director53, "/segur/pilotes/export?format=csv", {}))).toBe(403);
  });

  it("exports only the pilots the person reads", async () => {
    const csv = async (user: SessionUser) =>
      (await callRoute(exportLoader, user, "/segur/pilotes/export?format=csv", {})) as Response;
    const all = await csv(demo.coordinator);
    expect(all.status).toBe(200);
    const text = await all.text();
    expect(text).toContain("Pilote");
    expect(text).toContain("ACSEA — OGIRYS");
    expect(text).toContain("Objectif atteint en environnement réel");
    expect(await (await csv(arsGrandEst)).text()).not.toContain("ACSEA — OGIRYS");
  });

  it("exports the lead times the board shows, to the board's readers only", async () => {
    // Chanteclair opens its steps and obtains its FINESS juridique, asked three days before.
    const pilot = await prisma.segurPilot.findUniqueOrThrow({ where: { code: "pe-chanteclair" } });
    valueOf(await openPilotSteps(chanteclair, pilot.id));
    const step = await prisma.segurStep.findFirstOrThrow({
      where: { pilotId: pilot.id, stepCode: "finess-juridique" },
      select: { id: true },
    });
    const act = async (command: SegurStepCommand) => {
      const { rowVersion } = await prisma.workflowInstance.findFirstOrThrow({
        where: { segurStep: { id: step.id } },
        select: { rowVersion: true },
      });
      valueOf(await actOnStep(chanteclair, pilot.id, step.id, command, rowVersion));
    };
    await act({
      type: "DEMANDER",
      channel: "BASE_FINESS",
      askedOn: "2026-10-28",
      actedBy: "Élodie Fontaine",
      actedByPersonId: null,
    });
    await act({ type: "OBTENIR", obtainedOn: "2026-10-31", note: "", reference: "FINESS 590000000" });
    const rowsOf = async (user: SessionUser) => {
      const answer = (await callRoute(leadTimesExportLoader, user, "/segur/delais/export?format=csv", {})) as Response;
      expect(answer.status).toBe(200);
      return (await answer.text()).trim().split(/\r?\n/);
    };
    const coordinatorRows = await rowsOf(demo.coordinator);
    expect(coordinatorRows.slice(1).join("\n")).toMatch(/FINESS juridique vérifié.*Tous canaux.*;1;3;3/);
    // An ARS of another region reads none of it.
    expect(await rowsOf(arsGrandEst)).toHaveLength(1);
    for (const user of [demo.coordinator, arsGrandEst]) {
      const board = (await callRoute(boardLoader, user, "/segur/pilotes", {})) as {
        leadTimes: { count: number }[];
      };
      const answer = (await callRoute(leadTimesExportLoader, user, "/segur/delais/export?format=csv", {})) as Response;
      expect(answer.status).toBe(200);
      const lines = (await answer.text()).trim().split(/\r?\n/);
      expect(lines[0]).toContain("Délai moyen (jours calendaires)");
      expect(lines.length - 1).toBe(board.leadTimes.length);
    }
    expect(
      statusOf(await callRoute(leadTimesExportLoader, demo.director53, "/segur/delais/export?format=csv", {})),
    ).toBe(403);
  });
});
