import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/modules/auth/session.server";
import { verifyAuditChain } from "~/modules/journal/audit.server";
import { resetClock, setClock } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import type { OrganisationKind } from "./kinds";
import { parseForm } from "~/utils/forms";
import { loadReferenceData } from "../../../seeds/reference/load.server";
import {
  assignOpalesCentre,
  createOrganisation,
  getOrganisation,
  listOrganisations,
  organisationChoices,
  organisationCreateSchema,
  organisationUpdateSchema,
  setOrganisationActive,
  updateOrganisation,
  type AdminActor,
} from "./admin.server";

const NOW = new Date("2026-11-23T09:00:00Z");
let admin: AdminActor;

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

const empty = {
  kind: "",
  name: "",
  shortName: "",
  code: "",
  departementCode: "",
  regionCode: "",
  parentId: "",
  email: "",
  finessJuridique: "",
  finessGeographique: "",
};
const lastAudit = () => prisma.auditEntry.findFirstOrThrow({ orderBy: { seq: "desc" } });
const idOf = async (code: string) => (await prisma.organisation.findUniqueOrThrow({ where: { code } })).id;

beforeAll(async () => {
  setClock(NOW, { frozen: true });
  await loadReferenceData();
  const cnsa = await idOf("cnsa");
  const user = await prisma.user.create({
    data: {
      email: "admin@cnsa.example",
      firstName: "Thomas",
      lastName: "Leroy",
      organisationId: cnsa,
      roles: { create: [{ role: "ADMIN" }] },
    },
  });
  admin = { id: user.id, firstName: user.firstName, lastName: user.lastName, organisationId: cnsa };
});

afterAll(() => resetClock());

