/**
 * Administrators' work on organisations: list, create, edit, deactivate, and the manual
 * OPALES routing of the départements the circulaire leaves out. Every change writes its audit
 * entry in the same write transaction.
 */
import { sql } from "kysely";
import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import { auditChanges, recordActivation, recordAudit, actorOf } from "~/modules/journal/audit.server";
import { now as clockNow } from "~/utils/clock.server";
import { prisma, writeTransaction, type Tx } from "~/utils/db.server";
import { compiledOnce } from "~/utils/read-db.server";
import type { ExportColumn } from "~/utils/export.server";
import { optionalFiness } from "~/utils/finess";
import {
  optionalEmail,
  optionalSingleLineText,
  requiredSingleLineText,
  singleLineText,
  type FieldErrors,
} from "~/utils/forms";
import { refusal, success, type Result } from "~/utils/result";
import {
  isOpalesCentre,
  opalesCentreOf,
  opalesSourceLabelOf,
  type OpalesCentre,
} from "../../../seeds/reference/opales-centres";
import { OPALES_CENTRE_VOCABULARY } from "~/modules/reprise/rules";
import { organisationsByKind } from "./directory.server";
import {
  isOrganisationKind,
  ORGANISATION_KIND_LABELS,
  ORGANISATION_KIND_VOCABULARY,
  ORGANISATION_KINDS,
  REGIONAL_KINDS,
  type OrganisationKind,
} from "./kinds";

export type AdminActor = { id: string; firstName: string; lastName: string; organisationId: string };

/** Kinds that stand for one département and must name it. */
export const DEPARTEMENTAL_KINDS: readonly OrganisationKind[] = ["MDPH", "CONSEIL_DEPARTEMENTAL"];

/** A FINESS number: 9 characters, spaces tolerated; Corsican numbers start with 2A or 2B. */

const baseFields = {
  kind: z
    .string({ required_error: "Choisissez le type d'organisation." })
    .refine(isOrganisationKind, "Choisissez le type d'organisation."),
  name: requiredSingleLineText({
    missing: "Saisissez le nom de l'organisation.",
    min: 2,
    max: 200,
    tooLong: "Le nom ne peut dépasser 200 caractères.",
  }),
  shortName: requiredSingleLineText({
    missing: "Saisissez le nom court.",
    min: 2,
    tooShort: "Saisissez le nom court (sigle), par exemple « MDPH 53 ».",
    max: 40,
    tooLong: "Le nom court ne peut dépasser 40 caractères.",
  }),
  departementCode: optionalSingleLineText(3, "Choisissez un département de la liste."),
  regionCode: optionalSingleLineText(3, "Choisissez une région de la liste."),
  parentId: optionalSingleLineText(40, "Choisissez une organisation de la liste."),
  email: optionalEmail("Saisissez une adresse électronique valide, par exemple contact@organisation.fr."),
  finessJuridique: optionalFiness,
  finessGeographique: optionalFiness,
};

type BaseData = {
  kind: string;
  departementCode: string | null;
  regionCode: string | null;
  finessJuridique: string | null;
  finessGeographique: string | null;
};

function checkKindRules(data: BaseData, ctx: z.RefinementCtx) {
  if (!isOrganisationKind(data.kind)) return;
  if (DEPARTEMENTAL_KINDS.includes(data.kind) && !data.departementCode) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["departementCode"],
      message: "Choisissez le département de cette organisation.",
    });
  }
  // An ARS or a GRADeS reads the Ségur pilots of its region, and only those.
  const regional = REGIONAL_KINDS.includes(data.kind);
  if (regional !== (data.regionCode !== null))
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["regionCode"],
      message: regional
        ? "Choisissez la région de cette agence ou de ce GRADeS."
        : "Seules une ARS ou un GRADeS sont rattachés à une région.",
    });
  if (data.kind !== "ESSMS") {
    for (const field of ["finessJuridique", "finessGeographique"] as const) {
      if (data[field])
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [field],
          message: "Les numéros FINESS ne concernent que les établissements et services (ESSMS).",
        });
    }
  }
}

export const organisationUpdateSchema = z.object(baseFields).superRefine(checkKindRules);

