import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/modules/auth/session.server";
import { contextOf } from "~/modules/workflow/engine.server";
import { storedWorkflow } from "~/modules/workflow/queries.server";
import { resetClock, setClock } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { loadReferenceData } from "../../../seeds/reference/load.server";
import { person } from "../../../test/support/people";
import { refusedAs, valueOf } from "../../../test/support/result";
import { regionalReaders, segurPilot } from "../../../test/support/segur";
import type { SegurPilotContext } from "../../../workflows/segur-pilot";
import {
  addPilotContact,
  addPilotSite,
  createPilot,
  createPilotSchema,
  movePilotOn,
  pilotSiteSchema,
  removePilotContact,
  updatePilotSettings,
  type CreatePilotInput,
  type PilotSiteInput,
} from "./pilot-settings.server";
import { pilotSettingsPage } from "./queries/pilot-settings.server";

let coordinator: SessionUser, editor: SessionUser, stranger: SessionUser, arsReader: SessionUser;
let essmsId: string, otherEssmsId: string, calvadosCdId: string, mdphId: string, productId: string, vendorId: string;
let existingPilotId: string;

const settings = (over: Partial<CreatePilotInput> = {}): CreatePilotInput => ({
  code: "pe-nouveau-foyer",
  name: "Foyer de l'enfance — Solis",
  sector: "PROTECTION_ENFANCE",
  departementCode: "14",
  plannedStartOn: "2027-01-04",
  plannedEndOn: "2027-06-30",
  productId,
  establishmentIds: [essmsId],
  counterpartIds: [calvadosCdId],
  ...over,
});

const site = (over: Partial<Record<keyof PilotSiteInput, string>> = {}) =>
  pilotSiteSchema.parse({
    legalEntityName: "Association Les Tilleuls",
    legalEntityFiness: "140000019",
    serviceEmail: "SI@tilleuls.example",
    siteName: "MECS Les Tilleuls",
    siteFiness: "140000027",
    category: "MECS",
    siteDepartementCode: "14",
    ...over,
  });

async function pilotWorkflow(code: string) {
  const pilot = await prisma.segurPilot.findUniqueOrThrow({
    where: { code },
    include: { workflow: { select: { ...storedWorkflow, status: true, rowVersion: true } }, organisations: true },
  });
  return { pilot, workflow: pilot.workflow!, context: contextOf<SegurPilotContext>(pilot.workflow!) };
}

beforeAll(async () => {
  setClock(new Date("2026-12-07T09:00:00Z"), { frozen: true });
  await loadReferenceData();
  ({ pilotId: existingPilotId } = await segurPilot("pe-existant", { organisationCode: "foyer-existant" }));
  const essms = await prisma.organisation.create({
    data: { code: "foyer-solis", kind: "ESSMS", name: "Foyer Solis", shortName: "Foyer Solis" },
  });
  essmsId = essms.id;
  otherEssmsId = (await prisma.organisation.findUniqueOrThrow({ where: { code: "foyer-existant" } })).id;
  const vendor = await prisma.organisation.create({
    data: { code: "editeur-solis", kind: "EDITEUR", name: "Éditeur Solis", shortName: "Solis" },
  });
  vendorId = vendor.id;
  productId = (await prisma.softwareProduct.create({ data: { vendorId, name: "Solis DUI" } })).id;
  calvadosCdId = (
    await prisma.organisation.findFirstOrThrow({ where: { kind: "CONSEIL_DEPARTEMENTAL", departementCode: "14" } })
  ).id;
  mdphId = (await prisma.organisation.findFirstOrThrow({ where: { kind: "MDPH" } })).id;
  coordinator = await person("coord@cnsa.example", "cnsa", ["COORDINATEUR_CNSA"]);
  editor = await person("pilote@foyer-solis.example", "foyer-solis", ["PILOTE_SEGUR"]);
  stranger = await person("pilote@foyer-existant.example", "foyer-existant", ["PILOTE_SEGUR"]);
  ({ arsNormandie: arsReader } = await regionalReaders());
});
afterAll(() => resetClock());

