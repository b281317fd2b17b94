/**
 * The work-group and action-item workflows as the engine runs them: the pure machines from
 * workflows/work-group.ts and workflows/action-item.ts, the shape of the events people send,
 * and the effects — mails and reminder jobs written in the transaction of each transition.
 */
import { z } from "zod";
import { defineWorkflow, type EffectContext } from "~/modules/workflow/definition.server";
import { cancelPendingJobs, scheduleJob } from "~/modules/scheduler/jobs.server";
import { readSetting } from "~/modules/settings/settings.server";
import type { Tx } from "~/utils/db.server";
import { multiLineText } from "~/utils/forms";
import { addCalendarDays, isIsoDate, parisInstant } from "~/utils/working-days";
import {
  WORK_GROUP_LABELS,
  WORK_GROUP_CHECKS,
  WORK_GROUP_MACHINE_VERSION,
  workGroupMachine,
  type WorkGroupContext,
} from "../../../workflows/work-group";
import {
  ACTION_ITEM_LABELS,
  ACTION_ITEM_MACHINE_VERSION,
  actionItemMachine,
  type ActionItemContext,
} from "../../../workflows/action-item";
import { sendGroupMail, sendGroupMailEach } from "./mails.server";
import { distributionRecipients } from "./distribution.server";
import { groupMembersAndCoordinators } from "./recipients.server";
import { actionReminderSetting } from "./settings.server";

export const GROUP_WORKFLOW = "groupe";
export const ACTION_WORKFLOW = "action";

export const GROUP_JOBS = {
  actionReminder: "groupes.action-rappel",
  actionOverdue: "groupes.action-en-retard",
} as const;

const isoDate = z.string().refine(isIsoDate, "Saisissez une date valide.");

export const groupEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("VALIDER_PILOTE") }),
  z.object({ type: z.literal("REDIGER_LETTRE") }),
  // The server computes completeness from the letter; nobody types it.
  z.object({
    type: z.literal("VALIDER"),
    letter: z.object({ perimeter: z.boolean(), roles: z.boolean(), deliverables: z.boolean() }),
  }),
  z.object({ type: z.literal("ACTIVER") }),
  z.object({ type: z.literal("CLORE") }),
]);

export const actionEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("COMMENCER") }),
  z.object({ type: z.literal("TERMINER"), doneOn: isoDate }),
  z.object({ type: z.literal("REPORTER"), dueOn: isoDate }),
  z.object({
    type: z.literal("ABANDONNER"),
    reason: multiLineText("Indiquez pourquoi l'action est abandonnée.")
      .min(1, "Indiquez pourquoi l'action est abandonnée.")
      .max(1000, "1 000 caractères au plus."),
  }),
]);

async function groupOf(tx: Tx, workflowId: string) {
  return tx.workGroup.findUniqueOrThrow({ where: { workflowId }, select: { id: true, code: true, name: true } });
}

const groupLink = (code: string) => ({ label: "Ouvrir le groupe", path: `/groupes/${code}` });

async function informMembers(
  c: EffectContext,
  template: string,
  subject: string,
  paragraphs: string[],
  moment?: "VALIDATION",
) {
  const group = await groupOf(c.tx, c.workflowId);
  const to = await groupMembersAndCoordinators(c.tx, group.id);
  await sendGroupMail(c.tx, { template, to, subject, paragraphs, group, link: groupLink(group.code), now: c.now });
  if (moment) {
    // The group's distribution lists hear of it too, one mail each (addresses stay private).
    const distribution = (await distributionRecipients(c.tx, group.id, moment)).filter(
      (address) => !to.includes(address),
    );
    await sendGroupMailEach(c.tx, {
      template: `${template}-diffusion`,
      to: distribution,
      subject,
      paragraphs,
      group,
      link: groupLink(group.code),
      now: c.now,
    });
  }
}