export const organisationCreateSchema = z
  .object({
    ...baseFields,
    code: z
      .string({ required_error: "Saisissez le code de l'organisation." })
      .trim()
      .toLowerCase()
      .min(2, "Saisissez le code de l'organisation, par exemple « mdph-53 ».")
      .max(60, "Le code ne peut dépasser 60 caractères.")
      .regex(
        /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
        "Le code ne contient que des lettres minuscules sans accent, des chiffres et des tirets, par exemple « ime-les-tilleuls ».",
      ),
  })
  .superRefine(checkKindRules);

export type OrganisationInput = z.infer<typeof organisationUpdateSchema>;
export type OrganisationCreateInput = z.infer<typeof organisationCreateSchema>;

/** A created or changed organisation's id; refused with field errors (INVALIDE) or INTROUVABLE. */
export type ChangeResult = Result<{ id: string }>;

const UNKNOWN_ORGANISATION = "Cette organisation n'existe pas.";
const invalid = (errors: FieldErrors) => refusal("INVALIDE", Object.values(errors)[0], { errors });

/** Checks that need the database: the département, the parent, one MDPH (or council) per département. */
async function databaseProblems(tx: Tx, input: OrganisationInput, selfId: string | null): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  if (input.departementCode) {
    const departement = await tx.departement.findUnique({ where: { code: input.departementCode } });
    if (!departement) errors.departementCode = "Choisissez un département de la liste.";
    else if (DEPARTEMENTAL_KINDS.includes(input.kind as OrganisationKind)) {
      const twin = await tx.organisation.findFirst({
        where: {
          kind: input.kind,
          departementCode: input.departementCode,
          active: true,
          ...(selfId ? { id: { not: selfId } } : {}),
        },
      });
      if (twin)
        errors.departementCode = `Le département ${departement.code} a déjà une organisation de ce type : ${twin.name}.`;
    }
  }
  if (input.regionCode && !(await tx.region.findUnique({ where: { code: input.regionCode } })))
    errors.regionCode = "Choisissez une région de la liste.";
  if (input.parentId) {
    if (input.parentId === selfId) errors.parentId = "Une organisation ne peut dépendre d'elle-même.";
    else {
      const parent = await tx.organisation.findUnique({
        where: { id: input.parentId },
        select: { id: true, active: true },
      });
      if (!parent) errors.parentId = "Choisissez une organisation de la liste.";
      else if (selfId && (await isDescendant(tx, input.parentId, selfId)))
        errors.parentId = "Cette organisation dépend déjà de celle-ci : le rattachement formerait une boucle.";
    }
  }
  return errors;
}

/** Whether `candidate` sits below `ancestor` in the organisation tree. */
async function isDescendant(tx: Tx, candidate: string, ancestor: string): Promise<boolean> {
  let current: string | null = candidate;
  const seen = new Set<string>();
  while (current && !seen.has(current)) {
    if (current === ancestor) return true;
    seen.add(current);
    const row: { parentId: string | null } | null = await tx.organisation.findUnique({
      where: { id: current },
      select: { parentId: true },
    });
    current = row?.parentId ?? null;
  }
  return false;
}

function fieldsOf(input: OrganisationInput) {
  return {
    kind: input.kind,
    name: input.name,
    shortName: input.shortName,
    departementCode: input.departementCode,
    regionCode: input.regionCode,
    parentId: input.parentId,
    email: input.email,
    finessJuridique: input.finessJuridique,
    finessGeographique: input.finessGeographique,
  };
}

export async function createOrganisation(actor: AdminActor, input: OrganisationCreateInput): Promise<ChangeResult> {
  const now = clockNow();
  return writeTransaction(async (tx) => {
    const errors = await databaseProblems(tx, input, null);
    if (await tx.organisation.findUnique({ where: { code: input.code }, select: { id: true } })) {
      errors.code = "Une organisation porte déjà ce code : choisissez-en un autre.";
    }
    if (Object.keys(errors).length > 0) return invalid(errors);
    const created = await tx.organisation.create({ data: { code: input.code, ...fieldsOf(input) } });
    await recordAudit(
      tx,
      {
        actor: actorOf(actor),
        action: "organisation-creee",
        entityType: "Organisation",
        entityId: created.id,
        organisationId: created.id,
        data: { code: created.code, ...fieldsOf(input) },
      },
      now,
    );
    return success({ id: created.id });
  });
}

