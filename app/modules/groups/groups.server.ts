/**
 * Work groups as people use them: the coordinator creates a group (members, proposed pilot,
 * letter due day, distribution lists, when vendors join), edits its settings, validates the
 * pilot and the group, engages and closes its work. Every change runs in one write
 * transaction with its workflow event, audit entry and mails; access is checked first
 * (access.server.ts: a group outside the person's scope answers 404).
 */
import { storedWorkflow, tagged } from "~/modules/workflow/queries.server";
import { refusal, success, type Result } from "~/utils/result";
import { z } from "zod";
import type { SessionUser } from "~/modules/auth/session.server";
import { actorOf, recordAudit } from "~/modules/journal/audit.server";
import { parseRichText, plainText, renderRichText } from "~/modules/richtext/render.server";
import { notifyAfterCommit } from "~/modules/workflow/after-commit.server";
import {
  applyEventInTransaction,
  getTimeline,
  startWorkflow,
  contextOf,
  type StoredWorkflow,
  availableEvents,
} from "~/modules/workflow/engine.server";
import { now as clockNow } from "~/utils/clock.server";
import { prisma, writeTransaction, type Tx } from "~/utils/db.server";
import { singleLineText, type FieldErrors } from "~/utils/forms";
import { isIsoDate, parisDate } from "~/utils/working-days";
import { can, homePageOf } from "~/utils/permissions";
import { letterLate, type LetterCompleteness, type WorkGroupContext } from "../../../workflows/work-group";
import { accessFor, type GroupAccess } from "./policy.server";
import {
  DISTRIBUTION_LISTS,
  GROUP_CODE_PATTERN,
  GROUP_KINDS,
  MACHINE_KIND,
  VENDORS_JOIN,
  WORK_GROUP_EVENT_LABELS,
  parseDistributionLists,
  type GroupKind,
} from "./labels";
import { sendGroupMailEach } from "./mails.server";
import { dayLabel } from "~/utils/format";
import { distributionRecipients } from "./distribution.server";
import { organisationsByKind } from "~/modules/organisations/directory.server";
import type { OrganisationKind } from "~/modules/organisations/kinds";
import { GROUP_WORKFLOW } from "./workflow.server";

const STALE =
  "Ce groupe a été modifié par quelqu'un d'autre pendant que vous le consultiez. Rechargez la page pour voir son état actuel, puis recommencez.";

// ---------------------------------------------------------------------------------------------
// Forms
// ---------------------------------------------------------------------------------------------

/** A checkbox group posts nothing, one string or several: always an array here. */
export const manyIds = (message?: string) =>
  z.preprocess(
    (value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]),
    message ? z.array(z.string().min(1)).min(1, message) : z.array(z.string().min(1)),
  );

const optionalText = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
  singleLineText().optional(),
);

const settingsFields = {
  name: singleLineText("Indiquez le nom du groupe.")
    .min(1, "Indiquez le nom du groupe.")
    .max(200, "200 caractères au plus."),
  memberOrganisationIds: manyIds("Choisissez au moins une organisation membre."),
  pilotOrganisationId: optionalText,
  letterDueOn: optionalText.refine(
    (v) => v === undefined || isIsoDate(v),
    "Saisissez une date valide, par exemple 31/05/2027.",
  ),
  distributionLists: z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(z.enum(DISTRIBUTION_LISTS, { errorMap: () => ({ message: "Liste de diffusion inconnue." }) })),
  ),
  vendorsJoin: z.enum(VENDORS_JOIN, {
    errorMap: () => ({ message: "Choisissez quand les éditeurs de logiciels rejoignent la diffusion du groupe." }),
  }),
};

export const createGroupSchema = z.object({
  ...settingsFields,
  code: z
    .string({ required_error: "Indiquez le code du groupe." })
    .trim()
    .min(2, "Indiquez le code du groupe (2 caractères au moins).")
    .max(60, "60 caractères au plus.")
    .regex(
      GROUP_CODE_PATTERN,
      "Le code ne contient que des lettres minuscules sans accent, des chiffres et des tirets, par exemple « sphere-emploi ».",
    ),
  kind: z.enum(GROUP_KINDS, { errorMap: () => ({ message: "Choisissez le type de groupe." }) }),
});
export type CreateGroupInput = z.infer<typeof createGroupSchema>;

