import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/modules/auth/session.server";
import { applyEvent, startWorkflow } from "~/modules/workflow/engine.server";
import { prisma, writeTransaction } from "~/utils/db.server";
import { loadReferenceData } from "../../../../seeds/reference/load.server";
import { person } from "../../../../test/support/people";
import { refusedAs, valueOf } from "../../../../test/support/result";
import { regionalReaders, segurPilot } from "../../../../test/support/segur";
import { recordCredential } from "../credentials.server";
import { addDesignatedPerson } from "../designated-people.server";
import { actOnStep, openPilotSteps, type SegurStepCommand } from "../steps.server";
import { SEGUR_OBJECTIVE_WORKFLOW } from "../workflow.server";
import { pilotHome } from "./pilot-home.server";
import { pilotPage, pilotRegister, pilotStepPage } from "./pilot-page.server";
import type { PilotStep } from "./pilot-steps.server";

// The test world's clock stands at 2026-12-04 (test/setup/vitest.setup.ts).
const TODAY = "2026-12-04";

let editor: SessionUser, coordinator: SessionUser, arsNormandie: SessionUser, arsBretagne: SessionUser;
let otherEditor: SessionUser;
let pilotId: string, legalEntityId: string, siteIds: string[];

const codes = (steps: readonly Pick<PilotStep, "stepCode">[]) => steps.map((s) => s.stepCode);
const stepOf = async (code: string) => {
  const page = valueOf(await pilotPage(editor, "a"));
  return page.steps.find((s) => s.stepCode === code && (s.siteId === null || s.siteId === siteIds[0]))!;
};
async function act(code: string, command: SegurStepCommand) {
  const step = await stepOf(code);
  return actOnStep(editor, pilotId, step.id, command, step.rowVersion);
}
const ask = (channel: string): SegurStepCommand => ({
  type: "DEMANDER",
  channel: channel as never,
  askedOn: "2026-11-02",
  actedBy: "Claire Exemple",
  actedByPersonId: null,
});

beforeAll(async () => {
  await loadReferenceData();
  ({ pilotId, legalEntityId, siteIds } = await segurPilot("a", {
    organisationCode: "acsea",
    sites: ["MECS du Bocage", "Foyer de la Plaine"],
  }));
  const b = await segurPilot("b", { organisationCode: "autre-essms", sites: ["Foyer de l'autre pilote"] });
  ({ arsNormandie, arsBretagne } = await regionalReaders());
  editor = await person("pilote@acsea.example", "acsea", ["PILOTE_SEGUR"]);
  otherEditor = await person("pilote@autre.example", "autre-essms", ["PILOTE_SEGUR"]);
  coordinator = await person("coord@cnsa.example", "cnsa", ["COORDINATEUR_CNSA"]);
  valueOf(
    await addDesignatedPerson(editor, pilotId, legalEntityId, {
      role: "GESTIONNAIRE_RPPS",
      firstName: "Paul",
      lastName: "Gestion",
      email: "rpps@a.example",
    }),
  );
  valueOf(await openPilotSteps(editor, pilotId));
  valueOf(await openPilotSteps(otherEditor, b.pilotId));
});

describe("the pilot's home before the steps are opened", () => {
  it("names the pilots whose steps are not opened yet, and only those", async () => {
    const { pilotId: closedId } = await segurPilot("c", { organisationCode: "essms-c", sites: ["Foyer fermé"] });
    const own = await person("pilote@essms-c.example", "essms-c", ["PILOTE_SEGUR"]);
    expect((await pilotHome(own, TODAY)).unopened).toEqual([{ code: "c", name: "Pilote c" }]);
    expect((await pilotHome(editor, TODAY)).unopened).toEqual([]);
    valueOf(await openPilotSteps(own, closedId));
    expect((await pilotHome(own, TODAY)).unopened).toEqual([]);
  });
});

describe("the pilot's grappe", () => {
  it("shows its ESMS numérique funding, with the region's GRADeS as the contact", async () => {
    const grades = await prisma.organisation.create({
      data: { code: "grades-essai", kind: "GRADES", name: "GRADeS d'essai", shortName: "GRADeS essai" },
    });
    const grappe = await prisma.grappe.create({
      data: {
        code: "grappe-a",
        name: "Grappe d'essai",
        kind: "MULTI_ENTITE",
        esmsApplicationOn: "2026-03-15",
        esmsNotificationOn: "2026-06-01",
        esmsPayments: "Premier versement reçu le 1er septembre 2026.",
        esmsUsageTargets: "80 % des dossiers alimentés dans le DUI.",
        gradesOrganisationId: grades.id,
      },
    });
    await prisma.segurPilot.update({ where: { id: pilotId }, data: { grappeId: grappe.id } });
    try {
      expect(valueOf(await pilotPage(editor, "a")).header).toMatchObject({
        grappeName: "Grappe d'essai",
        esmsApplicationOn: "2026-03-15",
        esmsNotificationOn: "2026-06-01",
        esmsPayments: "Premier versement reçu le 1er septembre 2026.",
        esmsUsageTargets: "80 % des dossiers alimentés dans le DUI.",
        grades: "GRADeS d'essai",
      });
    } finally {
      await prisma.segurPilot.update({ where: { id: pilotId }, data: { grappeId: null } });
    }
  });
});

