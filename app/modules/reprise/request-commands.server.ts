/**
 * What people do on reprise requests: the director records the avenant and submits a request
 * per application; each person then sends the events their side may send (policy.server.ts);
 * the coordinator orders the requests, annotates them and records the consultation tool's
 * delivery. Every change runs in one write transaction with its workflow event, audit entry
 * and mails; a refusal is a Result (decision 019).
 */
import { refusal, success, type Result } from "~/utils/result";
import type { z } from "zod";
import type { SessionUser } from "~/modules/auth/session.server";
import { actorOf, auditBy, recordAudit } from "~/modules/journal/audit.server";
import { scheduleJob } from "~/modules/scheduler/jobs.server";
import { readSetting } from "~/modules/settings/settings.server";
import { applyEventInTransaction, startWorkflow } from "~/modules/workflow/engine.server";
import { tagged } from "~/modules/workflow/queries.server";
import { notifyAfterCommit, writeThenWake } from "~/modules/workflow/after-commit.server";
import { writeTransaction, type Tx } from "~/utils/db.server";
import { now as clockNow } from "~/utils/clock.server";
import { addCalendarDays, isIsoDate, parisDate, parisInstant } from "~/utils/working-days";
import { repriseFieldProblems, type Application, type RepriseContext } from "../../../workflows/reprise";
import { receptionClosesWindow, validationDeadlineFor } from "./rules.server";
import { allowedEvents, coordinatorAccess, directorAccess, PAGE_NOT_FOUND } from "./policy.server";
import { sendRepriseMail } from "./mails.server";
import { dayLabel } from "~/utils/format";
import { coordinators, directorsOf } from "./recipients.server";
import { reminderSetting } from "./settings.server";
import { signatureRequestDeadline } from "./rules";
import { REPRISE_JOBS, REPRISE_WORKFLOW } from "./workflow.server";
import type { requestSchema, signatureSchema } from "./forms.server";
import { getRequest } from "./requests.server";

export async function recordSignature(
  user: SessionUser,
  input: z.infer<typeof signatureSchema>,
): Promise<Result<{ id: string }>> {
  const allowed = directorAccess(user);
  if (!allowed.ok) return allowed;
  const now = clockNow();
  if (input.signedOn > parisDate(now))
    return { ok: false, field: "signedOn", message: "La date de signature ne peut pas être dans le futur." };
  const requestDeadline = signatureRequestDeadline(input.signedOn);
  return writeThenWake(async (tx): Promise<Result<{ id: string }>> => {
    const existing = await signatureOf(tx, user, input.application);
    if (existing)
      return {
        ok: false,
        field: "application",
        message: `L'avenant pour ${input.application} est déjà enregistré (signé le ${dayLabel(existing.signedOn)}).`,
      };
    const signature = await tx.avenantSignature.create({
      data: {
        organisationId: user.organisationId,
        application: input.application,
        signedOn: input.signedOn,
        signatoryName: input.signatoryName,
        signatoryFunction: input.signatoryFunction,
        designatedByCommission: true,
        requestDeadline,
        recordedById: user.id,
      },
    });
    const { signatureDaysBefore } = await readSetting(reminderSetting);
    for (const days of signatureDaysBefore) {
      const dueAt = parisInstant(addCalendarDays(requestDeadline, -days), "08:00");
      // A lead time already past is still scheduled: the worker records it as dropped.
      await scheduleJob(tx, {
        kind: REPRISE_JOBS.signatureReminder,
        dueAt,
        payload: { signatureId: signature.id, days },
        idempotencyKey: `${REPRISE_JOBS.signatureReminder}:${signature.id}:${days}`,
      });
    }
    await scheduleJob(tx, {
      kind: REPRISE_JOBS.signatureOverdue,
      dueAt: parisInstant(addCalendarDays(requestDeadline, 1), "08:00"),
      payload: { signatureId: signature.id },
      idempotencyKey: `${REPRISE_JOBS.signatureOverdue}:${signature.id}`,
    });
    await sendRepriseMail(tx, {
      template: "avenant",
      to: await coordinators(tx),
      subject: `Avenant ${input.application} signé par la ${user.organisation.name}`,
      paragraphs: [
        `La ${user.organisation.name} a signé le ${dayLabel(input.signedOn)} l'avenant au protocole d'assistance pour ${input.application} (signataire : ${input.signatoryName}, ${input.signatoryFunction}).`,
        `Elle doit demander sa date d'extraction au plus tard le ${dayLabel(requestDeadline)}. L'outil de consultation de la CNSA lui est dû dès la signature, et au plus tard le jour de la récupération des fichiers.`,
      ],
      now,
    });
    await auditBy(
      tx,
      user,
      {
        action: "avenant-signe",
        entityType: "AvenantSignature",
        entityId: signature.id,
        data: { application: input.application, signedOn: input.signedOn },
      },
      now,
    );
    return { ok: true, value: { id: signature.id } };
  });
}