export async function updateOrganisation(
  actor: AdminActor,
  id: string,
  input: OrganisationInput,
): Promise<ChangeResult> {
  const now = clockNow();
  return writeTransaction(async (tx) => {
    const before = await tx.organisation.findUnique({ where: { id } });
    if (!before) return refusal("INTROUVABLE", UNKNOWN_ORGANISATION);
    const errors = await databaseProblems(tx, input, id);
    if (Object.keys(errors).length > 0) return invalid(errors);
    const wanted = fieldsOf(input);
    const changes = auditChanges(before, wanted);
    if (Object.keys(changes).length === 0) return success({ id });
    await tx.organisation.update({ where: { id }, data: wanted });
    await recordAudit(
      tx,
      {
        actor: actorOf(actor),
        action: "organisation-modifiee",
        entityType: "Organisation",
        entityId: id,
        organisationId: id,
        data: { modifications: changes },
      },
      now,
    );
    return success({ id });
  });
}

/**
 * Deactivating an organisation locks its people out at once: their sessions are deleted in
 * the same transaction (session validation also refuses an inactive organisation).
 */
export async function setOrganisationActive(
  actor: AdminActor,
  id: string,
  active: boolean,
): Promise<Result<{ endedSessions: number }>> {
  const now = clockNow();
  if (!active && id === actor.organisationId)
    return refusal("REFUSE", "Vous ne pouvez pas désactiver votre propre organisation : vous perdriez votre accès.");
  return writeTransaction(async (tx) => {
    const organisation = await tx.organisation.findUnique({ where: { id } });
    if (!organisation) return refusal("INTROUVABLE", UNKNOWN_ORGANISATION);
    if (organisation.active === active)
      return refusal(
        "REFUSE",
        active ? "Cette organisation est déjà active." : "Cette organisation est déjà désactivée.",
      );
    await tx.organisation.update({ where: { id }, data: { active } });
    const endedSessions = active ? 0 : (await tx.session.deleteMany({ where: { user: { organisationId: id } } })).count;
    await recordActivation(
      tx,
      {
        noun: "organisation",
        active,
        endedSessions,
        actor: actorOf(actor),
        entityType: "Organisation",
        entityId: id,
        organisationId: id,
      },
      now,
    );
    return success({ endedSessions });
  });
}

/**
 * Assigns the OPALES exploitation centre of a département the circulaire does not list
 * (Guyane, Mayotte): administrators on the organisation's page, the coordinator on the campaign
 * board, each page authorising its own. A centre the circulaire sets is never changed; one
 * assigned here may be corrected, and the audit keeps the previous centre.
 */