describe("the pilot's prerequisites, read from the projection and the graph", () => {
  it("shows every step by subject, the graph's roots startable at once and the others waiting, named", async () => {
    const { steps } = valueOf(await pilotPage(editor, "a"));
    expect(steps).toHaveLength(5 + 2 * 2 + 3);
    const startableNow = steps.filter((s) => s.status === "aFaire" && s.waitingFor.length === 0);
    expect(codes(startableNow).sort()).toEqual(
      ["finess-geographique", "finess-geographique", "finess-juridique", "homologation-ins"].sort(),
    );
    const contract = steps.find((s) => s.stepCode === "contrat-ans")!;
    expect(contract).toMatchObject({
      scope: "ENTITE_JURIDIQUE",
      legalEntityName: "Association a",
      waitingFor: ["finess-juridique"],
      refusal: "Étape impossible : le FINESS juridique doit d'abord être vérifié dans le fichier national.",
    });
    const card = steps.find((s) => s.stepCode === "carte-cpe")!;
    expect(card).toMatchObject({ scope: "PERSONNE", personName: "Paul Gestion", waitingFor: ["contrat-ans"] });
    const professionals = steps.filter((s) => s.stepCode === "professionnels-rpps");
    expect(professionals.map((s) => s.siteName)).toEqual(["Foyer de la Plaine", "MECS du Bocage"]);
    expect(professionals[0].waitingFor).toEqual(["gestionnaire-rpps", "finess-geographique"]);
  });

  it("moves a step out of waiting once its predecessor is obtained, and shows a blockage with its type and reason", async () => {
    valueOf(await act("finess-juridique", ask("BASE_FINESS")));
    valueOf(await act("finess-juridique", { type: "OBTENIR", obtainedOn: "2026-11-03", note: "", reference: "F-1" }));
    valueOf(await act("homologation-ins", ask("COMMISSION_INTERNE")));
    valueOf(
      await act("homologation-ins", {
        type: "BLOQUER",
        blockedOn: "2026-11-10",
        reason: "Commission reportée",
        blocker: "INTERNE",
      }),
    );
    const home = await pilotHome(editor, TODAY);
    expect(codes(home.next)).toEqual(["contrat-ans", "finess-geographique", "finess-geographique"]);
    expect(home.next.every((s) => s.pilotCode === "a")).toBe(true);
    expect(home.blocked).toEqual([
      expect.objectContaining({
        stepCode: "homologation-ins",
        fields: expect.objectContaining({
          channel: "COMMISSION_INTERNE",
          actedBy: "Claire Exemple",
          blockedOn: "2026-11-10",
          blockerType: "INTERNE",
          blockReason: "Commission reportée",
        }),
      }),
    ]);
    const { steps } = valueOf(await pilotPage(editor, "a"));
    expect(steps.find((s) => s.stepCode === "finess-juridique")!.fields).toMatchObject({
      askedOn: "2026-11-02",
      obtainedOn: "2026-11-03",
    });
    // Waiting is for a step still to do: one asked or blocked waits for nothing.
    expect(steps.find((s) => s.stepCode === "homologation-ins")!.waitingFor).toEqual([]);
  });

  it("offers the step's events to its editors through the projection, none to a reader, and the reason it waits", async () => {
    const contract = await stepOf("contrat-ans");
    const mine = valueOf(await pilotStepPage(editor, "a", contract.id));
    expect(mine.events.filter((e) => e.possible).map((e) => e.type)).toEqual(["DEMANDER"]);
    expect(mine.people.map((p) => p.lastName)).toEqual(["Gestion"]);
    const card = await stepOf("carte-cpe");
    expect(valueOf(await pilotStepPage(editor, "a", card.id)).step.refusal).toBe(
      "Étape impossible : le contrat ANS doit d'abord être signé.",
    );
    expect(valueOf(await pilotStepPage(coordinator, "a", contract.id)).events).toEqual([]);
    const blocked = valueOf(await pilotStepPage(editor, "a", (await stepOf("homologation-ins")).id));
    expect(blocked.events.filter((e) => e.possible).map((e) => e.type)).toEqual(["OBTENIR", "DEBLOQUER"]);
    expect(blocked.timeline.map((t) => t.eventLabel)).toContain("Signaler un blocage");
  });
});