/** The avenant the director's MDPH signed for an application, if any. */
function signatureOf(tx: Tx, user: SessionUser, application: Application) {
  return tx.avenantSignature.findUnique({
    where: { organisationId_application: { organisationId: user.organisationId, application } },
  });
}

/** The journal line of a director's step for their own MDPH (the avenant signed, the request sent). */
async function nextReference(tx: Tx, app: Application, departementCode: string) {
  const count = await tx.repriseRequest.count({ where: { application: app, departementCode } });
  return `${app}-${departementCode.padStart(3, "0")}-${String(count + 1).padStart(3, "0")}`;
}

export async function submitRequest(
  user: SessionUser,
  input: z.infer<typeof requestSchema>,
): Promise<Result<{ id: string }>> {
  const allowed = directorAccess(user);
  if (!allowed.ok) return allowed;
  const now = clockNow();
  const today = parisDate(now);
  if (input.requestDate > today)
    return { ok: false, field: "requestDate", message: "La date de la demande ne peut pas être dans le futur." };
  if (input.desiredDate <= today)
    return { ok: false, field: "desiredDate", message: "La date souhaitée doit être postérieure à aujourd'hui." };
  const departementCode = user.organisation.departementCode;
  if (!departementCode) return { ok: false, message: "Votre organisation n'est rattachée à aucun département." };
  return writeThenWake(async (tx): Promise<Result<{ id: string }>> => {
    const signature = await signatureOf(tx, user, input.application);
    if (!signature)
      return {
        ok: false,
        field: "application",
        message: `Enregistrez d'abord la signature de l'avenant pour ${input.application}.`,
      };
    const open = await tx.repriseRequest.findFirst({
      where: {
        organisationId: user.organisationId,
        application: input.application,
        workflow: { type: REPRISE_WORKFLOW, ...tagged("ouverte") },
      },
    });
    if (open)
      return {
        ok: false,
        field: "application",
        message: `Votre MDPH a déjà une demande ${input.application} en cours (${open.reference}) : une seule demande ouverte par application.`,
      };
    const last = await tx.repriseRequest.aggregate({
      where: { application: input.application },
      _max: { priority: true },
    });
    const workflow = await startWorkflow(tx, {
      type: REPRISE_WORKFLOW,
      input: { application: input.application, desiredDate: input.desiredDate, departement: departementCode },
      organisationId: user.organisationId,
      actor: actorOf(user),
      now,
    });
    const request = await tx.repriseRequest.create({
      data: {
        reference: await nextReference(tx, input.application, departementCode),
        workflowId: workflow.id,
        organisationId: user.organisationId,
        signatureId: signature.id,
        application: input.application,
        departementCode,
        requestDate: input.requestDate,
        desiredDate: input.desiredDate,
        contactName: input.contactName,
        contactFunction: input.contactFunction,
        contactPhone: input.contactPhone,
        contactEmail: input.contactEmail.toLowerCase(),
        priority: (last._max.priority ?? 0) + 1,
        createdById: user.id,
      },
    });
    const late = input.requestDate > signature.requestDeadline;
    await sendRepriseMail(tx, {
      template: "demande",
      to: await coordinators(tx),
      cc: [input.contactEmail],
      subject: `Nouvelle demande de reprise ${input.application} : ${user.organisation.name}`,
      paragraphs: [
        `La ${user.organisation.name} demande la reprise de ses données ${input.application} pour le ${dayLabel(input.desiredDate)} (demande du ${dayLabel(input.requestDate)}).`,
        `Personne désignée : ${input.contactName}, ${input.contactFunction}, ${input.contactPhone}, ${input.contactEmail}.`,
        late
          ? `La demande arrive après l'échéance prévue par l'avenant (${dayLabel(signature.requestDeadline)}).`
          : `La demande respecte l'échéance prévue par l'avenant (${dayLabel(signature.requestDeadline)}).`,
        "Elle figurera dans la prochaine liste mensuelle envoyée aux services de l'État.",
      ],
      request: {
        id: request.id,
        reference: request.reference,
        application: input.application,
        organisationName: user.organisation.name,
        departementCode,
      },
      link: { label: "Ouvrir la demande", path: `/reprises/${request.id}` },
      now,
    });
    await auditBy(
      tx,
      user,
      {
        action: "demande-reprise",
        entityType: "DemandeReprise",
        entityId: request.id,
        data: { application: input.application, desiredDate: input.desiredDate },
      },
      now,
    );
    return { ok: true, value: { id: request.id } };
  });
}