describe("creating a pilot", () => {
  it("records the pilot with its organisations, the product's vendor as its vendor, and starts its machine with the period", async () => {
    expect(valueOf(await createPilot(coordinator, settings()))).toEqual({ code: "pe-nouveau-foyer" });
    const { pilot, workflow, context } = await pilotWorkflow("pe-nouveau-foyer");
    expect(pilot).toMatchObject({ startsOn: "2027-01-04", endsOn: "2027-06-30", productId, departementCode: "14" });
    expect(pilot.organisations.map((o) => [o.organisationId, o.role]).sort()).toEqual(
      [
        [essmsId, "ETABLISSEMENT"],
        [vendorId, "EDITEUR"],
        [calvadosCdId, "CONTREPARTIE"],
      ].sort(),
    );
    expect(workflow.status).toBe("enPreparation");
    expect(context).toMatchObject({ plannedStartOn: "2027-01-04", plannedEndOn: "2027-06-30" });
    expect(await prisma.auditEntry.count({ where: { action: "segur:pilote-cree", entityId: pilot.id } })).toBe(1);
  });

  it("is the coordinator's only, and refuses a taken code, a reserved one, a period backwards and organisations of the wrong kind", async () => {
    expect(await createPilot(editor, settings({ code: "pe-par-un-pilote" }))).toMatchObject(refusedAs("INTERDIT"));
    expect(await createPilot(coordinator, settings())).toMatchObject({
      ...refusedAs("INVALIDE"),
      errors: { code: "Ce code est déjà celui du pilote « Foyer de l'enfance — Solis »." },
    });
    expect(createPilotSchema.safeParse({ ...settings(), code: "nouveau" }).error?.issues[0]?.message).toMatch(
      /réservé/,
    );
    expect(createPilotSchema.safeParse({ ...settings(), code: "Pé Foyer" }).success).toBe(false);
    const refused = await createPilot(
      coordinator,
      settings({
        code: "pe-mauvais",
        plannedEndOn: "2026-12-31",
        establishmentIds: [mdphId],
        counterpartIds: [essmsId],
      }),
    );
    expect(refused).toMatchObject({
      ...refusedAs("INVALIDE"),
      errors: {
        plannedEndOn: expect.stringMatching(/^La fin ne peut pas précéder le début/),
        establishmentIds: expect.any(String),
        counterpartIds: expect.any(String),
      },
    });
    expect(await prisma.segurPilot.count({ where: { code: { in: ["pe-mauvais", "pe-par-un-pilote"] } } })).toBe(0);
  });
});

describe("the pilot's settings and life", () => {
  it("changes the settings and replaces the organisations; a new period goes through the machine", async () => {
    const { pilot } = await pilotWorkflow("pe-nouveau-foyer");
    const input = {
      ...settings(),
      name: "Foyer Solis",
      plannedEndOn: "2027-07-09",
      counterpartIds: [],
      productId: null,
    };
    expect(valueOf(await updatePilotSettings(coordinator, pilot.id, input))).toEqual({ code: "pe-nouveau-foyer" });
    const after = await pilotWorkflow("pe-nouveau-foyer");
    expect(after.pilot).toMatchObject({ name: "Foyer Solis", endsOn: "2027-07-09", productId: null });
    expect(after.context.plannedEndOn).toBe("2027-07-09");
    expect(after.pilot.organisations.map((o) => o.role)).toEqual(["ETABLISSEMENT"]);
  });

  it("is refused to the pilot's own people (403) and to anyone who does not see it (404)", async () => {
    const { pilot } = await pilotWorkflow("pe-nouveau-foyer");
    expect(await updatePilotSettings(editor, pilot.id, settings())).toMatchObject(refusedAs("INTERDIT"));
    expect(await updatePilotSettings(stranger, pilot.id, settings())).toMatchObject(refusedAs("INTROUVABLE"));
    expect(await movePilotOn(editor, pilot.id, { type: "DEMARRER", startedOn: "2026-12-07" })).toMatchObject(
      refusedAs("INTERDIT"),
    );
    expect(await pilotSettingsPage(stranger, "pe-nouveau-foyer")).toMatchObject(refusedAs("INTROUVABLE"));
  });

  it("starts the pilot on a day that is not in the future, against the version the page showed", async () => {
    const { pilot, workflow } = await pilotWorkflow("pe-nouveau-foyer");
    expect(await movePilotOn(coordinator, pilot.id, { type: "DEMARRER", startedOn: "2026-12-08" })).toMatchObject({
      ...refusedAs("INVALIDE"),
      errors: { startedOn: "La date de démarrage ne peut pas être dans le futur." },
    });
    expect(
      await movePilotOn(coordinator, pilot.id, { type: "DEMARRER", startedOn: "2026-12-07" }, workflow.rowVersion + 1),
    ).toMatchObject(refusedAs("PERIME"));
    expect(
      valueOf(
        await movePilotOn(coordinator, pilot.id, { type: "DEMARRER", startedOn: "2026-12-07" }, workflow.rowVersion),
      ),
    ).toEqual({ status: "enCours" });
    const page = valueOf(await pilotSettingsPage(coordinator, "pe-nouveau-foyer"));
    expect(page.life.filter((e) => e.possible).map((e) => e.type)).toEqual(["ABANDONNER"]);
  });

  it("no longer moves the period of an abandoned pilot", async () => {
    valueOf(await createPilot(coordinator, settings({ code: "pe-abandonne" })));
    const { pilot } = await pilotWorkflow("pe-abandonne");
    valueOf(await movePilotOn(coordinator, pilot.id, { type: "ABANDONNER", reason: "Éditeur retiré" }));
    const replanned = await updatePilotSettings(coordinator, pilot.id, { ...settings(), plannedEndOn: "2027-09-30" });
    expect(replanned).toMatchObject(refusedAs("REFUSE"));
    expect((await pilotWorkflow("pe-abandonne")).pilot.endsOn).toBe("2027-06-30");
  });

  it("gives a pilot made without a machine (the demo's grappes) one at its first change of period", async () => {
    await prisma.segurPilot.update({ where: { id: existingPilotId }, data: { workflowId: null } });
    const input = { ...settings(), establishmentIds: [otherEssmsId], counterpartIds: [] };
    valueOf(await updatePilotSettings(coordinator, existingPilotId, input));
    const { workflow, context } = await pilotWorkflow("pe-existant");
    expect(workflow.status).toBe("enPreparation");
    expect(context.plannedStartOn).toBe("2027-01-04");
  });
});