describe("the certificates, the register and the objectives", () => {
  it("lists the credentials expiring within 90 days with who keeps the password, and none later", async () => {
    const { designated } = valueOf(await pilotRegister(editor, "a"));
    const keeper = designated.find((p) => p.lastName === "Gestion")!;
    valueOf(
      await recordCredential(editor, pilotId, {
        kind: "AUTH_CLI",
        legalEntityId,
        passwordKeeperId: keeper.id,
        reference: "AUTH-1",
        issuedOn: "2024-01-15",
        expiresOn: "2027-01-15",
      }),
    );
    valueOf(
      await recordCredential(editor, pilotId, {
        kind: "SIGN",
        legalEntityId,
        passwordKeeperId: keeper.id,
        issuedOn: "2026-11-01",
      }),
    );
    const home = await pilotHome(editor, TODAY);
    expect(home.expiring).toEqual([
      expect.objectContaining({
        kind: "AUTH_CLI",
        expiresOn: "2027-01-15",
        passwordKeeper: "Paul Gestion",
        pilotCodes: ["a"],
      }),
    ]);
    const { credentials } = valueOf(await pilotPage(editor, "a"));
    expect(credentials.map((c) => [c.kind, c.expiresOn])).toEqual([
      ["AUTH_CLI", "2027-01-15"],
      ["SIGN", "2029-11-01"],
    ]);
  });

  it("combines each service's use cases into its best outcome, from the projected outcome", async () => {
    const actor = { id: "u1", label: "Camille Martin" };
    const objective = async (service: string, what: string) => {
      const input = { service, what, counterpart: "PMI", environment: "REEL", boxType: null };
      const workflow = await writeTransaction((tx) =>
        startWorkflow(tx, { type: SEGUR_OBJECTIVE_WORKFLOW, input, actor }),
      );
      await prisma.segurObjective.create({ data: { workflowId: workflow.id, pilotId, legalEntityId, ...input } });
      return workflow.id;
    };
    const qualify = await objective("INS", "Qualifier l'INS des jeunes accueillis");
    await objective("INS", "Qualifier l'INS à l'admission");
    expect(
      await applyEvent({
        workflowId: qualify,
        event: { type: "ATTEINT_EN_TEST", reachedOn: "2026-11-20", note: "" },
        actor,
      }),
    ).toMatchObject({ ok: true });
    const { objectives } = valueOf(await pilotPage(editor, "a"));
    expect(objectives.map((o) => [o.service, o.cell.outcome])).toEqual([
      ["INS", "ATTEINT_TEST"],
      ["DMP", "AUCUN"],
      ["MSSANTE", "AUCUN"],
      ["PSC", "AUCUN"],
    ]);
    expect(objectives[0].cell.others).toEqual([{ what: "Qualifier l'INS à l'admission", outcome: "EN_COURS" }]);
  });
});

describe("who reads the pilot's pages", () => {
  it("lets the coordinator and the ARS of its region read without editing", async () => {
    for (const reader of [coordinator, arsNormandie])
      expect(valueOf(await pilotPage(reader, "a")).pilot.access).toMatchObject({ read: true, edit: false });
    expect(valueOf(await pilotPage(editor, "a")).pilot.access.edit).toBe(true);
  });

  it("answers 404 for another pilot, an ARS of another region, an unknown code and another pilot's step", async () => {
    expect(await pilotPage(otherEditor, "a")).toMatchObject(refusedAs("INTROUVABLE"));
    expect(await pilotPage(arsBretagne, "a")).toMatchObject(refusedAs("INTROUVABLE"));
    expect(await pilotRegister(otherEditor, "a")).toMatchObject(refusedAs("INTROUVABLE"));
    expect(await pilotPage(editor, "inconnu")).toMatchObject(refusedAs("INTROUVABLE"));
    const contract = await stepOf("contrat-ans");
    expect(await pilotStepPage(otherEditor, "a", contract.id)).toMatchObject(refusedAs("INTROUVABLE"));
    expect(await pilotStepPage(otherEditor, "b", contract.id)).toMatchObject(refusedAs("INTROUVABLE"));
    const theirs = await pilotHome(otherEditor, TODAY);
    expect(theirs.pilots.map((p) => p.code)).toEqual(["b"]);
    expect(new Set(theirs.next.map((s) => s.pilotCode))).toEqual(new Set(["b"]));
    expect((await pilotHome(arsBretagne, TODAY)).pilots).toEqual([]);
  });
});
