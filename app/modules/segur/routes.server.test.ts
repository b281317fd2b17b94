/**
 * The Ségur pilot's pages called as the browser would, with a real session cookie: another
 * pilot's records answer 404 by URL and by form post, a reader reads without acting (403 on a
 * post), an out-of-order step is refused with the graph's message and what was typed kept.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/modules/auth/session.server";
import { loader as homeLoader } from "~/routes/segur._index";
import { action as pilotAction, loader as pilotLoader } from "~/routes/segur.pilotes.$code._index";
import { action as credentialsAction, loader as credentialsLoader } from "~/routes/segur.pilotes.$code.certificats";
import { action as stepAction, loader as stepLoader } from "~/routes/segur.pilotes.$code.etapes.$step";
import { action as peopleAction, loader as peopleLoader } from "~/routes/segur.pilotes.$code.personnes";
import { action as recordAction, loader as recordLoader } from "~/routes/segur.pilotes.$code.fiche";
import { action as newPilotAction, loader as newPilotLoader } from "~/routes/segur.pilotes.nouveau";
import { action as registerAction, loader as registerLoader } from "~/routes/segur.etablissements";
import { loader as reportLoader } from "~/routes/segur.etablissements.$id.rapport";
import { prisma } from "~/utils/db.server";
import { loadReferenceData } from "../../../seeds/reference/load.server";
import { person } from "../../../test/support/people";
import { valueOf } from "../../../test/support/result";
import { bodyOf, callRoute, statusOf } from "../../../test/support/routes";
import { regionalReaders, segurPilot } from "../../../test/support/segur";
import { openPilotSteps } from "./steps.server";

let editor: SessionUser, otherEditor: SessionUser, coordinator: SessionUser;
let arsNormandie: SessionUser, arsBretagne: SessionUser;
let pilotId: string, legalEntityId: string, otherStepId: string;

const stepId = async (stepCode: string, pilot = pilotId) =>
  (await prisma.segurStep.findFirstOrThrow({ where: { pilotId: pilot, stepCode } })).id;

beforeAll(async () => {
  await loadReferenceData();
  ({ pilotId, legalEntityId } = await segurPilot("a", { organisationCode: "acsea", sites: ["MECS du Bocage"] }));
  const b = await segurPilot("b", { organisationCode: "autre-essms", sites: ["Foyer de l'autre pilote"] });
  ({ arsNormandie, arsBretagne } = await regionalReaders());
  editor = await person("pilote@acsea.example", "acsea", ["PILOTE_SEGUR"]);
  otherEditor = await person("pilote@autre.example", "autre-essms", ["PILOTE_SEGUR"]);
  coordinator = await person("coord@cnsa.example", "cnsa", ["COORDINATEUR_CNSA"]);
  valueOf(await openPilotSteps(otherEditor, b.pilotId));
  otherStepId = await stepId("finess-juridique", b.pilotId);
});

describe("the pilot's page and its step pages, by URL", () => {
  it("opens the steps from the pilot's page for its editors, refuses a reader's post", async () => {
    const path = "/segur/pilotes/a";
    expect(statusOf(await callRoute(pilotAction, coordinator, path, { code: "a" }, { intent: "OUVRIR_ETAPES" }))).toBe(
      403,
    );
    const opened = await callRoute(pilotAction, editor, path, { code: "a" }, { intent: "OUVRIR_ETAPES" });
    expect(bodyOf(opened)).toEqual({ intent: "OUVRIR_ETAPES", notice: "7 étapes ouvertes." });
    expect(statusOf(await callRoute(pilotAction, otherEditor, path, { code: "a" }, { intent: "OUVRIR_ETAPES" }))).toBe(
      404,
    );
  });

  it("lets the pilot's people, the coordinator and the ARS of its region read; 404 for anyone else", async () => {
    for (const reader of [editor, coordinator, arsNormandie])
      expect(statusOf(await callRoute(pilotLoader, reader, "/segur/pilotes/a", { code: "a" }))).toBe(200);
    const asCoordinator = (await callRoute(pilotLoader, coordinator, "/segur/pilotes/a", { code: "a" })) as {
      pilot: { access: { edit: boolean } };
    };
    expect(asCoordinator.pilot.access.edit).toBe(false);
    for (const stranger of [otherEditor, arsBretagne])
      expect(statusOf(await callRoute(pilotLoader, stranger, "/segur/pilotes/a", { code: "a" }))).toBe(404);
    const step = await stepId("contrat-ans");
    const stepParams = { code: "a", step };
    expect(statusOf(await callRoute(stepLoader, arsBretagne, `/segur/pilotes/a/etapes/${step}`, stepParams))).toBe(404);
    // Another pilot's step under this pilot's address does not exist.
    const foreign = { code: "a", step: otherStepId };
    expect(statusOf(await callRoute(stepLoader, editor, `/segur/pilotes/a/etapes/${otherStepId}`, foreign))).toBe(404);
    for (const loader of [peopleLoader, credentialsLoader])
      expect(statusOf(await callRoute(loader, otherEditor, "/segur/pilotes/a/personnes", { code: "a" }))).toBe(404);
  });

  it("keeps the home to the pilots' people", async () => {
    expect(statusOf(await callRoute(homeLoader, coordinator, "/segur", {}))).toBe(403);
    const home = (await callRoute(homeLoader, editor, "/segur", {})) as { next: { stepCode: string }[] };
    expect(home.next.map((s) => s.stepCode).sort()).toEqual([
      "finess-geographique",
      "finess-juridique",
      "homologation-ins",
    ]);
  });
});

describe("the forms, by post", () => {
  const ask = (rowVersion = "0") => ({
    intent: "DEMANDER",
    rowVersion,
    channel: "DEMARCHES_SIMPLIFIEES",
    askedOn: "2026-11-02",
    actedBy: "Claire Exemple",
    actedByPersonId: "",
  });

  it("refuses a step asked before its predecessor with the graph's message, keeping what was typed", async () => {
    const step = await stepId("contrat-ans");
    const refused = await callRoute(stepAction, editor, `/segur/pilotes/a/etapes/${step}`, { code: "a", step }, ask());
    expect(statusOf(refused)).toBe(422);
    expect(bodyOf(refused)).toMatchObject({
      intent: "DEMANDER",
      message: "Étape impossible : le FINESS juridique doit d'abord être vérifié dans le fichier national.",
      values: { channel: "DEMARCHES_SIMPLIFIEES", actedBy: "Claire Exemple", askedOn: "2026-11-02" },
    });
  });

  it("records two independent steps in parallel, each redirected to its page", async () => {
    for (const [code, channel] of [
      ["finess-juridique", "BASE_FINESS"],
      ["homologation-ins", "COMMISSION_INTERNE"],
    ]) {
      const step = await stepId(code);
      const done = await callRoute(
        stepAction,
        editor,
        `/segur/pilotes/a/etapes/${step}`,
        { code: "a", step },
        {
          ...ask(),
          channel,
        },
      );
      expect(statusOf(done)).toBe(302);
      expect((done as Response).headers.get("Location")).toBe(`/segur/pilotes/a/etapes/${step}?fait=DEMANDER`);
    }
    const statuses = await prisma.segurStep.findMany({
      where: { pilotId, stepCode: { in: ["finess-juridique", "homologation-ins"] } },
      select: { workflow: { select: { status: true } } },
    });
    expect(statuses.map((s) => s.workflow.status)).toEqual(["demande", "demande"]);
  });

  it("answers 404 to another pilot's people posting on this pilot's records, 403 to a reader", async () => {
    const step = await stepId("homologation-ins");
    const params = { code: "a", step };
    const block = { intent: "BLOQUER", rowVersion: "1", blockedOn: "2026-11-03", blocker: "INTERNE", reason: "x" };
    expect(statusOf(await callRoute(stepAction, otherEditor, `/segur/pilotes/a/etapes/${step}`, params, block))).toBe(
      404,
    );
    expect(statusOf(await callRoute(stepAction, coordinator, `/segur/pilotes/a/etapes/${step}`, params, block))).toBe(
      403,
    );
    // This pilot's editor posting on another pilot's step through this pilot's address.
    const foreign = { code: "a", step: otherStepId };
    expect(
      statusOf(await callRoute(stepAction, editor, `/segur/pilotes/a/etapes/${otherStepId}`, foreign, ask())),
    ).toBe(404);
    const designate = {
      intent: "DESIGNER",
      legalEntityId,
      role: "GESTIONNAIRE_RPPS",
      firstName: "Intrus",
      lastName: "Exemple",
      email: "intrus@autre.example",
      designatedOn: "2026-11-02",
    };
    expect(
      statusOf(await callRoute(peopleAction, otherEditor, "/segur/pilotes/a/personnes", { code: "a" }, designate)),
    ).toBe(404);
    const certificate = { intent: "ENREGISTRER", kind: "AUTH_CLI", legalEntityId, issuedOn: "2026-11-02" };
    expect(
      statusOf(
        await callRoute(credentialsAction, otherEditor, "/segur/pilotes/a/certificats", { code: "a" }, certificate),
      ),
    ).toBe(404);
    expect(await prisma.designatedPerson.count({ where: { firstName: "Intrus" } })).toBe(0);
  });

  it("designates a person, then records an AUTH_CLI certificate with its password keeper (never a password)", async () => {
    const designate = {
      intent: "DESIGNER",
      legalEntityId,
      role: "ADMINISTRATEUR_TECHNIQUE",
      firstName: "Inès",
      lastName: "Technique",
      email: "ines@acsea.example",
      designatedOn: "2026-11-02",
    };
    const done = await callRoute(peopleAction, editor, "/segur/pilotes/a/personnes", { code: "a" }, designate);
    expect(statusOf(done)).toBe(302);
    const keeper = await prisma.designatedPerson.findFirstOrThrow({ where: { lastName: "Technique" } });

    const certificate = {
      intent: "ENREGISTRER",
      kind: "AUTH_CLI",
      legalEntityId,
      reference: "AUTH-2026",
      issuedOn: "2026-11-02",
      expiresOn: "",
      passwordKeeperId: "",
      holderId: "",
    };
    const missingKeeper = await callRoute(
      credentialsAction,
      editor,
      "/segur/pilotes/a/certificats",
      { code: "a" },
      certificate,
    );
    expect(statusOf(missingKeeper)).toBe(422);
    expect(bodyOf(missingKeeper)).toMatchObject({
      errors: { passwordKeeperId: "Indiquez la personne désignée qui garde le mot de passe." },
      values: { reference: "AUTH-2026" },
    });
    const recorded = await callRoute(
      credentialsAction,
      editor,
      "/segur/pilotes/a/certificats",
      { code: "a" },
      {
        ...certificate,
        passwordKeeperId: keeper.id,
      },
    );
    expect(statusOf(recorded)).toBe(302);
    expect(await prisma.segurCredential.findFirstOrThrow({ where: { reference: "AUTH-2026" } })).toMatchObject({
      kind: "AUTH_CLI",
      passwordKeeperId: keeper.id,
      expiresOn: "2029-11-02",
    });
  });
  it("answers a departure already recorded with the service's French message, what was typed kept", async () => {
    const designate = {
      intent: "DESIGNER",
      legalEntityId,
      role: "GESTIONNAIRE_RPPS",
      firstName: "Paul",
      lastName: "Parti",
      email: "paul.parti@acsea.example",
      designatedOn: "2026-11-02",
    };
    expect(
      statusOf(await callRoute(peopleAction, editor, "/segur/pilotes/a/personnes", { code: "a" }, designate)),
    ).toBe(302);
    const leaving = await prisma.designatedPerson.findFirstOrThrow({ where: { lastName: "Parti" } });
    const departure = { intent: "DEPART", personId: leaving.id, leftOn: "2026-11-03" };
    const left = await callRoute(peopleAction, editor, "/segur/pilotes/a/personnes", { code: "a" }, departure);
    expect(statusOf(left)).toBe(302);
    const again = await callRoute(peopleAction, editor, "/segur/pilotes/a/personnes", { code: "a" }, departure);
    expect(statusOf(again)).toBe(422);
    expect(bodyOf(again)).toMatchObject({
      intent: "DEPART",
      message: expect.stringMatching(/^Cette personne est déjà partie \(/),
      values: { personId: leaving.id, leftOn: "2026-11-03" },
    });
  });
});

describe("the pilot's creation and record pages", () => {
  it("opens the creation to the coordinator only, and shows a refused form again with its code and boxes", async () => {
    expect(statusOf(await callRoute(newPilotLoader, editor, "/segur/pilotes/nouveau", {}))).toBe(403);
    expect(statusOf(await callRoute(newPilotLoader, coordinator, "/segur/pilotes/nouveau", {}))).toBe(200);
    const acsea = await prisma.organisation.findUniqueOrThrow({ where: { code: "acsea" } });
    const typed = {
      code: "pe-nouveau",
      name: "Nouveau pilote",
      sector: "PROTECTION_ENFANCE",
      departementCode: "14",
      plannedStartOn: "2027-03-01",
      plannedEndOn: "2027-02-01",
      establishmentIds: [acsea.id],
    };
    const refused = await callRoute(newPilotAction, coordinator, "/segur/pilotes/nouveau", {}, typed);
    expect(statusOf(refused)).toBe(422);
    expect(bodyOf(refused)).toMatchObject({
      errors: { plannedEndOn: expect.stringMatching(/^La fin ne peut pas précéder le début/) },
      values: { code: "pe-nouveau", departementCode: "14", establishmentIds: [acsea.id], counterpartIds: [] },
    });
    expect(statusOf(await callRoute(newPilotAction, editor, "/segur/pilotes/nouveau", {}, typed))).toBe(403);
    const created = await callRoute(
      newPilotAction,
      coordinator,
      "/segur/pilotes/nouveau",
      {},
      {
        ...typed,
        plannedEndOn: "2027-06-30",
      },
    );
    expect(statusOf(created)).toBe(302);
  });

  it("lets the pilot's people and the coordinator open its record; a reader gets 403, anyone else 404", async () => {
    const path = "/segur/pilotes/a/fiche";
    for (const manager of [editor, coordinator])
      expect(statusOf(await callRoute(recordLoader, manager, path, { code: "a" }))).toBe(200);
    expect(statusOf(await callRoute(recordLoader, arsNormandie, path, { code: "a" }))).toBe(403);
    for (const stranger of [otherEditor, arsBretagne])
      expect(statusOf(await callRoute(recordLoader, stranger, path, { code: "a" }))).toBe(404);
  });

  it("refuses the settings to the pilot's own people and a post to another pilot's; keeps what was typed", async () => {
    const path = "/segur/pilotes/a/fiche";
    const settings = { intent: "REGLER", name: "Renommé", sector: "PROTECTION_ENFANCE" };
    expect(statusOf(await callRoute(recordAction, editor, path, { code: "a" }, settings))).toBe(403);
    const contact = { intent: "CONTACT", contactName: "Zoé Martin", function: "Cheffe de projet" };
    expect(statusOf(await callRoute(recordAction, otherEditor, path, { code: "a" }, contact))).toBe(404);
    const badEmail = await callRoute(recordAction, editor, path, { code: "a" }, { ...contact, contactEmail: "zoé@" });
    expect(statusOf(badEmail)).toBe(422);
    expect(bodyOf(badEmail)).toMatchObject({
      intent: "CONTACT",
      errors: { contactEmail: expect.stringMatching(/^Saisissez une adresse électronique valide/) },
      values: { contactName: "Zoé Martin", contactEmail: "zoé@" },
    });
    expect(statusOf(await callRoute(recordAction, editor, path, { code: "a" }, contact))).toBe(302);
    const site = {
      intent: "SITE",
      legalEntityId,
      siteName: "Foyer du Bocage",
      category: "Foyer de l'enfance",
      siteDepartementCode: "14",
    };
    expect(statusOf(await callRoute(recordAction, editor, path, { code: "a" }, site))).toBe(302);
    expect(await prisma.site.count({ where: { name: "Foyer du Bocage", legalEntityId } })).toBe(1);
  });
});

describe("the register of establishments and its imports", () => {
  it("is the coordinator's only: 403 to a pilot's people and to readers, a report that does not exist 404", async () => {
    for (const other of [editor, arsNormandie])
      expect(statusOf(await callRoute(registerLoader, other, "/segur/etablissements", {}))).toBe(403);
    expect(statusOf(await callRoute(registerAction, editor, "/segur/etablissements", {}, { fichier: "x" }))).toBe(403);
    expect(statusOf(await callRoute(registerLoader, coordinator, "/segur/etablissements", {}))).toBe(200);
    const report = "/segur/etablissements/inconnu/rapport?format=csv";
    expect(statusOf(await callRoute(reportLoader, editor, report, { id: "inconnu" }))).toBe(403);
    expect(statusOf(await callRoute(reportLoader, coordinator, report, { id: "inconnu" }))).toBe(404);
  });

  it("answers a form that is not a file upload with 415 and its French message", async () => {
    const answer = await callRoute(registerAction, coordinator, "/segur/etablissements", {}, { fichier: "x" });
    expect(statusOf(answer)).toBe(415);
    expect(bodyOf(answer)).toEqual({
      message: expect.stringMatching(/^Le fichier doit être envoyé depuis le formulaire/),
    });
  });
});
