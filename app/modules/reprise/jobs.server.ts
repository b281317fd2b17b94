/**
 * The reprise procedure's scheduled work. Each handler re-checks the record's state inside
 * its transaction: a reminder for a step already taken does nothing.
 */
import { scheduleJob } from "~/modules/scheduler/jobs.server";
import { defineJobs, type JobHandler } from "~/modules/scheduler/registry.server";
import { readSetting } from "~/modules/settings/settings.server";
import { applyEventInTransaction } from "~/modules/workflow/engine.server";
import { now as clockNow } from "~/utils/clock.server";
import { writeTransaction, type Tx } from "~/utils/db.server";
import { contextOf } from "~/modules/workflow/engine.server";
import type { RepriseContext } from "../../../workflows/reprise";
import { APPLICATIONS, dispatchCampaign } from "./campaign.server";
import { preparePackage, storeAndSendPackage } from "./campaign-package.server";
import { describe, sendRepriseMail } from "./mails.server";
import { dayLabel } from "~/utils/format";
import { coordinators, directorsOf, serviceRecipients } from "./recipients.server";
import { monthsBetween, nextMonth, type Month } from "./rules";
import { catchUpMonth, dispatchInstant, upcomingDispatchMonth } from "./rules.server";
import { dispatchSetting } from "./settings.server";
import { REPRISE_JOBS } from "./workflow.server";

async function requestAt(tx: Tx, workflowId: string) {
  const request = await tx.repriseRequest.findUnique({
    where: { workflowId },
    include: { organisation: { include: { departement: true } }, workflow: true },
  });
  if (!request) return null;
  const context = contextOf<RepriseContext>(request.workflow);
  const summary = {
    id: request.id,
    reference: request.reference,
    application: request.application,
    organisationName: request.organisation.name,
    departementCode: request.departementCode,
  };
  return {
    request,
    context,
    summary,
    status: request.workflow.status,
    centre: request.organisation.departement?.opalesCentre ?? null,
  };
}

type WaitingRequest = NonNullable<Awaited<ReturnType<typeof requestAt>>>;
type RequestMail = Omit<Parameters<typeof sendRepriseMail>[1], "request" | "link" | "now">;

/**
 * A reminder or an overdue notice about one request: mailed only while the request still waits
 * in `status` for the step it was scheduled for (the payload's `step` is still the context's),
 * with a link to the request.
 */
const whileWaiting =
  (
    status: string,
    step: "campaignMonth" | "receivedOn",
    linkLabel: string,
    write: (tx: Tx, found: WaitingRequest) => Promise<RequestMail>,
  ): JobHandler =>
  async (tx, payload, { now }) => {
    const scheduled = payload as { workflowId: string } & Record<typeof step, string>;
    const found = await requestAt(tx, scheduled.workflowId);
    if (!found || found.status !== status || found.context[step] !== scheduled[step]) return;
    await sendRepriseMail(tx, {
      ...(await write(tx, found)),
      request: found.summary,
      link: { label: linkLabel, path: `/reprises/${found.request.id}` },
      now,
    });
  };

const dispatchKey = (month: Month) => `${REPRISE_JOBS.monthlyDispatch}:${month}`;

/** Makes sure month `month`'s dispatch job exists, due at the configured day and hour. */
export async function scheduleMonthlyDispatch(tx: Tx, month: Month) {
  const settings = await readSetting(dispatchSetting);
  const dueAt = dispatchInstant(month, settings);
  await scheduleJob(tx, {
    kind: REPRISE_JOBS.monthlyDispatch,
    dueAt,
    payload: { month },
    idempotencyKey: dispatchKey(month),
  });
  // A changed setting moves the pending job.
  await tx.scheduledJob.updateMany({
    where: { idempotencyKey: dispatchKey(month), status: "PENDING" },
    data: { dueAt },
  });
}

export async function ensureRepriseSchedules(now: Date) {
  await writeTransaction(async (tx) => {
    const settings = await readSetting(dispatchSetting);
    const pending = await tx.scheduledJob.count({ where: { kind: REPRISE_JOBS.monthlyDispatch, status: "PENDING" } });
    if (pending === 0) await scheduleMonthlyDispatch(tx, upcomingDispatchMonth(now, settings));
  });
}