/**
 * Sends one event from a person, checking scope, role, the dates given and the record's version.
 * `confirmedReceptionDate`: the reception date the person confirmed after being told that it
 * closes the validation window at once (the confirmation holds for that date only).
 */
export async function actOnRequest(
  user: SessionUser,
  id: string,
  event: { type: string } & Record<string, unknown>,
  expectedRowVersion?: number,
  { confirmedReceptionDate }: { confirmedReceptionDate?: string } = {},
) {
  const found = await getRequest(user, id);
  if (!found.ok) return found;
  const request = found.value;
  if (!(allowedEvents(user, request) as string[]).includes(event.type))
    return refusal("INTERDIT", "Votre rôle ne permet pas cette action sur cette demande.");
  const now = clockNow();
  const today = parisDate(now);
  const errors = repriseFieldProblems(request.context, event, today);
  const [first] = Object.values(errors);
  if (first) return { ok: false as const, code: "INVALIDE" as const, message: first, errors };
  const closing = closingReception(event, request.context, today);
  if (closing && confirmedReceptionDate !== closing.date)
    return {
      ok: false as const,
      code: "A_CONFIRMER" as const,
      message: closing.message,
      errors: { date: closing.message },
    };
  const result = await writeTransaction(async (tx) => {
    const applied = await applyEventInTransaction(tx, {
      workflowId: request.workflowId,
      event: withServerDates(event, request.context),
      actor: actorOf(user),
      expectedRowVersion,
      now,
    });
    if (applied.ok)
      await recordAudit(
        tx,
        {
          actor: actorOf(user),
          action: `reprise:${event.type}`,
          entityType: "DemandeReprise",
          entityId: id,
          organisationId: request.organisationId,
          data: { ...event },
        },
        now,
      );
    return applied;
  });
  if (result.ok) notifyAfterCommit();
  return result;
}

/**
 * The event as the machine takes it: a reception carries the last day of its validation window,
 * counted here on the holiday calendar of the request's département (the machine has none).
 */
function withServerDates(event: { type: string } & Record<string, unknown>, context: RepriseContext) {
  if (event.type !== "RECEPTIONNER" || typeof event.date !== "string") return event;
  return { ...event, validationDeadline: validationDeadlineFor(event.date, context.departement) };
}

/** A reception date whose 15-working-day window is already over: the files are accepted at once. */
function closingReception(event: { type: string } & Record<string, unknown>, context: RepriseContext, today: string) {
  if (
    event.type !== "RECEPTIONNER" ||
    typeof event.date !== "string" ||
    !receptionClosesWindow(event.date, context.departement, today)
  )
    return null;
  const deadline = validationDeadlineFor(event.date, context.departement);
  return {
    date: event.date,
    message: `Avec une réception le ${dayLabel(event.date)}, le délai de validation de 15 jours ouvrés s'est terminé le ${dayLabel(deadline)} : les fichiers seront acceptés tacitement dès l'enregistrement, sans validation ni signalement possible. Vérifiez la date, puis confirmez-la pour l'enregistrer.`,
  };
}

