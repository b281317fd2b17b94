/**
 * The RFC comment cycle as the engine runs it: the pure machine from workflows/rfc-cycle.ts,
 * the shape of its events, its effects — mails, reminder and close jobs — and the copy the
 * queries need (RfcVersion.deadline), all written in the transaction of each transition. What
 * follows a conclusion on the Rfc record (status, adoption date, next version) is written by the
 * concluding command (cycle-commands.server.ts), decision 003.
 *
 * Facts the machine cannot see come from the server, never from the person: the minimum
 * duration (settings) in OUVRIR, the number of comments without disposition (database) in
 * CONCLURE.
 */
import { storedWorkflow } from "~/modules/workflow/queries.server";
import { z } from "zod";
import { distributionRecipients } from "~/modules/groups/distribution.server";
import { cancelPendingJobs, scheduleJob } from "~/modules/scheduler/jobs.server";
import { readSetting } from "~/modules/settings/settings.server";
import { defineWorkflow, type EffectContext } from "~/modules/workflow/definition.server";
import { contextOf, type StoredWorkflow } from "~/modules/workflow/engine.server";
import type { Tx } from "~/utils/db.server";
import { multiLineText } from "~/utils/forms";
import {
  RFC_CYCLE_CHECKS,
  RFC_CYCLE_LABELS,
  RFC_CYCLE_MACHINE_VERSION,
  rfcCycleMachine,
  type RfcCycleContext,
} from "../../../workflows/rfc-cycle";
import { instantLabel, sendRfcMails } from "./mails.server";
import { uniqueAddresses } from "~/modules/mail/recipients.server";
import { cycleOwners, mdphDirectors, peopleOfOrganisations } from "./recipients.server";
import { cycleSetting } from "./settings.server";

export const RFC_WORKFLOW = "rfc-cycle";

export const RFC_JOBS = {
  reminder: "rfc.rappel",
  close: "rfc.cloture",
  digest: "rfc.recapitulatif",
} as const;

const DAY_MS = 86_400_000;

/** A canonical ISO instant ("2026-12-15T17:00:00.000Z"): the machine compares them as strings. */
const instant = z
  .string()
  .datetime()
  .refine((value) => new Date(value).toISOString() === value, "Instant au format ISO attendu.");
const conclusion = multiLineText("Expliquez la conclusion.")
  .min(1, "Expliquez la conclusion.")
  .max(4000, "4 000 caractères au plus.");

export const rfcCycleEventSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("OUVRIR"),
    deadline: instant,
    invitedOrganisationIds: z.array(z.string().min(1)).min(1),
    minimumDays: z.number().int().min(0),
  }),
  z.object({ type: z.literal("PROLONGER"), deadline: instant }),
  z.object({ type: z.literal("ECHEANCE") }),
  z.object({
    type: z.literal("CONCLURE"),
    outcome: z.enum(["nouvelle-version", "adoption"]),
    undisposedComments: z.number().int().min(0),
    conclusion,
  }),
  z.object({ type: z.literal("RETIRER"), conclusion }),
]);

export type CycleVersion = Awaited<ReturnType<typeof versionOf>>;

/** The version whose cycle this workflow is, with its RFC and group. */
export async function versionOf(tx: Tx, workflowId: string) {
  return tx.rfcVersion.findUniqueOrThrow({
    where: { workflowId },
    include: {
      rfc: { include: { group: { select: { id: true, code: true, name: true } } } },
      workflow: { select: { status: true, ...storedWorkflow, rowVersion: true } },
    },
  });
}

export function cycleContext(workflow: StoredWorkflow) {
  return contextOf<RfcCycleContext>(workflow);
}

const ctx = (c: EffectContext) => c.context as unknown as RfcCycleContext;
const summary = (v: CycleVersion) => ({ id: v.rfc.id, number: v.rfc.number, title: v.rfc.title });
export const versionPath = (number: string, version: number) => `/rfc/${number}/v/${version}`;
const versionName = (v: CycleVersion) => `« ${v.rfc.title} » (${v.rfc.number}, version ${v.number})`;

const reminderKey = (workflowId: string, deadline: string, days: number) =>
  `${RFC_JOBS.reminder}:${workflowId}:${deadline}:${days}`;
const closeKey = (workflowId: string, deadline: string) => `${RFC_JOBS.close}:${workflowId}:${deadline}`;