export const repriseJobs = defineJobs((job) => {
  job(REPRISE_JOBS.monthlyDispatch, "deadline", async (tx, payload, { now }) => {
    const { month } = payload as { month: Month };
    // After a downtime across several dispatch days, one catch-up list per application, for
    // the latest month due, replaces every missed one (decision 014); an early dispatch counts.
    const latest = catchUpMonth(month, now, await readSetting(dispatchSetting));
    for (const application of APPLICATIONS) {
      const done = await tx.repriseCampaign.findUnique({
        where: { month_application: { month: latest, application } },
      });
      if (done) continue;
      const sent = await tx.repriseCampaign.findMany({
        where: { application, month: { gte: month, lt: latest } },
        select: { month: true },
      });
      const missed = monthsBetween(month, latest).filter((m) => !sent.some((c) => c.month === m));
      await dispatchCampaign({ application, month: latest, actor: null, missed, now, tx });
    }
    await scheduleMonthlyDispatch(tx, nextMonth(latest));
  });

  // A list's files and the mails that carry them, after the dispatch committed; built before its transaction.
  job(
    REPRISE_JOBS.listPackage,
    "deadline",
    (tx, payload, context) => storeAndSendPackage(tx, payload, context),
    preparePackage,
  );

  job(
    REPRISE_JOBS.answerReminder,
    "reminder",
    whileWaiting("transmise", "campaignMonth", "Répondre", async (tx, found) => ({
      template: "rappel-reponse",
      to: await serviceRecipients(tx, found.request.application as "ITAC" | "OPALES", found.centre),
      subject: `Rappel : date de mise à disposition attendue au plus tard le ${dayLabel(found.context.answerDeadline!)}`,
      paragraphs: [
        `La CNSA attend votre réponse pour la ${describe(found.summary)} : confirmez la date souhaitée (${dayLabel(found.context.desiredDate)}) ou proposez-en une autre avant le ${dayLabel(found.context.answerDeadline!)}.`,
      ],
    })),
  );

  job(
    REPRISE_JOBS.answerOverdue,
    "deadline",
    whileWaiting("transmise", "campaignMonth", "Ouvrir la demande", async (tx, found) => ({
      template: "reponse-en-retard",
      to: await coordinators(tx),
      subject: "Réponse du service de l'État en retard",
      paragraphs: [
        `Le service de l'État n'a ni confirmé ni proposé de date pour la ${describe(found.summary)} ; la réponse était attendue le ${dayLabel(found.context.answerDeadline!)}.`,
      ],
    })),
  );

  job(
    REPRISE_JOBS.validationReminder,
    "reminder",
    whileWaiting("enValidation", "receivedOn", "Valider ou signaler", async (tx, found) => ({
      template: "rappel-validation",
      to: [...(await directorsOf(tx, found.request.organisationId)), found.request.contactEmail],
      subject: `Rappel : validation des fichiers avant le ${dayLabel(found.context.validationDeadline!)}`,
      paragraphs: [
        `Le délai de validation des fichiers de votre ${describe(found.summary)} se termine le ${dayLabel(found.context.validationDeadline!)} au soir.`,
        "Validez-les, ou signalez une non-conformité technique (la qualité des données n'est pas un motif) ; sans réponse, ils seront réputés conformes et acceptés.",
      ],
    })),
  );

  job(REPRISE_JOBS.validationDeadline, "deadline", async (tx, payload, { now }) => {
    const { workflowId } = payload as { workflowId: string };
    // Refused when the MDPH answered in time: nothing to do.
    await applyEventInTransaction(tx, { workflowId, event: { type: "ECHEANCE_VALIDATION" }, actor: null, now });
  });

  job(REPRISE_JOBS.signatureReminder, "reminder", async (tx, payload, { now }) => {
    const { signatureId } = payload as { signatureId: string };
    const signature = await tx.avenantSignature.findUnique({ where: { id: signatureId }, include: { requests: true } });
    if (!signature || signature.requests.length > 0) return;
    await sendRepriseMail(tx, {
      template: "rappel-signature",
      to: await directorsOf(tx, signature.organisationId),
      subject: `Rappel : demande de reprise ${signature.application} attendue avant le ${dayLabel(signature.requestDeadline)}`,
      paragraphs: [
        `Votre MDPH a signé l'avenant ${signature.application} le ${dayLabel(signature.signedOn)}. Elle s'est engagée à demander sa date d'extraction dans le mois qui suit, soit au plus tard le ${dayLabel(signature.requestDeadline)}.`,
      ],
      link: { label: "Faire la demande", path: "/mdph/reprises" },
      now,
    });
  });

  job(REPRISE_JOBS.signatureOverdue, "deadline", async (tx, payload, { now }) => {
    const { signatureId } = payload as { signatureId: string };
    const signature = await tx.avenantSignature.findUnique({
      where: { id: signatureId },
      include: { requests: true, organisation: true },
    });
    if (!signature || signature.requests.length > 0) return;
    await sendRepriseMail(tx, {
      template: "signature-sans-demande",
      to: [...(await coordinators(tx)), ...(await directorsOf(tx, signature.organisationId))],
      subject: `${signature.organisation.name} : aucune demande ${signature.application} après la signature de l'avenant`,
      paragraphs: [
        `La ${signature.organisation.name} a signé l'avenant ${signature.application} le ${dayLabel(signature.signedOn)} mais n'a pas demandé sa date d'extraction avant le ${dayLabel(signature.requestDeadline)}.`,
      ],
      link: { label: "Voir les reprises", path: "/cnsa/reprises" },
      now,
    });
  });
});
/**
 * After the dispatch setting changed: moves each pending monthly job to its month's new
 * instant (a list whose new instant has passed leaves at the worker's next tick, which is
 * what "au plus tard le 25" asks), or schedules the upcoming month when none is pending.
 */
export async function rescheduleDispatch(now = clockNow()) {
  await writeTransaction(async (tx) => {
    const pending = await tx.scheduledJob.findMany({
      where: { kind: REPRISE_JOBS.monthlyDispatch, status: "PENDING" },
    });
    const months = new Set(pending.map((job) => (JSON.parse(job.payload) as { month: Month }).month));
    if (months.size === 0) months.add(upcomingDispatchMonth(now, await readSetting(dispatchSetting)));
    for (const month of months) await scheduleMonthlyDispatch(tx, month);
  });
}