export const groupWorkflow = defineWorkflow({
  type: GROUP_WORKFLOW,
  version: WORK_GROUP_MACHINE_VERSION,
  machine: workGroupMachine,
  eventSchema: groupEventSchema,
  ...WORK_GROUP_LABELS,
  checks: WORK_GROUP_CHECKS,
  // The late-letter query needs to know whether the letter was validated.
  project: (context) => ({ validatedAt: (context as unknown as WorkGroupContext).validatedAt }),
  effects: {
    async informerValidation(c) {
      const context = c.context as unknown as WorkGroupContext;
      await informMembers(
        c,
        "validation",
        "Lettre de mission validée",
        [
          `La lettre de mission du groupe « ${context.name} » est validée, ainsi que son pilote. Elle fixe le périmètre du groupe, le rôle de chaque organisation et les livrables avec leurs dates de livraison et leurs périodes de validation.`,
          "Les travaux peuvent être engagés. Le calendrier des livrables figure sur la page du groupe et dans le calendrier de Passerelles.",
        ],
        "VALIDATION",
      );
    },
    async informerActivation(c) {
      const context = c.context as unknown as WorkGroupContext;
      await informMembers(c, "activation", "Travaux engagés", [
        `Les travaux du groupe « ${context.name} » sont engagés.`,
        "Les réunions, les actions décidées et les appels à commentaires du groupe sont suivis dans Passerelles.",
      ]);
    },
    async informerCloture(c) {
      const context = c.context as unknown as WorkGroupContext;
      await informMembers(c, "cloture", "Groupe clos", [
        `Le groupe « ${context.name} » est clos. Ses documents, réunions et actions restent consultables dans Passerelles.`,
      ]);
    },
  },
});

// ---------------------------------------------------------------------------------------------
// Action items: reminders before the due day and an overdue notice the day after.
// ---------------------------------------------------------------------------------------------

/** Keys carry the due day, so a postponed item's new reminders never collide with the old ones. */
export const reminderKey = (workflowId: string, dueOn: string, days: number) =>
  `${GROUP_JOBS.actionReminder}:${workflowId}:${dueOn}:${days}`;
export const overdueKey = (workflowId: string, dueOn: string) => `${GROUP_JOBS.actionOverdue}:${workflowId}:${dueOn}`;

/** An action item's reminder and overdue jobs, whatever due day they were for. */
const ACTION_JOB_KINDS = [GROUP_JOBS.actionReminder, GROUP_JOBS.actionOverdue];

/** Scheduled even when already past: the worker runs a late overdue notice and drops a late reminder. */
async function scheduleAt(tx: Tx, kind: string, day: string, key: string, payload: Record<string, unknown>) {
  await scheduleJob(tx, { kind, dueAt: parisInstant(day, "08:00"), payload, idempotencyKey: key });
  return key;
}

export const actionItemWorkflow = defineWorkflow({
  type: ACTION_WORKFLOW,
  version: ACTION_ITEM_MACHINE_VERSION,
  machine: actionItemMachine,
  eventSchema: actionEventSchema,
  ...ACTION_ITEM_LABELS,
  project: (context) => ({ dueOn: (context as unknown as ActionItemContext).dueOn }),
  // The record's copy of the due day follows the machine (REPORTER); no row yet at creation.
  copyToRecord: async (tx, workflowId, fields) => {
    await tx.actionItem.updateMany({ where: { workflowId }, data: { dueOn: fields.dueOn! } });
  },
  effects: {
    async planifierRappels(c) {
      const { dueOn } = c.context as unknown as ActionItemContext;
      const { daysBefore } = await readSetting(actionReminderSetting);
      const payload = { workflowId: c.workflowId, dueOn };
      const wanted = new Set<string>();
      for (const days of daysBefore) {
        wanted.add(
          await scheduleAt(
            c.tx,
            GROUP_JOBS.actionReminder,
            addCalendarDays(dueOn, -days),
            reminderKey(c.workflowId, dueOn, days),
            { ...payload, days },
          ),
        );
      }
      wanted.add(
        await scheduleAt(
          c.tx,
          GROUP_JOBS.actionOverdue,
          addCalendarDays(dueOn, 1),
          overdueKey(c.workflowId, dueOn),
          payload,
        ),
      );
      // A postponement drops the reminders of the former due day.
      await cancelPendingJobs(c.tx, c.workflowId, ACTION_JOB_KINDS, wanted);
    },
    async annulerRappels(c) {
      await cancelPendingJobs(c.tx, c.workflowId, ACTION_JOB_KINDS);
    },
  },
});
