import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/modules/auth/session.server";
import { prisma } from "~/utils/db.server";
import { loadReferenceData } from "../../../seeds/reference/load.server";
import { person } from "../../../test/support/people";
import { segurPilot } from "../../../test/support/segur";
import { refusedAs, valueOf } from "../../../test/support/result";
import { SEGUR_STEPS, STEP_CODES, type StepCode } from "../../../workflows/segur-prerequisites";
import { PERSON_STEP_ROLES, actOnStep, openPilotSteps, type SegurStepCommand } from "./steps.server";

let editor: SessionUser, coordinator: SessionUser, otherEditor: SessionUser;
let pilotId: string, otherPilotId: string, legalEntityId: string, siteIds: string[], managerId: string;

/** The pilot's step of `code` (for a site or a person when given), with its row version. */
async function step(code: StepCode, where: { siteId?: string; designatedPersonId?: string } = {}, pilot = pilotId) {
  const found = await prisma.segurStep.findFirstOrThrow({
    where: { pilotId: pilot, stepCode: code, ...where },
    select: { id: true, workflow: { select: { status: true, rowVersion: true } } },
  });
  return { id: found.id, status: found.workflow.status, rowVersion: found.workflow.rowVersion };
}

const asked = (channel: string, askedOn = "2026-11-02"): SegurStepCommand => ({
  type: "DEMANDER",
  channel: channel as never,
  askedOn,
  actedBy: "Claire Exemple",
  actedByPersonId: null,
});
const obtained = (obtainedOn = "2026-11-03"): SegurStepCommand => ({
  type: "OBTENIR",
  obtainedOn,
  note: "Vérifié",
  reference: "REF-1",
});

/** Asks then obtains a step as the editor. */
async function obtain(code: StepCode, channel: string, where: { siteId?: string; designatedPersonId?: string } = {}) {
  let s = await step(code, where);
  valueOf(await actOnStep(editor, pilotId, s.id, asked(channel), s.rowVersion));
  s = await step(code, where);
  valueOf(await actOnStep(editor, pilotId, s.id, obtained(), s.rowVersion));
}

beforeAll(async () => {
  await loadReferenceData();
  ({ pilotId, legalEntityId, siteIds } = await segurPilot("a", {
    organisationCode: "acsea",
    sites: ["MECS du Bocage", "Foyer de la Plaine"],
  }));
  ({ pilotId: otherPilotId } = await segurPilot("b", {
    organisationCode: "autre-essms",
    sites: ["Foyer de l'autre pilote"],
  }));
  const manager = await prisma.designatedPerson.create({
    data: { legalEntityId, role: "GESTIONNAIRE_RPPS", firstName: "Paul", lastName: "Gestion", email: "rpps@a.example" },
  });
  managerId = manager.id;
  // A legal representative has no person-scoped step of their own.
  await prisma.designatedPerson.create({
    data: { legalEntityId, role: "REPRESENTANT_LEGAL", firstName: "Rita", lastName: "Légal", email: "rl@a.example" },
  });
  editor = await person("pilote@acsea.example", "acsea", ["PILOTE_SEGUR"]);
  otherEditor = await person("pilote@autre.example", "autre-essms", ["PILOTE_SEGUR"]);
  coordinator = await person("coord@cnsa.example", "cnsa", ["COORDINATEUR_CNSA"]);
});