describe("sites and contacts", () => {
  it("adds a site with a new legal entity, its FINESS numbers checked; the pilot's people and the coordinator may", async () => {
    const pilotId = (await pilotWorkflow("pe-nouveau-foyer")).pilot.id;
    const { siteId } = valueOf(await addPilotSite(editor, pilotId, site()));
    const added = await prisma.site.findUniqueOrThrow({ where: { id: siteId }, include: { legalEntity: true } });
    expect(added).toMatchObject({ finess: "140000027", name: "MECS Les Tilleuls", departementCode: "14" });
    expect(added.legalEntity).toMatchObject({ finess: "140000019", serviceEmail: "si@tilleuls.example" });
    // A second site of the same entity, chosen among the pilot's.
    valueOf(
      await addPilotSite(
        coordinator,
        pilotId,
        site({ legalEntityId: added.legalEntityId, siteFiness: "", siteName: "Service AEMO", category: "AEMO" }),
      ),
    );
    expect(await prisma.segurPilotSite.count({ where: { pilotId } })).toBe(2);
    const raw = { siteName: "MECS", category: "MECS", siteDepartementCode: "14", siteFiness: "140000028" };
    expect(pilotSiteSchema.safeParse(raw).error?.issues[0]?.message).toMatch(/clé/);
  });

  it("refuses a site already in the pilot, or known under another legal entity", async () => {
    const pilotId = (await pilotWorkflow("pe-nouveau-foyer")).pilot.id;
    expect(await addPilotSite(editor, pilotId, site())).toMatchObject({
      ...refusedAs("INVALIDE"),
      errors: { siteFiness: "« MECS Les Tilleuls » fait déjà partie du pilote." },
    });
    const other = await addPilotSite(
      editor,
      pilotId,
      site({ legalEntityFiness: "", legalEntityName: "Autre association" }),
    );
    expect(other).toMatchObject({
      ...refusedAs("INVALIDE"),
      errors: { siteFiness: expect.stringMatching(/rattaché à « Association Les Tilleuls »/) },
    });
  });

  it("is refused to a reader of the pilot (403) and to a person who does not see it (404)", async () => {
    const pilotId = (await pilotWorkflow("pe-nouveau-foyer")).pilot.id;
    expect(await addPilotSite(arsReader, pilotId, site({ siteFiness: "" }))).toMatchObject(refusedAs("INTERDIT"));
    expect(await addPilotSite(stranger, pilotId, site({ siteFiness: "" }))).toMatchObject(refusedAs("INTROUVABLE"));
    const input = {
      contactName: "Zoé Martin",
      function: "Cheffe de projet",
      contactEmail: null,
      contactOrganisationId: null,
    };
    expect(await addPilotContact(stranger, pilotId, input)).toMatchObject(refusedAs("INTROUVABLE"));
  });

  it("adds and removes contacts, only the pilot's", async () => {
    const pilotId = (await pilotWorkflow("pe-nouveau-foyer")).pilot.id;
    const input = {
      contactName: "Zoé Martin",
      function: "Cheffe de projet",
      contactEmail: "zoe@solis.example",
      contactOrganisationId: essmsId,
    };
    const { id } = valueOf(await addPilotContact(editor, pilotId, input));
    expect(await addPilotContact(editor, pilotId, { ...input, contactOrganisationId: mdphId })).toMatchObject({
      ...refusedAs("INVALIDE"),
      errors: { contactOrganisationId: "Choisissez une organisation du pilote." },
    });
    expect(await removePilotContact(editor, existingPilotId, id)).toMatchObject(refusedAs("INTROUVABLE"));
    expect(await removePilotContact(stranger, pilotId, id)).toMatchObject(refusedAs("INTROUVABLE"));
    valueOf(await removePilotContact(coordinator, pilotId, id));
    expect(await prisma.segurContact.count({ where: { id } })).toBe(0);
  });
});