export async function assignOpalesCentre(actor: AdminActor, departementCode: string, centre: string): Promise<Result> {
  const now = clockNow();
  if (!isOpalesCentre(centre)) return refusal("INVALIDE", "Choisissez le centre de Rennes ou celui de Versailles.");
  const fromSource = opalesCentreOf(departementCode);
  if (fromSource)
    return refusal(
      "REFUSE",
      `La circulaire rattache ce département au centre de ${OPALES_CENTRE_VOCABULARY.labels[fromSource]} : ce rattachement ne se modifie pas ici.`,
    );
  return writeTransaction(async (tx) => {
    const departement = await tx.departement.findUnique({ where: { code: departementCode } });
    if (!departement) return refusal("INVALIDE", "Département inconnu.");
    if (departement.opalesCentre === centre) return success();
    await tx.departement.update({ where: { code: departementCode }, data: { opalesCentre: centre } });
    await recordAudit(
      tx,
      {
        actor: actorOf(actor),
        action: "centre-opales-attribue",
        entityType: "Departement",
        entityId: departementCode,
        data: { centre, precedent: departement.opalesCentre },
      },
      now,
    );
    return success();
  });
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

export type OrganisationFilters = { kind?: string | null; q?: string | null; statut?: string | null };

/** The list's filters as the page and its export read them from the URL (?type=&q=&statut=). */
export function organisationFiltersOf(url: URL): OrganisationFilters {
  return { kind: url.searchParams.get("type"), q: url.searchParams.get("q"), statut: url.searchParams.get("statut") };
}

/** "MDPH · « mayenne » · actives", for the export's subtitle. */
export function describeOrganisationFilters({ kind, q, statut }: OrganisationFilters): string | undefined {
  const parts = [
    kind && isOrganisationKind(kind) ? ORGANISATION_KIND_LABELS[kind] : null,
    q?.trim() ? `« ${q.trim()} »` : null,
    statut === "actives" ? "actives" : statut === "inactives" ? "désactivées" : null,
  ].filter(Boolean);
  return parts.length > 0 ? `Filtres : ${parts.join(" · ")}` : undefined;
}

function whereOf({ kind, q, statut }: OrganisationFilters): Prisma.OrganisationWhereInput {
  const text = q?.trim();
  return {
    ...(kind && isOrganisationKind(kind) ? { kind } : {}),
    ...(statut === "actives" ? { active: true } : statut === "inactives" ? { active: false } : {}),
    ...(text
      ? {
          OR: [
            { name: { contains: text } },
            { shortName: { contains: text } },
            { code: { contains: text.toLowerCase() } },
            { departementCode: text.toUpperCase() },
            { departement: { name: { contains: text } } },
          ],
        }
      : {}),
  };
}

const listSelect = {
  id: true,
  code: true,
  kind: true,
  name: true,
  shortName: true,
  email: true,
  active: true,
  departementCode: true,
  finessJuridique: true,
  finessGeographique: true,
  departement: { select: { name: true, opalesCentre: true } },
  parent: { select: { shortName: true } },
  _count: { select: { users: true } },
} as const;

const listOrder: Prisma.OrganisationOrderByWithRelationInput[] = [
  { kind: "asc" },
  { departementCode: "asc" },
  { name: "asc" },
];

export async function listOrganisations(filters: OrganisationFilters, page?: { take: number; skip: number }) {
  const where = whereOf(filters);
  const [rows, total] = await Promise.all([
    prisma.organisation.findMany({
      where,
      orderBy: listOrder,
      select: listSelect,
      ...(page ? { take: page.take, skip: page.skip } : {}),
    }),
    prisma.organisation.count({ where }),
  ]);
  return {
    total,
    organisations: rows.map((row) => ({
      ...row,
      kindLabel: ORGANISATION_KIND_VOCABULARY.labelOf(row.kind),
      people: row._count.users,
    })),
  };
}

export type OrganisationListItem = Awaited<ReturnType<typeof listOrganisations>>["organisations"][number];

export const ORGANISATION_EXPORT_COLUMNS: ExportColumn<OrganisationListItem>[] = [
  { header: "Code", value: (o) => o.code },
  { header: "Type", value: (o) => o.kindLabel },
  { header: "Nom", value: (o) => o.name, width: 40 },
  { header: "Nom court", value: (o) => o.shortName },
  {
    header: "Département",
    value: (o) => (o.departementCode ? `${o.departementCode} — ${o.departement?.name ?? ""}` : null),
  },
  {
    header: "Centre OPALES",
    value: (o) => (o.departement?.opalesCentre ? OPALES_CENTRE_VOCABULARY.labelOf(o.departement.opalesCentre) : null),
  },
  { header: "Rattachée à", value: (o) => o.parent?.shortName ?? null },
  { header: "Adresse fonctionnelle", value: (o) => o.email },
  { header: "FINESS juridique", value: (o) => o.finessJuridique },
  { header: "FINESS géographique", value: (o) => o.finessGeographique },
  { header: "Personnes", value: (o) => o.people },
  { header: "Active", value: (o) => o.active },
];

export async function getOrganisation(id: string) {
  const organisation = await prisma.organisation.findUnique({
    where: { id },
    include: {
      departement: true,
      region: true,
      parent: { select: { id: true, name: true, shortName: true } },
      children: { select: { id: true, name: true, active: true }, orderBy: { name: "asc" } },
      users: {
        orderBy: [{ lastName: "asc" }, { firstName: "asc" }],
        select: {
          id: true,
          firstName: true,
          lastName: true,
          email: true,
          jobTitle: true,
          active: true,
          passwordHash: true,
          roles: { select: { role: true } },
        },
      },
    },
  });
  if (!organisation) return null;
  const { departement } = organisation;
  return {
    ...organisation,
    kindLabel: ORGANISATION_KIND_VOCABULARY.labelOf(organisation.kind),
    users: organisation.users.map(({ passwordHash, roles, ...user }) => ({
      ...user,
      invitationPending: passwordHash === null,
      roles: roles.map((r) => r.role),
    })),
    opales: departement
      ? {
          centre: departement.opalesCentre as OpalesCentre | null,
          sourceLabel: opalesSourceLabelOf(departement.code),
          /** The source is silent on this département: an administrator chooses its centre. */
          assignable: opalesCentreOf(departement.code) === null,
        }
      : null,
  };
}

export type OptionGroup = { label: string; options: { value: string; label: string }[] };

/**
 * Organisations grouped by kind, for a select with <optgroup>. Names repeated across records
 * (the Collectivité de Corse holds two départements) get their short name appended.
 */
export async function organisationChoices({ activeOnly = true }: { activeOnly?: boolean } = {}): Promise<
  OptionGroup[]
> {
  const groups = await organisationsByKind({ kinds: ORGANISATION_KINDS, activeOnly });
  const nameCount = new Map<string, number>();
  for (const row of groups.flatMap((g) => g.organisations)) nameCount.set(row.name, (nameCount.get(row.name) ?? 0) + 1);
  return groups.map(({ kind, organisations }) => ({
    label: ORGANISATION_KIND_LABELS[kind],
    options: organisations.map((row) => ({
      value: row.id,
      label: `${row.name}${(nameCount.get(row.name) ?? 0) > 1 ? ` (${row.shortName})` : ""}${row.active ? "" : " — désactivée"}`,
    })),
  }));
}

export async function departementChoices() {
  const rows = await departementsInOrder({});
  return rows.map((row) => ({ value: row.code, label: `${row.code} — ${row.name}` }));
}

// "2A" and "2B" sort between 19 and 21, the overseas codes last.
const departementsInOrder = compiledOnce((db, _args: Record<string, never>) =>
  db
    .selectFrom("Departement")
    .select(["code", "name"])
    .orderBy(sql`CASE code WHEN '2A' THEN 20 WHEN '2B' THEN 20.5 ELSE CAST(code AS REAL) END`),
);

/** The 18 regions, by name, for an ARS or a GRADeS. */
async function regionChoices() {
  const rows = await prisma.region.findMany({ orderBy: { name: "asc" } });
  return rows.map((row) => ({ value: row.code, label: row.name }));
}

/** What the organisation form offers; `selfId` is left out of the possible parents. */
export async function organisationFormChoices(selfId?: string) {
  const [departements, regions, parents] = await Promise.all([
    departementChoices(),
    regionChoices(),
    organisationChoices({ activeOnly: false }),
  ]);
  return {
    kinds: ORGANISATION_KIND_VOCABULARY.options(),
    departements,
    regions,
    parents: parents
      .map((group) => ({ ...group, options: group.options.filter((o) => o.value !== selfId) }))
      .filter((group) => group.options.length > 0),
  };
}

/** Counts for the administration overview. */
export async function organisationSummary() {
  const [active, inactive, unassigned] = await Promise.all([
    prisma.organisation.count({ where: { active: true } }),
    prisma.organisation.count({ where: { active: false } }),
    prisma.departement.findMany({
      where: { opalesCentre: null },
      orderBy: { code: "asc" },
      select: { code: true, name: true, organisations: { where: { kind: "MDPH" }, select: { id: true }, take: 1 } },
    }),
  ]);
  return {
    active,
    inactive,
    unassignedOpales: unassigned.map((d) => ({ code: d.code, name: d.name, mdphId: d.organisations[0]?.id ?? null })),
  };
}