describe("opening a pilot's prerequisites", () => {
  it("opens every step for each legal entity, each site and each RPPS+ manager, once", async () => {
    expect(valueOf(await openPilotSteps(editor, pilotId))).toEqual({ opened: 5 + 2 * 2 + 3 });
    const steps = await prisma.segurStep.findMany({ where: { pilotId } });
    const byCode = (code: string) => steps.filter((s) => s.stepCode === code);
    expect(byCode("contrat-ans")).toEqual([
      expect.objectContaining({ legalEntityId, siteId: null, designatedPersonId: null }),
    ]);
    expect(
      byCode("finess-geographique")
        .map((s) => s.siteId)
        .sort(),
    ).toEqual([...siteIds].sort());
    expect(byCode("professionnels-rpps").every((s) => s.legalEntityId === legalEntityId)).toBe(true);
    for (const code of ["carte-cpe", "gestionnaire-rpps", "cartes-cpx"])
      expect(byCode(code)).toEqual([expect.objectContaining({ designatedPersonId: managerId, legalEntityId })]);

    expect(valueOf(await openPilotSteps(editor, pilotId))).toEqual({ opened: 0 });
    expect(await prisma.segurStep.count({ where: { pilotId } })).toBe(steps.length);
  });

  it("is refused to a reader (403) and to a stranger to the pilot (404)", async () => {
    expect(await openPilotSteps(coordinator, pilotId)).toMatchObject(refusedAs("INTERDIT"));
    expect(await openPilotSteps(otherEditor, pilotId)).toMatchObject(refusedAs("INTROUVABLE"));
  });
});