/**
 * Reminders at each lead time before the deadline, and the close job AT the deadline. A lead
 * time already past is scheduled too: the worker records it as dropped (decision 014).
 */
async function scheduleCycleJobs(tx: Tx, workflowId: string, deadline: string) {
  const { reminderDaysBefore } = await readSetting(cycleSetting);
  const due = new Date(deadline);
  for (const days of reminderDaysBefore) {
    const dueAt = new Date(due.getTime() - days * DAY_MS);
    await scheduleJob(tx, {
      kind: RFC_JOBS.reminder,
      dueAt,
      payload: { workflowId, deadline, days },
      idempotencyKey: reminderKey(workflowId, deadline, days),
    });
  }
  await scheduleJob(tx, {
    kind: RFC_JOBS.close,
    dueAt: due,
    payload: { workflowId, deadline },
    idempotencyKey: closeKey(workflowId, deadline),
  });
}

/** Cancels the cycle's pending reminders and close job, whatever deadline they were for. */
export async function cancelCycleJobs(tx: Tx, workflowId: string) {
  await cancelPendingJobs(tx, workflowId, [RFC_JOBS.reminder, RFC_JOBS.close]);
}

/** People of the invited organisations who take part in cycles. */
async function invitedPeople(tx: Tx, context: RfcCycleContext) {
  return peopleOfOrganisations(tx, context.invitedOrganisationIds);
}

