/**
 * Action items ("Action à engager / Acteurs / Échéances" in the 2007 minutes): decided by a
 * group, usually at a meeting, owned by member organisations, with a due day. The pilot or
 * the coordinator decides them; they and the people of a responsible organisation move them
 * on (started, done, postponed, abandoned). Reminders and the overdue notice are the
 * workflow's jobs (workflow.server.ts, jobs.server.ts).
 */
import { storedWorkflow } from "~/modules/workflow/queries.server";
import { z } from "zod";
import type { SessionUser } from "~/modules/auth/session.server";
import { actorOf, recordAudit } from "~/modules/journal/audit.server";
import { writeThenWake } from "~/modules/workflow/after-commit.server";
import {
  getTimeline,
  startWorkflow,
  availableEvents,
  contextOf,
  type StoredWorkflow,
} from "~/modules/workflow/engine.server";
import { now as clockNow } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { singleLineText, type FieldErrors } from "~/utils/forms";
import { isIsoDate, parisDate } from "~/utils/working-days";
import { isOverdue, type ActionItemContext } from "../../../workflows/action-item";
import { refusal, success, type Result, invalidFields } from "~/utils/result";
import { type ActionItemFields } from "./forms.server";
import { openGroupIn, pilotGroup, recordOfGroup } from "./group-queries.server";
import { MEETING_NOT_FOUND } from "./meetings.server";
import type { GroupAccess } from "./policy.server";
import { dayLabel } from "~/utils/format";
import { involvedOrganisationIds } from "./recipients.server";
import { applyAudited } from "./transitions.server";
import { ACTION_WORKFLOW } from "./workflow.server";

export type ActionItemInput = ActionItemFields & { meetingId?: string | null };

export type ActionEventType = "COMMENCER" | "TERMINER" | "REPORTER" | "ABANDONNER";
const ACTION_EVENTS: ActionEventType[] = ["COMMENCER", "TERMINER", "REPORTER", "ABANDONNER"];

export function actionContext(workflow: StoredWorkflow) {
  return contextOf<ActionItemContext>(workflow);
}

/** The pilot, the coordinator and the people of a responsible organisation move an item on. */
export function mayActOn(user: SessionUser, access: GroupAccess, organisationIds: string[]) {
  return access.pilot || (access.read && organisationIds.includes(user.organisationId));
}

export async function createActionItem(
  user: SessionUser,
  code: string,
  input: ActionItemInput,
): Promise<Result<{ id: string }>> {
  const found = await pilotGroup(user, code, "décide des actions du groupe");
  if (!found.ok) return found;
  const { groupId } = found.value;
  const now = clockNow();
  const today = parisDate(now);
  const errors: FieldErrors = {};
  if (input.dueOn < today) errors.dueOn = "L'échéance ne peut pas être dans le passé.";
  return writeThenWake(async (tx): Promise<Result<{ id: string }>> => {
    const open = await openGroupIn(tx, groupId, "ne décide plus d'action");
    if (!open.ok) return open;
    const group = open.value;
    if (input.meetingId) {
      const meeting = await tx.meeting.findFirst({ where: { id: input.meetingId, groupId }, select: { id: true } });
      if (!meeting) return refusal("INTROUVABLE", MEETING_NOT_FOUND);
    }
    const involved = new Set(await involvedOrganisationIds(tx, groupId));
    const organisationIds = [...new Set(input.organisationIds)];
    if (organisationIds.some((id) => !involved.has(id)))
      errors.organisationIds = "Les organisations responsables sont choisies parmi les membres du groupe.";
    if (Object.keys(errors).length > 0) return invalidFields(errors);
    const actor = actorOf(user);
    const workflow = await startWorkflow(tx, {
      type: ACTION_WORKFLOW,
      input: { title: input.title, dueOn: input.dueOn, organisationIds },
      actor,
      now,
    });
    const item = await tx.actionItem.create({
      data: {
        groupId,
        meetingId: input.meetingId ?? null,
        workflowId: workflow.id,
        title: input.title,
        dueOn: input.dueOn,
        createdById: user.id,
        organisations: { create: organisationIds.map((organisationId) => ({ organisationId })) },
      },
    });
    await recordAudit(
      tx,
      {
        actor,
        action: "action-decidee",
        entityType: "ActionGroupe",
        entityId: item.id,
        data: { groupe: group.code, echeance: input.dueOn, responsables: organisationIds },
      },
      now,
    );
    return success({ id: item.id });
  });
}

