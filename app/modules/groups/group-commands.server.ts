/**
 * The coordinator's writes on a group: create it (members, proposed pilot, letter due day,
 * distribution lists, when vendors join), edit its settings, validate the pilot and the group,
 * engage and close its work. Each runs in one write transaction with its workflow event, audit
 * entry and mails; access is checked first (a group outside the person's scope answers 404).
 */
import { tagged } from "~/modules/workflow/queries.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { actorOf, recordAudit, type Actor } from "~/modules/journal/audit.server";
import { writeThenWake } from "~/modules/workflow/after-commit.server";
import { startWorkflow } from "~/modules/workflow/engine.server";
import { now as clockNow } from "~/utils/clock.server";
import { writeTransaction, type Tx } from "~/utils/db.server";
import { dayLabel } from "~/utils/format";
import type { FieldErrors } from "~/utils/forms";
import { can } from "~/utils/permissions";
import { refusal, type Result, invalidFields } from "~/utils/result";
import type { LetterCompleteness } from "../../../workflows/work-group";
import { distributionRecipients } from "./distribution.server";
import { type CreateGroupInput, type GroupSettingsInput } from "./forms.server";
import { joinFrench, letterCompleteness, validationProblems, type GroupEventType } from "./group-rules.server";
import { MACHINE_KIND } from "./labels";
import { sendGroupMailEach } from "./mails.server";
import { groupByCode, groupContext, loadGroup } from "./group-queries.server";
import { applyAudited } from "./transitions.server";
import { GROUP_WORKFLOW } from "./workflow.server";

const STALE =
  "Ce groupe a été modifié par quelqu'un d'autre pendant que vous le consultiez. Rechargez la page pour voir son état actuel, puis recommencez.";

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

/** The journal line of a group's creation, the same whether the CNSA or the demonstration seed creates it. */
export async function auditGroupCreated(
  tx: Tx,
  actor: Actor,
  groupId: string,
  data: Record<string, unknown>,
  at: Date,
) {
  await recordAudit(tx, { actor, action: "groupe-cree", entityType: "GroupeDeTravail", entityId: groupId, data }, at);
}

export async function createGroup(user: SessionUser, input: CreateGroupInput): Promise<Result<{ code: string }>> {
  if (!can(user, "manage:group")) return refusal("INTERDIT", COORDINATOR_ONLY);
  const now = clockNow();
  return writeThenWake(async (tx): Promise<Result<{ code: string }>> => {
    const taken = await tx.workGroup.findUnique({ where: { code: input.code }, select: { name: true } });
    if (taken) return invalidFields({ code: `Ce code est déjà celui du groupe « ${taken.name} ».` });
    const { errors, memberIds } = await checkOrganisations(tx, input);
    if (Object.keys(errors).length > 0) return invalidFields(errors);
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
    await auditGroupCreated(
      tx,
      actor,
      group.id,
      { code: group.code, membres: memberIds.length, pilote: input.pilotOrganisationId ?? null },
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
}

export async function updateGroupSettings(
  user: SessionUser,
  code: string,
  input: GroupSettingsInput,
  expectedRowVersion: number,
): Promise<Result> {
  if (!can(user, "manage:group")) return refusal("INTERDIT", COORDINATOR_ONLY);
  const found = await groupByCode(user, code, "manage");
  if (!found.ok) return found;
  const { groupId } = found.value;
  const now = clockNow();
  return writeTransaction(async (tx): Promise<Result> => {
    const group = await loadGroup(groupId);
    if (group.rowVersion !== expectedRowVersion) return { ok: false, code: "PERIME", message: STALE };
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
    if (Object.keys(errors).length > 0) return invalidFields(errors);
    const updated = await tx.workGroup.updateMany({
      where: { id: groupId, rowVersion: expectedRowVersion },
      data: {
        name: input.name,
        pilotOrganisationId: input.pilotOrganisationId ?? null,
        letterDueOn: input.letterDueOn ?? null,
        distributionLists: JSON.stringify(input.distributionLists),
        vendorsJoin: input.vendorsJoin,
        rowVersion: { increment: 1 },
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
  expectedRowVersion?: number,
): Promise<Result<{ status: string }>> {
  const found = await groupByCode(user, code, "manage", COORDINATOR_ONLY);
  if (!found.ok) return found;
  const { groupId } = found.value;
  const now = clockNow();
  return writeThenWake(async (tx): Promise<Result<{ status: string }>> => {
    const group = await loadGroup(groupId);
    const context = groupContext(group.workflow);
    if (expectedRowVersion !== undefined && expectedRowVersion !== group.workflow.rowVersion)
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
    return applyAudited(tx, user, {
      workflowId: group.workflowId,
      event,
      expectedRowVersion,
      now,
      audit: (status) => ({
        action: `groupe:${type}`,
        entityType: "GroupeDeTravail",
        entityId: groupId,
        data: { code: group.code, etat: status },
      }),
    });
  });
}