describe("moving steps on", () => {
  beforeAll(async () => {
    valueOf(await openPilotSteps(otherEditor, otherPilotId));
  });

  it("refuses an out-of-order step with the French message naming the missing steps", async () => {
    const certificates = await step("certificats");
    const refused = await actOnStep(editor, pilotId, certificates.id, asked("F413"), certificates.rowVersion);
    expect(refused).toMatchObject({
      ...refusedAs("REFUSE"),
      message:
        "Étape impossible : la carte CPE doit d'abord être obtenue et le FINESS juridique doit d'abord être vérifié dans le fichier national.",
    });
    expect((await step("certificats")).status).toBe("aFaire");
  });

  it("progresses two independent steps in parallel, and lets a successor through once they are obtained", async () => {
    const finess = await step("finess-juridique");
    const homologation = await step("homologation-ins");
    valueOf(await actOnStep(editor, pilotId, finess.id, asked("BASE_FINESS"), finess.rowVersion));
    valueOf(await actOnStep(editor, pilotId, homologation.id, asked("COMMISSION_INTERNE"), homologation.rowVersion));
    expect((await step("finess-juridique")).status).toBe("demande");
    expect((await step("homologation-ins")).status).toBe("demande");

    const blocked = await step("homologation-ins");
    const block: SegurStepCommand = {
      type: "BLOQUER",
      blockedOn: "2026-11-03",
      reason: "Commission reportée",
      blocker: "INTERNE",
    };
    valueOf(await actOnStep(editor, pilotId, blocked.id, block, blocked.rowVersion));
    const finessNow = await step("finess-juridique");
    valueOf(await actOnStep(editor, pilotId, finessNow.id, obtained(), finessNow.rowVersion));
    expect((await step("homologation-ins")).status).toBe("bloque");
    expect((await step("finess-juridique")).status).toBe("obtenu");

    const contract = await step("contrat-ans");
    expect(
      valueOf(await actOnStep(editor, pilotId, contract.id, asked("DEMARCHES_SIMPLIFIEES"), contract.rowVersion)),
    ).toEqual({ status: "demande" });
  });

  it("counts a person's own CPE card for their enrolment, and the legal entity's for a site", async () => {
    const enrolment = await step("gestionnaire-rpps", { designatedPersonId: managerId });
    expect(
      await actOnStep(editor, pilotId, enrolment.id, asked("PORTAIL_RPPS_GESTIONNAIRE"), enrolment.rowVersion),
    ).toMatchObject({ ...refusedAs("REFUSE"), message: "Étape impossible : la carte CPE doit d'abord être obtenue." });
    const contract = await step("contrat-ans");
    valueOf(await actOnStep(editor, pilotId, contract.id, obtained(), contract.rowVersion));
    await obtain("carte-cpe", "F301", { designatedPersonId: managerId });
    await obtain("gestionnaire-rpps", "PORTAIL_RPPS_GESTIONNAIRE", { designatedPersonId: managerId });

    // The professionals of a site also need that site's own FINESS géographique.
    const professionals = await step("professionnels-rpps", { siteId: siteIds[0] });
    expect(
      await actOnStep(editor, pilotId, professionals.id, asked("PORTAIL_RPPS_GESTIONNAIRE"), professionals.rowVersion),
    ).toMatchObject({
      ...refusedAs("REFUSE"),
      message:
        "Étape impossible : le FINESS géographique de l'établissement doit d'abord être vérifié dans le fichier national.",
    });
    await obtain("finess-geographique", "BASE_FINESS", { siteId: siteIds[1] });
    expect(
      await actOnStep(editor, pilotId, professionals.id, asked("PORTAIL_RPPS_GESTIONNAIRE"), professionals.rowVersion),
    ).toMatchObject(refusedAs("REFUSE"));
    await obtain("finess-geographique", "BASE_FINESS", { siteId: siteIds[0] });
    valueOf(
      await actOnStep(editor, pilotId, professionals.id, asked("PORTAIL_RPPS_GESTIONNAIRE"), professionals.rowVersion),
    );
  });

  it("answers a wrong field in French before the engine, and refuses to waive a step others need", async () => {
    const cpx = await step("cartes-cpx", { designatedPersonId: managerId });
    expect(await actOnStep(editor, pilotId, cpx.id, asked("F413"), cpx.rowVersion)).toMatchObject({
      ...refusedAs("INVALIDE"),
      errors: { channel: "Choisissez l'un des canaux prévus pour cette étape." },
    });
    const contract = await step("contrat-ans");
    expect(
      await actOnStep(editor, pilotId, contract.id, { type: "DECLARER_SANS_OBJET", reason: "x" }, contract.rowVersion),
    ).toMatchObject({
      ...refusedAs("REFUSE"),
      message: expect.stringContaining("ne peut pas être déclarée sans objet"),
    });
  });

  it("ignores a gate verdict a person posts", async () => {
    const insi = await step("insi-auth-cli");
    const forged = { ...asked("PARAMETRAGE_DUI"), missingPredecessors: [] } as unknown as SegurStepCommand;
    expect(await actOnStep(editor, pilotId, insi.id, forged, insi.rowVersion)).toMatchObject(refusedAs("REFUSE"));
    expect((await step("insi-auth-cli")).status).toBe("aFaire");
  });

  it("refuses a step of another pilot as not found, by its id", async () => {
    const foreign = await step("homologation-ins", {}, otherPilotId);
    const command = asked("COMMISSION_INTERNE");
    expect(await actOnStep(editor, pilotId, foreign.id, command, foreign.rowVersion)).toMatchObject(
      refusedAs("INTROUVABLE"),
    );
    expect(await actOnStep(editor, otherPilotId, foreign.id, command, foreign.rowVersion)).toMatchObject(
      refusedAs("INTROUVABLE"),
    );
    expect((await step("homologation-ins", {}, otherPilotId)).status).toBe("aFaire");
  });

  it("refuses a stale row version: the second of two people acting at once changes nothing", async () => {
    const shown = await step("homologation-ins");
    const unblock: SegurStepCommand = { type: "DEBLOQUER", unblockedOn: "2026-11-04" };
    valueOf(await actOnStep(editor, pilotId, shown.id, unblock, shown.rowVersion));
    const late = await actOnStep(editor, pilotId, shown.id, obtained("2026-11-04"), shown.rowVersion);
    expect(late).toMatchObject(refusedAs("PERIME"));
    expect((await step("homologation-ins")).status).toBe("demande");
  });
});

describe("the people a person-scoped step is opened for", () => {
  it("names a role for every person-scoped step of the graph, and for no other", () => {
    const personSteps = STEP_CODES.filter((code) => SEGUR_STEPS[code].scope === "PERSONNE");
    expect(Object.keys(PERSON_STEP_ROLES).sort()).toEqual([...personSteps].sort());
  });
});