export const groupSettingsSchema = z.object(settingsFields);
export type GroupSettingsInput = z.infer<typeof groupSettingsSchema>;

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

export function groupContext(workflow: StoredWorkflow) {
  return contextOf<WorkGroupContext>(workflow);
}

/**
 * The group's id and this person's access to it, by code: INTROUVABLE (404) when unknown or out
 * of scope, INTERDIT (403, with `denied`) when the person reads the group but may not `need`.
 */
export async function groupByCode(
  user: SessionUser,
  code: string,
  need: keyof GroupAccess = "read",
  denied?: string,
): Promise<Result<{ groupId: string; access: GroupAccess }>> {
  const group = await prisma.workGroup.findUnique({ where: { code }, select: { id: true } });
  if (!group) return refusal("INTROUVABLE", "Ce groupe de travail est introuvable.");
  const access = await accessFor(user, group.id, need, denied);
  return access.ok ? success({ groupId: group.id, access: access.value }) : access;
}

const organisationSelect = { id: true, code: true, name: true, shortName: true, kind: true } as const;

async function loadGroup(groupId: string) {
  return prisma.workGroup.findUniqueOrThrow({
    where: { id: groupId },
    include: {
      workflow: { select: { status: true, version: true, ...storedWorkflow } },
      pilotOrganisation: { select: organisationSelect },
      members: { include: { organisation: { select: organisationSelect } } },
      deliverables: { orderBy: [{ position: "asc" }, { dueOn: "asc" }] },
    },
  });
}

type LoadedGroup = Awaited<ReturnType<typeof loadGroup>>;

/** The kinds that take part in groups, in the groups' order (establishments do not). */
const GROUP_ORGANISATION_KINDS: readonly OrganisationKind[] = [
  "CNSA",
  "PARTENAIRE",
  "SERVICE_ETAT",
  "MDPH",
  "CONSEIL_DEPARTEMENTAL",
  "EDITEUR",
];
/** Members sorted as the 2007 minutes list them: CNSA first, partners, then MDPHs. */
const KIND_ORDER: readonly string[] = [...GROUP_ORGANISATION_KINDS, "ESSMS"];
export function byKindThenName<T extends { organisation: { kind: string; name: string } }>(a: T, b: T) {
  return (
    KIND_ORDER.indexOf(a.organisation.kind) - KIND_ORDER.indexOf(b.organisation.kind) ||
    a.organisation.name.localeCompare(b.organisation.name, "fr")
  );
}

/** What the mission letter must state, computed from the stored letter, roles and deliverables. */
type LetterFacts = {
  missionLetter: string;
  members: { role: string; organisation: { kind: string; name: string; shortName: string } }[];
  deliverables: { dueOn: string; validationDays: number }[];
};

export function letterCompleteness(group: LetterFacts): LetterCompleteness & { missingRoles: string[] } {
  const document = parseRichText(group.missionLetter);
  const missingRoles = group.members
    .filter((m) => m.role.trim() === "")
    .sort(byKindThenName)
    .map((m) => m.organisation.shortName);
  return {
    perimeter: document !== null && plainText(document).trim() !== "",
    roles: group.members.length > 0 && missingRoles.length === 0,
    deliverables: group.deliverables.some((d) => isIsoDate(d.dueOn) && Number.isInteger(d.validationDays)),
    missingRoles,
  };
}

/** The French reasons a group cannot be validated yet; empty when it can. */
export function validationProblems(group: LoadedGroup, context: WorkGroupContext): string[] {
  const problems: string[] = [];
  if (group.workflow.status === "propose")
    problems.push("La lettre de mission n'a pas encore été rédigée : le pilote l'enregistre d'abord.");
  if (!group.pilotOrganisationId)
    problems.push("Aucune organisation pilote n'est proposée : choisissez-la dans les paramètres du groupe.");
  else if (!context.pilotValidated)
    problems.push(
      `Le pilote proposé (${group.pilotOrganisation?.shortName}) est encore « à valider » : validez-le d'abord.`,
    );
  const letter = letterCompleteness(group);
  const missing: string[] = [];
  if (!letter.perimeter) missing.push("le périmètre du groupe (texte de la lettre)");
  if (!letter.roles)
    missing.push(
      group.members.length === 0
        ? "les organisations membres et leur rôle"
        : `le rôle de ${joinFrench(letter.missingRoles)}`,
    );
  if (!letter.deliverables) missing.push("au moins un livrable avec sa date de livraison et sa période de validation");
  if (missing.length > 0) problems.push(`La lettre de mission est incomplète : il manque ${missing.join(" ; ")}.`);
  return problems;
}