export const rfcWorkflow = defineWorkflow({
  type: RFC_WORKFLOW,
  version: RFC_CYCLE_MACHINE_VERSION,
  machine: rfcCycleMachine,
  eventSchema: rfcCycleEventSchema,
  ...RFC_CYCLE_LABELS,
  checks: RFC_CYCLE_CHECKS,
  // What the version page shows of its cycle and what its checks read (the deadline): the page
  // reads them here, never from the snapshot (decision 017).
  project: (context) => {
    const { openedAt, deadline, closedAt, outcome, conclusion } = context as unknown as RfcCycleContext;
    return { openedAt, deadline, closedAt, outcome, conclusion };
  },
  // RfcVersion.deadline is the copy its readers query (a DateTime); none before the cycle opens.
  copyToRecord: async (tx, workflowId, fields) => {
    if (fields.deadline)
      await tx.rfcVersion.updateMany({ where: { workflowId }, data: { deadline: new Date(fields.deadline) } });
  },
  effects: {
    async informerOuverture(c) {
      const v = await versionOf(c.tx, c.workflowId);
      const context = ctx(c);
      const to = uniqueAddresses([
        ...(await invitedPeople(c.tx, context)),
        ...(await distributionRecipients(c.tx, v.rfc.groupId, "OUVERTURE_RFC")),
      ]);
      await sendRfcMails(c.tx, {
        template: "ouverture",
        to,
        subject: `Appel à commentaires, réponse attendue avant le ${instantLabel(context.deadline!)}`,
        paragraphs: [
          `Le groupe de travail « ${v.rfc.group.name} » soumet à vos commentaires ${versionName(v)}.`,
          `Les personnes des organisations invitées peuvent commenter le texte entier ou un passage, jusqu'au ${instantLabel(
            context.deadline!,
          )} (heure de Paris). Passé ce délai, le cycle se clôt de lui-même et plus aucun commentaire n'est accepté.`,
          "Si votre organisation n'a rien à ajouter, un commentaire de soutien suffit : il indique que vous avez répondu.",
        ],
        rfc: summary(v),
        link: { label: "Lire et commenter", path: versionPath(v.rfc.number, v.number) },
        key: `rfc.ouverture:${v.id}`,
        now: c.now,
      });
    },
    async planifierRappels(c) {
      await scheduleCycleJobs(c.tx, c.workflowId, ctx(c).deadline!);
    },
    async replanifierRappels(c) {
      const context = ctx(c);
      const v = await versionOf(c.tx, c.workflowId);
      await cancelCycleJobs(c.tx, c.workflowId);
      await scheduleCycleJobs(c.tx, c.workflowId, context.deadline!);
      await sendRfcMails(c.tx, {
        template: "prolongation",
        to: await invitedPeople(c.tx, context),
        subject: `Délai de réponse prolongé jusqu'au ${instantLabel(context.deadline!)}`,
        paragraphs: [
          `Le délai pour commenter ${versionName(v)} est prolongé jusqu'au ${instantLabel(context.deadline!)} (heure de Paris).`,
        ],
        rfc: summary(v),
        link: { label: "Lire et commenter", path: versionPath(v.rfc.number, v.number) },
        key: `rfc.prolongation:${v.id}:${context.deadline}`,
        now: c.now,
      });
    },
    async informerCloture(c) {
      const v = await versionOf(c.tx, c.workflowId);
      const comments = await c.tx.rfcComment.count({ where: { versionId: v.id, parentId: null, deletedAt: null } });
      await sendRfcMails(c.tx, {
        template: "cloture",
        to: await cycleOwners(c.tx, v.rfc.groupId),
        subject: "Cycle de commentaires clos : réponses à enregistrer",
        paragraphs: [
          `Le délai de réponse sur ${versionName(v)} est écoulé : le cycle est clos depuis le ${instantLabel(c.now)}.`,
          comments === 0
            ? "Aucun commentaire n'a été déposé. Vous pouvez conclure le cycle : nouvelle version, adoption comme proposition ou retrait."
            : `${comments === 1 ? "1 commentaire a été déposé" : `${comments} commentaires ont été déposés`}. Enregistrez une réponse (disposition) pour chacun ; le cycle pourra ensuite être conclu.`,
        ],
        rfc: summary(v),
        link: { label: "Répondre aux commentaires", path: versionPath(v.rfc.number, v.number) },
        key: `rfc.cloture:${v.id}`,
        now: c.now,
      });
    },
    async informerConclusion(c) {
      const v = await versionOf(c.tx, c.workflowId);
      const context = ctx(c);
      const outcome = context.outcome!;
      // The RFC's status and the next version's draft are the concluding command's writes
      // (cycle-commands.server.ts), in the same transaction: this effect only writes the mails.
      const next = v.number + 1;
      const participants = await invitedPeople(c.tx, context);
      const pilots = await cycleOwners(c.tx, v.rfc.groupId);
      const common = { rfc: summary(v), key: `rfc.conclusion:${v.id}`, now: c.now };
      if (outcome === "adoption") {
        await sendRfcMails(c.tx, {
          ...common,
          template: "adoption",
          to: uniqueAddresses([
            ...participants,
            ...pilots,
            ...(await mdphDirectors(c.tx)),
            ...(await distributionRecipients(c.tx, v.rfc.groupId, "ADOPTION")),
          ]),
          subject: `« ${v.rfc.title} » adoptée comme proposition`,
          paragraphs: [
            `Le groupe de travail « ${v.rfc.group.name} » a adopté ${versionName(v)} comme proposition.`,
            `Conclusion : ${context.conclusion}`,
            "Cette conclusion est une proposition, non une décision : chaque MDPH reste maîtresse de son système d'information. Directrices et directeurs de MDPH, indiquez dans Passerelles la position de votre MDPH (adopte, adoptera plus tard, n'adopte pas).",
          ],
          link: { label: "Voir la RFC et indiquer la position de la MDPH", path: `/rfc/${v.rfc.number}` },
        });
      } else if (outcome === "retrait") {
        await sendRfcMails(c.tx, {
          ...common,
          template: "retrait",
          to: uniqueAddresses([...participants, ...pilots]),
          subject: `« ${v.rfc.title} » retirée`,
          paragraphs: [
            `Le groupe de travail « ${v.rfc.group.name} » a retiré ${versionName(v)}.`,
            `Motif : ${context.conclusion}`,
          ],
          link: { label: "Voir la RFC", path: `/rfc/${v.rfc.number}` },
        });
      } else {
        await sendRfcMails(c.tx, {
          ...common,
          template: "nouvelle-version",
          to: uniqueAddresses([...participants, ...pilots]),
          subject: `Une version ${next} de « ${v.rfc.title} » est en préparation`,
          paragraphs: [
            `Le cycle de commentaires de ${versionName(v)} est conclu : une version ${next} est en préparation et fera l'objet d'un nouveau cycle.`,
            `Modifications annoncées : ${context.conclusion}`,
          ],
          link: {
            label: "Voir les réponses aux commentaires",
            path: `${versionPath(v.rfc.number, v.number)}/dispositions`,
          },
        });
      }
    },
    async annulerRappels(c) {
      await cancelCycleJobs(c.tx, c.workflowId);
    },
  },
});