/** The item if this person may read its group; 404 otherwise. */
export async function getActionItem(user: SessionUser, code: string, id: string) {
  const found = await recordOfGroup(
    user,
    code,
    (groupId) =>
      prisma.actionItem.findFirst({
        where: { id, groupId },
        include: {
          group: { select: { id: true, code: true, name: true } },
          workflow: { select: { status: true, rowVersion: true, ...storedWorkflow } },
          meeting: { select: { id: true, startsAt: true } },
          organisations: { include: { organisation: { select: { id: true, shortName: true, name: true } } } },
        },
      }),
    "Cette action est introuvable.",
  );
  if (!found.ok) return found;
  const { record: item, access } = found.value;
  const context = actionContext(item.workflow);
  const today = parisDate(clockNow());
  const organisationIds = item.organisations.map((o) => o.organisationId);
  // The events the person may send that the item's state takes now (the engine's answer).
  const allowed = availableEvents(item.workflow, mayActOn(user, access, organisationIds) ? ACTION_EVENTS : [])
    .filter((e) => e.possible)
    .map((e) => e.type as ActionEventType);
  return success({
    ...item,
    context,
    access,
    today,
    overdue: isOverdue(context, item.workflow.status, today),
    allowedEvents: allowed,
    timeline: await getTimeline(item.workflowId),
  });
}

export type ActionEvent =
  | { type: "COMMENCER" }
  | { type: "TERMINER"; doneOn: string }
  | { type: "REPORTER"; dueOn: string }
  | { type: "ABANDONNER"; reason: string };

/** Sends one event from a person; the machine's guards are worded per field first. */
export async function actOnActionItem(
  user: SessionUser,
  code: string,
  id: string,
  event: ActionEvent,
  expectedRowVersion?: number,
): Promise<Result<{ status: string }>> {
  const found = await getActionItem(user, code, id);
  if (!found.ok) return found;
  const item = found.value;
  if (!item.allowedEvents.includes(event.type)) {
    if (
      !mayActOn(
        user,
        item.access,
        item.organisations.map((o) => o.organisationId),
      )
    )
      return refusal(
        "INTERDIT",
        "Seuls le pilote du groupe, le coordinateur de la CNSA et les organisations responsables font avancer cette action.",
      );
    return { ok: false, code: "REFUSE", message: "Cette action est close : elle ne peut plus changer." };
  }
  const errors: FieldErrors = {};
  if (event.type === "TERMINER" && event.doneOn > item.today)
    errors.doneOn = "La date de réalisation ne peut pas être dans le futur.";
  if (event.type === "REPORTER" && event.dueOn <= item.context.dueOn)
    errors.dueOn = `La nouvelle échéance doit suivre l'échéance actuelle (${dayLabel(item.context.dueOn)}).`;
  if (Object.keys(errors).length > 0) return invalidFields(errors);
  const now = clockNow();
  return writeThenWake(async (tx): Promise<Result<{ status: string }>> => {
    return applyAudited(tx, user, {
      workflowId: item.workflowId,
      event,
      expectedRowVersion,
      now,
      audit: () => ({
        action: `action:${event.type}`,
        entityType: "ActionGroupe",
        entityId: id,
        organisationId: user.organisationId,
        data: { ...event },
      }),
    });
  });
}