function joinFrench(items: string[]) {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} et ${items.at(-1)}`;
}

export type GroupEventType = "VALIDER_PILOTE" | "VALIDER" | "ACTIVER" | "CLORE";

const GROUP_EVENTS: GroupEventType[] = ["VALIDER_PILOTE", "VALIDER", "ACTIVER", "CLORE"];

/** The transitions this person may ask for in the group's state: the engine's answer. */
export function allowedGroupEvents(access: GroupAccess, workflow: StoredWorkflow, hasPilot: boolean): GroupEventType[] {
  if (!access.manage) return [];
  // Validating a pilot needs one: a fact of the group's record, not of its machine.
  const wanted = GROUP_EVENTS.filter((type) => type !== "VALIDER_PILOTE" || hasPilot);
  return availableEvents(workflow, wanted)
    .filter((e) => e.possible)
    .map((e) => e.type as GroupEventType);
}

/** Everything the group's page shows. */
export async function getGroup(user: SessionUser, code: string) {
  const found = await groupByCode(user, code);
  if (!found.ok) return found;
  const { groupId, access } = found.value;
  const group = await loadGroup(groupId);
  const context = groupContext(group.workflow);
  const today = parisDate(clockNow());
  const [meetings, actions, rfcs, timeline] = await Promise.all([
    prisma.meeting.findMany({
      where: { groupId },
      orderBy: { startsAt: "desc" },
      include: { _count: { select: { attendees: true, actionItems: true } } },
    }),
    prisma.actionItem.findMany({
      where: { groupId },
      orderBy: [{ dueOn: "asc" }, { createdAt: "asc" }],
      include: {
        workflow: { select: { status: true, ...storedWorkflow } },
        organisations: { include: { organisation: { select: organisationSelect } } },
        meeting: { select: { id: true, startsAt: true } },
      },
    }),
    prisma.rfc.findMany({
      where: { groupId },
      orderBy: [{ year: "desc" }, { seq: "desc" }],
      select: { id: true, number: true, title: true, status: true, updatedAt: true },
    }),
    getTimeline(group.workflowId),
  ]);
  const members = [...group.members].sort(byKindThenName);
  return success({
    id: group.id,
    code: group.code,
    name: group.name,
    kind: group.kind as GroupKind,
    status: group.workflow.status,
    workflowVersion: group.workflow.version,
    version: group.version,
    context,
    pilot: group.pilotOrganisation ? { ...group.pilotOrganisation, validated: context.pilotValidated } : null,
    members: members.map((m) => ({
      ...m.organisation,
      role: m.role,
      isPilot: m.organisationId === group.pilotOrganisationId,
    })),
    missionLetter: group.missionLetter,
    letterUpdatedAt: group.letterUpdatedAt,
    letterDueOn: group.letterDueOn,
    letterLate: letterLate({ letterDueOn: group.letterDueOn, validatedAt: context.validatedAt }, today),
    completeness: letterCompleteness(group),
    problems: validationProblems(group, context),
    deliverables: group.deliverables,
    distributionLists: parseDistributionLists(group.distributionLists),
    vendorsJoin: group.vendorsJoin,
    meetings,
    actions,
    rfcs,
    timeline,
    access,
    allowedEvents: allowedGroupEvents(access, group.workflow, group.pilotOrganisationId !== null),
    today,
  });
}

/** Every group with what the coordinator's list shows. */
export async function listGroups(user: SessionUser) {
  if (!can(user, "manage:group")) return refusal("INTERDIT", "Vous n'avez pas accès à cette page.");
  const today = parisDate(clockNow());
  const groups = await prisma.workGroup.findMany({
    orderBy: [{ kind: "asc" }, { name: "asc" }],
    include: {
      workflow: { select: { status: true, ...storedWorkflow } },
      pilotOrganisation: { select: organisationSelect },
      _count: { select: { members: true } },
    },
  });
  return success(
    groups.map((g) => {
      const context = groupContext(g.workflow);
      return {
        id: g.id,
        code: g.code,
        name: g.name,
        kind: g.kind as GroupKind,
        status: g.workflow.status,
        pilot: g.pilotOrganisation
          ? {
              name: g.pilotOrganisation.name,
              shortName: g.pilotOrganisation.shortName,
              validated: context.pilotValidated,
            }
          : null,
        memberCount: g._count.members,
        letterDueOn: g.letterDueOn,
        letterLate: letterLate({ letterDueOn: g.letterDueOn, validatedAt: context.validatedAt }, today),
      };
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Creating and editing
// ---------------------------------------------------------------------------------------------

const COORDINATOR_ONLY = "Seul le coordinateur de la CNSA peut faire cette démarche.";

async function checkOrganisations(
  tx: Tx,
  input: { memberOrganisationIds: string[]; pilotOrganisationId?: string },
): Promise<{ errors: FieldErrors; memberIds: string[] }> {
  const errors: FieldErrors = {};
  const wanted = [
    ...new Set([...input.memberOrganisationIds, ...(input.pilotOrganisationId ? [input.pilotOrganisationId] : [])]),
  ];
  const found = await tx.organisation.findMany({ where: { id: { in: wanted }, active: true }, select: { id: true } });
  const known = new Set(found.map((o) => o.id));
  if (input.memberOrganisationIds.some((id) => !known.has(id)))
    errors.memberOrganisationIds = "Une des organisations choisies n'existe pas ou n'est plus active.";
  if (input.pilotOrganisationId && !known.has(input.pilotOrganisationId))
    errors.pilotOrganisationId = "L'organisation pilote choisie n'existe pas ou n'est plus active.";
  // The pilot takes part in its group: it is a member whatever the boxes said.
  return { errors, memberIds: wanted };
}

export async function createGroup(user: SessionUser, input: CreateGroupInput): Promise<Result<{ code: string }>> {
  if (!can(user, "manage:group")) return refusal("INTERDIT", COORDINATOR_ONLY);
  const now = clockNow();
  const result = await writeTransaction(async (tx): Promise<Result<{ code: string }>> => {
    const taken = await tx.workGroup.findUnique({ where: { code: input.code }, select: { name: true } });
    if (taken)
      return {
        ok: false,
        message: "Rien n'a été enregistré : corrigez les champs signalés.",
        errors: { code: `Ce code est déjà celui du groupe « ${taken.name} ».` },
      };
    const { errors, memberIds } = await checkOrganisations(tx, input);
    if (Object.keys(errors).length > 0)
      return { ok: false, message: "Rien n'a été enregistré : corrigez les champs signalés.", errors };
    const actor = actorOf(user);
    const workflow = await startWorkflow(tx, {
      type: GROUP_WORKFLOW,
      input: { name: input.name, kind: MACHINE_KIND[input.kind], letterDueOn: input.letterDueOn ?? null },
      actor,
      now,
    });
    const group = await tx.workGroup.create({
      data: {
        code: input.code,
        name: input.name,
        kind: input.kind,
        workflowId: workflow.id,
        pilotOrganisationId: input.pilotOrganisationId ?? null,
        letterDueOn: input.letterDueOn ?? null,
        distributionLists: JSON.stringify(input.distributionLists),
        vendorsJoin: input.vendorsJoin,
        members: { create: memberIds.map((organisationId) => ({ organisationId })) },
      },
      include: { pilotOrganisation: { select: { shortName: true } } },
    });
    await recordAudit(
      tx,
      {
        actor,
        action: "groupe-cree",
        entityType: "GroupeDeTravail",
        entityId: group.id,
        data: { code: group.code, membres: memberIds.length, pilote: input.pilotOrganisationId ?? null },
      },
      now,
    );
    const paragraphs = [
      `La CNSA crée le groupe de travail « ${group.name} »${group.pilotOrganisation ? `, dont le pilote proposé est ${group.pilotOrganisation.shortName} (à valider)` : ""}.`,
      input.letterDueOn
        ? `Sa lettre de mission, qui précisera le périmètre du groupe, le rôle de chaque organisation et les livrables, est attendue au plus tard le ${dayLabel(input.letterDueOn)}.`
        : "Sa lettre de mission précisera le périmètre du groupe, le rôle de chaque organisation et les livrables.",
    ];
    // The distribution lists hear of the creation, one mail per address.
    await sendGroupMailEach(tx, {
      template: "creation",
      to: await distributionRecipients(tx, group.id, "CREATION"),
      subject: "Nouveau groupe de travail",
      paragraphs,
      group,
      link: { label: "Ouvrir le groupe", path: `/groupes/${group.code}` },
      now,
    });
    return { ok: true, value: { code: group.code } };
  });
  if (result.ok) notifyAfterCommit();
  return result;
}

export async function updateGroupSettings(
  user: SessionUser,
  code: string,
  input: GroupSettingsInput,
  expectedVersion: number,
): Promise<Result> {
  if (!can(user, "manage:group")) return refusal("INTERDIT", COORDINATOR_ONLY);
  const found = await groupByCode(user, code, "manage");
  if (!found.ok) return found;
  const { groupId } = found.value;
  const now = clockNow();
  return writeTransaction(async (tx): Promise<Result> => {
    const group = await loadGroup(groupId);
    if (group.version !== expectedVersion) return { ok: false, code: "PERIME", message: STALE };
    const context = groupContext(group.workflow);
    const { errors, memberIds } = await checkOrganisations(tx, input);
    const pilotChanged = (input.pilotOrganisationId ?? null) !== group.pilotOrganisationId;
    if (pilotChanged && context.pilotValidated)
      errors.pilotOrganisationId = `Le pilote (${group.pilotOrganisation?.shortName ?? "aucun"}) a été validé : il ne peut plus être changé.`;
    const leaving = group.members.filter((m) => !memberIds.includes(m.organisationId));
    if (leaving.length > 0) {
      const owning = await tx.actionItemOrganisation.findMany({
        where: {
          organisationId: { in: leaving.map((m) => m.organisationId) },
          actionItem: { groupId, workflow: tagged("ouverte") },
        },
        include: { organisation: { select: { shortName: true } } },
      });
      if (owning.length > 0)
        errors.memberOrganisationIds = `${joinFrench([...new Set(owning.map((o) => o.organisation.shortName))])} porte encore des actions ouvertes du groupe : terminez-les, abandonnez-les ou confiez-les à une autre organisation avant de la retirer.`;
    }
    if (Object.keys(errors).length > 0)
      return { ok: false, message: "Rien n'a été enregistré : corrigez les champs signalés.", errors };
    const updated = await tx.workGroup.updateMany({
      where: { id: groupId, version: expectedVersion },
      data: {
        name: input.name,
        pilotOrganisationId: input.pilotOrganisationId ?? null,
        letterDueOn: input.letterDueOn ?? null,
        distributionLists: JSON.stringify(input.distributionLists),
        vendorsJoin: input.vendorsJoin,
        version: { increment: 1 },
      },
    });
    if (updated.count !== 1) return { ok: false, code: "PERIME", message: STALE };
    await tx.workGroupMember.deleteMany({
      where: { groupId, organisationId: { in: leaving.map((m) => m.organisationId) } },
    });
    const existing = new Set(group.members.map((m) => m.organisationId));
    const joining = memberIds.filter((id) => !existing.has(id));
    for (const organisationId of joining) await tx.workGroupMember.create({ data: { groupId, organisationId } });
    await recordAudit(
      tx,
      {
        actor: actorOf(user),
        action: "groupe-parametres",
        entityType: "GroupeDeTravail",
        entityId: groupId,
        data: {
          nom: input.name,
          pilote: input.pilotOrganisationId ?? null,
          echeanceLettre: input.letterDueOn ?? null,
          listes: input.distributionLists,
          editeurs: input.vendorsJoin,
          arrivees: joining,
          departs: leaving.map((m) => m.organisationId),
        },
      },
      now,
    );
    return { ok: true, value: undefined };
  });
}

/** The coordinator validates the pilot or the group, engages or closes its work. */
export async function actOnGroup(
  user: SessionUser,
  code: string,
  type: GroupEventType,
  expectedVersion?: number,
): Promise<Result<{ status: string }>> {
  const found = await groupByCode(user, code, "manage", COORDINATOR_ONLY);
  if (!found.ok) return found;
  const { groupId } = found.value;
  const now = clockNow();
  const result = await writeTransaction(async (tx): Promise<Result<{ status: string }>> => {
    const group = await loadGroup(groupId);
    const context = groupContext(group.workflow);
    if (expectedVersion !== undefined && expectedVersion !== group.workflow.version)
      return { ok: false, code: "PERIME", message: STALE };
    let event: { type: string; letter?: LetterCompleteness };
    if (type === "VALIDER_PILOTE") {
      if (!group.pilotOrganisationId)
        return {
          ok: false,
          code: "REFUSE",
          message: "Aucune organisation pilote n'est proposée : choisissez-la dans les paramètres du groupe.",
        };
      if (context.pilotValidated)
        return { ok: false, code: "REFUSE", message: "Le pilote de ce groupe est déjà validé." };
      event = { type };
    } else if (type === "VALIDER") {
      const problems = validationProblems(group, context);
      if (problems.length > 0)
        return {
          ok: false,
          code: "REFUSE",
          message: `Le groupe ne peut pas encore être validé. ${problems.join(" ")}`,
        };
      const { perimeter, roles, deliverables } = letterCompleteness(group);
      event = { type, letter: { perimeter, roles, deliverables } };
    } else {
      event = { type };
    }
    const applied = await applyEventInTransaction(tx, {
      workflowId: group.workflowId,
      event,
      actor: actorOf(user),
      expectedVersion,
      now,
    });
    if (!applied.ok) return { ok: false, code: applied.code, message: applied.message };
    await recordAudit(
      tx,
      {
        actor: actorOf(user),
        action: `groupe:${type}`,
        entityType: "GroupeDeTravail",
        entityId: groupId,
        data: { code: group.code, etat: applied.status },
      },
      now,
    );
    return { ok: true, value: { status: applied.status } };
  });
  if (result.ok) notifyAfterCommit();
  return result;
}

export const GROUP_EVENT_DONE: Record<GroupEventType, string> = {
  VALIDER_PILOTE: "Le pilote est validé.",
  VALIDER: "Le groupe est validé : ses membres et ses listes de diffusion en sont informés.",
  ACTIVER: "Les travaux du groupe sont engagés : ses membres en sont informés.",
  CLORE: "Le groupe est clos : ses membres en sont informés.",
};

export function isGroupEventType(value: unknown): value is GroupEventType {
  return typeof value === "string" && ["VALIDER_PILOTE", "VALIDER", "ACTIVER", "CLORE"].includes(value);
}

export { WORK_GROUP_EVENT_LABELS };

/** Active organisations, grouped by kind, for the member and pilot pickers. */
export function groupOrganisationChoices() {
  return organisationsByKind({ kinds: GROUP_ORGANISATION_KINDS });
}

/**
 * Safe HTML of a stored rich-text document; "" when it holds no text. Its headings move one
 * level down: the document sits under a section's h2 on our pages.
 */
export function richHtml(json: string) {
  const document = parseRichText(json);
  if (!document || plainText(document).trim() === "") return "";
  // The sanitiser leaves headings without attributes, so the tags are exactly these.
  return renderRichText(document).replace(
    /<(\/?)h([2-5])>/g,
    (_, slash: string, level: string) => `<${slash}h${Number(level) + 1}>`,
  );
}

/** The pages above a group's pages in the breadcrumb: the coordinator's list, or the person's home. */
export function groupCrumbs(user: SessionUser): { label: string; to: string }[] {
  if (can(user, "manage:group")) {
    return [
      { label: "Coordination CNSA", to: "/cnsa" },
      { label: "Groupes de travail", to: "/cnsa/groupes" },
    ];
  }
  const home = homePageOf(user);
  return home ? [home] : [];
}