describe("the organisation form", () => {
  const newEssms = (finess: Record<"finessJuridique" | "finessGeographique", string>) =>
    parseForm(
      organisationCreateSchema,
      form({
        ...empty,
        kind: "ESSMS",
        name: "IME Les Tilleuls",
        shortName: "IME Tilleuls",
        code: "ime-les-tilleuls",
        ...finess,
      }),
    );

  it("accepts FINESS numbers of 9 digits for an ESSMS, spaces tolerated", () => {
    const result = newEssms({ finessJuridique: "530 000 371", finessGeographique: "2A0000154" });
    expect(result).toMatchObject({
      ok: true,
      data: {
        finessJuridique: "530000371",
        finessGeographique: "2A0000154",
        departementCode: null,
        parentId: null,
        email: null,
      },
    });
  });

  it("refuses a malformed FINESS number, in French, next to the field, keeping what was typed", () => {
    const result = newEssms({ finessJuridique: "12345", finessGeographique: "53000037A" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.finessJuridique).toMatch(/^Le numéro FINESS compte 9 chiffres/);
    expect(result.errors.finessGeographique).toMatch(/^Le numéro FINESS compte 9 chiffres/);
    expect(result.values).toMatchObject({ name: "IME Les Tilleuls", finessJuridique: "12345" });
  });

  it("keeps FINESS numbers for ESSMS, and requires a département for an MDPH", () => {
    const partner = parseForm(
      organisationUpdateSchema,
      form({ ...empty, kind: "PARTENAIRE", name: "Organisme", shortName: "ORG", finessJuridique: "530000371" }),
    );
    expect(partner).toMatchObject({
      ok: false,
      errors: { finessJuridique: "Les numéros FINESS ne concernent que les établissements et services (ESSMS)." },
    });
    const mdph = parseForm(
      organisationUpdateSchema,
      form({ ...empty, kind: "MDPH", name: "MDPH nouvelle", shortName: "MDPH" }),
    );
    expect(mdph).toMatchObject({
      ok: false,
      errors: { departementCode: "Choisissez le département de cette organisation." },
    });
    const code = parseForm(
      organisationCreateSchema,
      form({ ...empty, kind: "EDITEUR", name: "Éditeur", shortName: "ED", code: "Éditeur Logiciel" }),
    );
    expect(code).toMatchObject({
      ok: false,
      errors: { code: expect.stringContaining("lettres minuscules sans accent") },
    });
  });
});

describe("creating and editing organisations", () => {
  it("creates an organisation with its audit entry, and refuses a code already taken", async () => {
    const input = {
      kind: "ESSMS" as const,
      name: "IME Les Tilleuls",
      shortName: "IME Tilleuls",
      code: "ime-les-tilleuls",
      departementCode: "53",
      regionCode: null,
      parentId: null,
      email: "contact@ime.example",
      finessJuridique: "530000371",
      finessGeographique: null,
    };
    const result = await createOrganisation(admin, input);
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(await prisma.organisation.findUniqueOrThrow({ where: { id: result.value.id } })).toMatchObject({
      code: "ime-les-tilleuls",
      finessJuridique: "530000371",
      departementCode: "53",
      active: true,
    });
    expect(await lastAudit()).toMatchObject({
      action: "organisation-creee",
      entityType: "Organisation",
      entityId: result.value.id,
      actorId: admin.id,
    });

    expect(await createOrganisation(admin, input)).toMatchObject({
      ok: false,
      errors: { code: "Une organisation porte déjà ce code : choisissez-en un autre." },
    });
  });

  it("refuses a second MDPH for a département, an unknown département and a parent loop", async () => {
    const unattached = {
      regionCode: null,
      parentId: null,
      email: null,
      finessJuridique: null,
      finessGeographique: null,
    };
    expect(
      await createOrganisation(admin, {
        kind: "MDPH" as const,
        name: "Autre MDPH",
        shortName: "MDPH bis",
        code: "mdph-53-bis",
        departementCode: "53",
        ...unattached,
      }),
    ).toMatchObject({
      ok: false,
      errors: { departementCode: "Le département 53 a déjà une organisation de ce type : MDPH de la Mayenne." },
    });
    expect(
      await createOrganisation(admin, {
        kind: "ESSMS" as const,
        name: "X",
        shortName: "X",
        code: "x",
        departementCode: "99",
        ...unattached,
      }),
    ).toMatchObject({
      ok: false,
      errors: { departementCode: "Choisissez un département de la liste." },
    });
    const stsi = await getOrganisation(await idOf("men-stsi"));
    const rennes = await idOf("men-stsi-rennes");
    expect(
      await updateOrganisation(admin, stsi!.id, {
        kind: stsi!.kind as OrganisationKind,
        name: stsi!.name,
        shortName: stsi!.shortName,
        departementCode: null,
        regionCode: null,
        parentId: rennes,
        email: stsi!.email,
        finessJuridique: null,
        finessGeographique: null,
      }),
    ).toMatchObject({
      ok: false,
      errors: { parentId: "Cette organisation dépend déjà de celle-ci : le rattachement formerait une boucle." },
    });
  });

  it("records exactly what changed", async () => {
    const id = await idOf("men-stsi-versailles");
    const before = await prisma.organisation.findUniqueOrThrow({ where: { id } });
    const result = await updateOrganisation(admin, id, {
      kind: before.kind as OrganisationKind,
      name: before.name,
      shortName: "STSI Versailles",
      departementCode: null,
      regionCode: null,
      parentId: before.parentId,
      email: "opales.versailles@education.example",
      finessJuridique: null,
      finessGeographique: null,
    });
    expect(result).toEqual({ ok: true, value: { id } });
    const entry = await lastAudit();
    expect(entry).toMatchObject({ action: "organisation-modifiee", entityId: id });
    expect(JSON.parse(entry.data)).toEqual({
      modifications: {
        email: { avant: "opales-versailles@men-stsi.example", apres: "opales.versailles@education.example" },
      },
    });
    expect(
      await updateOrganisation(admin, "inconnue", { ...before, kind: "SERVICE_ETAT", departementCode: null }),
    ).toMatchObject({ ok: false, code: "INTROUVABLE" });
  });

  it("asks an ARS or a GRADeS for its region, and no other kind", async () => {
    const ars = { kind: "ARS", name: "ARS de Bretagne", shortName: "ARS Bretagne", code: "ars-bretagne" };
    expect(parseForm(organisationCreateSchema, form({ ...empty, ...ars }))).toMatchObject({
      ok: false,
      errors: { regionCode: "Choisissez la région de cette agence ou de ce GRADeS." },
    });
    expect(
      parseForm(
        organisationCreateSchema,
        form({
          ...empty,
          kind: "MDPH",
          name: "MDPH",
          shortName: "MDPH 35",
          code: "m",
          departementCode: "35",
          regionCode: "53",
        }),
      ),
    ).toMatchObject({ ok: false, errors: { regionCode: "Seules une ARS ou un GRADeS sont rattachés à une région." } });
    const parsed = parseForm(organisationCreateSchema, form({ ...empty, ...ars, regionCode: "53" }));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const created = await createOrganisation(admin, parsed.data);
    if (!created.ok) throw new Error(created.message);
    expect(await getOrganisation(created.value.id)).toMatchObject({ regionCode: "53", region: { name: "Bretagne" } });
    expect(await createOrganisation(admin, { ...parsed.data, code: "ars-inconnue", regionCode: "99" })).toMatchObject({
      ok: false,
      errors: { regionCode: "Choisissez une région de la liste." },
    });
  });
});

describe("deactivating an organisation", () => {
  it("ends the sessions of all its people and is audited", async () => {
    const cnaf = await idOf("cnaf");
    const a = await prisma.user.create({
      data: { email: "a@cnaf.example", firstName: "A", lastName: "A", organisationId: cnaf },
    });
    const b = await prisma.user.create({
      data: { email: "b@cnaf.example", firstName: "B", lastName: "B", organisationId: cnaf },
    });
    await createSession(a.id, { twoFactorVerified: true });
    await createSession(b.id, { twoFactorVerified: true });
    await createSession(admin.id, { twoFactorVerified: true });

    expect(await setOrganisationActive(admin, cnaf, false)).toEqual({ ok: true, value: { endedSessions: 2 } });
    expect(await prisma.session.count({ where: { userId: { in: [a.id, b.id] } } })).toBe(0);
    expect(await prisma.session.count({ where: { userId: admin.id } })).toBe(1);
    expect(await lastAudit()).toMatchObject({
      action: "organisation-desactivee",
      entityId: cnaf,
      data: JSON.stringify({ sessionsTerminees: 2 }),
    });
    expect((await organisationChoices()).flatMap((g) => g.options).some((o) => o.value === cnaf)).toBe(false);

    expect(await setOrganisationActive(admin, cnaf, true)).toEqual({ ok: true, value: { endedSessions: 0 } });
    expect(await lastAudit()).toMatchObject({ action: "organisation-reactivee", entityId: cnaf });
  });

  it("an administrator cannot deactivate their own organisation", async () => {
    expect(await setOrganisationActive(admin, admin.organisationId, false)).toMatchObject({
      ok: false,
      message: expect.stringContaining("votre propre organisation"),
    });
    expect(await prisma.organisation.findUniqueOrThrow({ where: { id: admin.organisationId } })).toMatchObject({
      active: true,
    });
  });
});

describe("OPALES routing", () => {
  it("lets an administrator assign a centre to a département the circulaire leaves out, audited", async () => {
    expect(await prisma.departement.findUniqueOrThrow({ where: { code: "973" } })).toMatchObject({
      opalesCentre: null,
    });
    const mdph = await getOrganisation(await idOf("mdph-973"));
    expect(mdph?.opales).toEqual({ centre: null, sourceLabel: null, assignable: true });

    expect(await assignOpalesCentre(admin, "973", "VERSAILLES")).toEqual({ ok: true });
    expect(await prisma.departement.findUniqueOrThrow({ where: { code: "973" } })).toMatchObject({
      opalesCentre: "VERSAILLES",
    });
    const entry = await lastAudit();
    expect(entry).toMatchObject({
      action: "centre-opales-attribue",
      entityType: "Departement",
      entityId: "973",
      actorId: admin.id,
    });
    expect(JSON.parse(entry.data)).toEqual({ centre: "VERSAILLES", precedent: null });

    // A correction is possible, and also traced.
    expect(await assignOpalesCentre(admin, "973", "RENNES")).toEqual({ ok: true });
    expect(JSON.parse((await lastAudit()).data)).toEqual({ centre: "RENNES", precedent: "VERSAILLES" });
  });

  it("never changes a centre the circulaire sets, and refuses an unknown centre", async () => {
    const count = await prisma.auditEntry.count();
    expect(await assignOpalesCentre(admin, "53", "VERSAILLES")).toMatchObject({
      ok: false,
      message: expect.stringContaining("La circulaire rattache ce département au centre de Rennes"),
    });
    expect(await assignOpalesCentre(admin, "976", "MARSEILLE")).toMatchObject({
      ok: false,
      message: "Choisissez le centre de Rennes ou celui de Versailles.",
    });
    expect(await prisma.departement.findUniqueOrThrow({ where: { code: "53" } })).toMatchObject({
      opalesCentre: "RENNES",
    });
    expect(await prisma.auditEntry.count()).toBe(count);
    expect((await getOrganisation(await idOf("mdph-53")))?.opales).toEqual({
      centre: "RENNES",
      sourceLabel: "Mayenne",
      assignable: false,
    });
  });

  it("leaves an intact audit chain", async () => {
    expect(await verifyAuditChain(prisma)).toMatchObject({ ok: true });
  });
});

describe("the list", () => {
  it("filters by kind and text (name, code or département)", async () => {
    const mdph = await listOrganisations({ kind: "MDPH" }, { take: 10, skip: 0 });
    expect(mdph.total).toBe(101);
    expect(mdph.organisations).toHaveLength(10);
    expect(mdph.organisations[0]).toMatchObject({
      kindLabel: "MDPH",
      departementCode: "01",
      departement: { name: "Ain" },
    });
    expect((await listOrganisations({ q: "mayenne" })).organisations.map((o) => o.code).sort()).toEqual([
      "cd-53",
      "ime-les-tilleuls",
      "mdph-53",
    ]);
    expect((await listOrganisations({ kind: "MDPH", q: "974" })).organisations.map((o) => o.code)).toEqual([
      "mdph-974",
    ]);
    expect((await listOrganisations({ q: "stsi" })).total).toBe(3);
  });

  it("groups the choices by kind for a select, telling apart records of the same name", async () => {
    const groups = await organisationChoices();
    expect(groups.map((g) => g.label)).toEqual([
      "CNSA",
      "MDPH",
      "Organisme partenaire",
      "Service de l'État",
      "Conseil départemental",
      "Établissement ou service (ESSMS)",
      "Agence régionale de santé (ARS)",
    ]);
    const councils = groups.find((g) => g.label === "Conseil départemental")!.options.map((o) => o.label);
    expect(councils).toContain("Collectivité de Corse (CdC (2A))");
    expect(groups.find((g) => g.label === "MDPH")!.options.map((o) => o.label)).toContain("MDPH de la Sarthe");
  });
});