/** The coordinator moves a request up or down the priority order of its application. */
export async function movePriority(user: SessionUser, id: string, direction: "haut" | "bas"): Promise<Result> {
  const allowed = coordinatorAccess(user);
  if (!allowed.ok) return allowed;
  return writeTransaction(async (tx) => {
    const request = await tx.repriseRequest.findUnique({ where: { id } });
    if (!request) return refusal("INTROUVABLE", PAGE_NOT_FOUND);
    const neighbour = await tx.repriseRequest.findFirst({
      where: {
        application: request.application,
        workflow: { type: REPRISE_WORKFLOW, ...tagged("sansDate") },
        priority: direction === "haut" ? { lt: request.priority } : { gt: request.priority },
      },
      orderBy: { priority: direction === "haut" ? "desc" : "asc" },
    });
    if (!neighbour)
      return refusal(
        "REFUSE",
        direction === "haut" ? "Cette demande est déjà en tête de liste." : "Cette demande est déjà en fin de liste.",
      );
    await tx.repriseRequest.update({ where: { id: request.id }, data: { priority: neighbour.priority } });
    await tx.repriseRequest.update({ where: { id: neighbour.id }, data: { priority: request.priority } });
    await recordAudit(tx, {
      actor: actorOf(user),
      action: "reprise-priorite",
      entityType: "DemandeReprise",
      entityId: id,
      data: { de: request.priority, vers: neighbour.priority },
    });
    return success();
  });
}

export async function setCoordinatorNote(user: SessionUser, id: string, note: string): Promise<Result> {
  const allowed = coordinatorAccess(user);
  if (!allowed.ok) return allowed;
  const clean = note.trim().slice(0, 2000) || null;
  return writeTransaction(async (tx) => {
    const updated = await tx.repriseRequest.updateMany({ where: { id }, data: { coordinatorNote: clean } });
    if (updated.count === 0) return refusal("INTROUVABLE", "Cette demande de reprise est introuvable.");
    await recordAudit(tx, {
      actor: actorOf(user),
      action: "reprise-note",
      entityType: "DemandeReprise",
      entityId: id,
      data: { note: clean },
    });
    return success();
  });
}

/** The coordinator records the delivery of the CNSA's consultation tool to an MDPH. */
export async function recordToolDelivery(user: SessionUser, signatureId: string, date: string): Promise<Result> {
  const allowed = coordinatorAccess(user);
  if (!allowed.ok) return allowed;
  if (!isIsoDate(date)) return { ok: false, field: "date", message: "Saisissez une date valide." };
  if (date > parisDate(clockNow()))
    return { ok: false, field: "date", message: "La date de livraison ne peut pas être dans le futur." };
  return writeThenWake(async (tx): Promise<Result> => {
    const found = await tx.avenantSignature.findUnique({ where: { id: signatureId }, select: { id: true } });
    if (!found) return refusal("INTROUVABLE", "Cet avenant est introuvable.");
    const signature = await tx.avenantSignature.update({
      where: { id: signatureId },
      data: { consultationToolDeliveredOn: date },
    });
    await sendRepriseMail(tx, {
      template: "outil-livre",
      to: await directorsOf(tx, signature.organisationId),
      subject: `Outil de consultation ${signature.application} livré`,
      paragraphs: [
        `La CNSA a livré le ${dayLabel(date)} l'outil de consultation des fichiers de reprise ${signature.application} à votre MDPH.`,
      ],
      now: clockNow(),
    });
    await recordAudit(tx, {
      actor: actorOf(user),
      action: "outil-consultation-livre",
      entityType: "AvenantSignature",
      entityId: signatureId,
      organisationId: signature.organisationId,
      data: { date },
    });
    return success();
  });
}
