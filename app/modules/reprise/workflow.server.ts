/**
 * The reprise workflow as the engine runs it: the pure machine from workflows/reprise.ts,
 * the shape of the events people send, and the effects — mails and jobs written in the
 * transaction of each transition.
 */
import { z } from "zod";
import { defineWorkflow, type EffectContext, type ProjectedFields } from "~/modules/workflow/definition.server";
import { cancelPendingJobs, scheduleJob, scheduleJobs } from "~/modules/scheduler/jobs.server";
import { addressesByOrganisation } from "~/modules/mail/recipients.server";
import { queueMailings } from "~/modules/mail/mailing.server";
import type { Tx } from "~/utils/db.server";
import { multiLineText, singleLineText } from "~/utils/forms";
import { addCalendarDays, isIsoDate, parisDate, parisInstant } from "~/utils/working-days";
import { addWorkingDays } from "~/utils/working-days.server";
import {
  REPRISE_CHECKS,
  REPRISE_LABELS,
  REPRISE_MACHINE_VERSION,
  repriseMachine,
  type Application,
  type RepriseContext,
} from "../../../workflows/reprise";
import { describe, repriseMailing, sendRepriseMail, type RequestSummary } from "./mails.server";
import { dayLabel } from "~/utils/format";
import { coordinators, directorsOf, serviceRecipients } from "./recipients.server";
import { reminderSetting } from "./settings.server";
import { readSetting } from "~/modules/settings/settings.server";
import { CENTRE_LABELS, SERVICE_LABELS } from "./rules";

export const REPRISE_JOBS = {
  answerReminder: "reprise.rappel-reponse",
  answerOverdue: "reprise.reponse-en-retard",
  validationReminder: "reprise.rappel-validation",
  validationDeadline: "reprise.echeance-validation",
  monthlyDispatch: "reprise.envoi-mensuel",
  listPackage: "reprise.paquet-liste",
  signatureReminder: "reprise.rappel-signature",
  signatureOverdue: "reprise.signature-echue",
} as const;

const isoDate = z.string().refine(isIsoDate, "Saisissez une date valide.");
const line = (max: number, message: string) =>
  singleLineText(message).min(1, message).max(max, `${max} caractères au plus.`);
const text = (max: number, message: string) =>
  multiLineText(message).min(1, message).max(max, `${max} caractères au plus.`);

/** The events other than a reception, as people and the scheduler send them. */
const otherEvents = [
  z.object({ type: z.literal("ENVOYER"), campaignMonth: z.string().regex(/^\d{4}-\d{2}$/), answerDeadline: isoDate }),
  z.object({ type: z.literal("CONFIRMER_DATE") }),
  z.object({
    type: z.literal("PROPOSER_DATE"),
    date: isoDate,
    comment: multiLineText().max(1000, "1000 caractères au plus.").optional(),
  }),
  z.object({ type: z.literal("FIXER_DATE"), date: isoDate }),
  z.object({ type: z.literal("EXTRAIRE"), date: isoDate }),
  z.object({
    type: z.literal("EXPEDIER"),
    medium: z.string(),
    date: isoDate,
    reference: line(100, "Saisissez la référence du recommandé."),
  }),
  z.object({
    type: z.literal("ENVOYER_MOT_DE_PASSE"),
    date: isoDate,
    reference: line(100, "Saisissez la référence du recommandé."),
  }),
  z.object({ type: z.literal("VALIDER") }),
  z.object({
    type: z.literal("SIGNALER_NON_CONFORMITE"),
    text: text(4000, "Décrivez la non-conformité technique constatée."),
  }),
  z.object({ type: z.literal("ECHEANCE_VALIDATION") }),
  z.object({ type: z.literal("ANNULER"), reason: text(1000, "Indiquez le motif de l'annulation.") }),
] as const;
const reception = z.object({ type: z.literal("RECEPTIONNER"), date: isoDate });

/** Events that people send (the scheduler's ENVOYER and ECHEANCE_VALIDATION included). */
export const repriseEventSchema = z.discriminatedUnion("type", [...otherEvents, reception]);

/**
 * Events as the machine takes them: a reception also carries the last day of its validation
 * window, which the server counts on the holiday calendar (actOnRequest, rules.server.ts).
 */
const machineEventSchema = z.discriminatedUnion("type", [
  ...otherEvents,
  reception.extend({ validationDeadline: isoDate }),
]);

type Loaded = {
  summary: RequestSummary;
  organisationId: string;
  application: Application;
  contactEmail: string;
  centre: string | null;
  signature: { consultationToolDeliveredOn: string | null };
};

const loadedRequest = {
  include: { organisation: { include: { departement: true } }, signature: true },
} as const;

function loaded(request: Awaited<ReturnType<typeof loadRows>>[number]): Loaded {
  return {
    summary: {
      id: request.id,
      reference: request.reference,
      application: request.application,
      organisationName: request.organisation.name,
      departementCode: request.departementCode,
    },
    organisationId: request.organisationId,
    application: request.application as Application,
    contactEmail: request.contactEmail,
    centre: request.organisation.departement?.opalesCentre ?? null,
    signature: { consultationToolDeliveredOn: request.signature.consultationToolDeliveredOn },
  };
}

function loadRows(tx: Tx, workflowIds: string[]) {
  return tx.repriseRequest.findMany({ where: { workflowId: { in: workflowIds } }, ...loadedRequest });
}

async function load(tx: Tx, workflowId: string): Promise<Loaded> {
  return loaded(await tx.repriseRequest.findUniqueOrThrow({ where: { workflowId }, ...loadedRequest }));
}

/** The requests of many effects, by workflow id, in one query. */
async function loadMany(tx: Tx, workflowIds: string[]): Promise<Map<string, Loaded>> {
  const rows = await loadRows(tx, workflowIds);
  return new Map(rows.map((row) => [row.workflowId, loaded(row)]));
}

const ctx = (c: EffectContext) => c.context as unknown as RepriseContext;
const link = (r: RequestSummary) => ({ label: "Ouvrir la demande", path: `/reprises/${r.id}` });

type RequestMail = Omit<Parameters<typeof sendRepriseMail>[1], "request" | "link" | "now">;

/** A mail about the request the effect runs for: tagged with it, linked to it, sent at the transition's time. */
async function sendRequestMail(c: EffectContext, r: Loaded, mail: RequestMail) {
  await sendRepriseMail(c.tx, { ...mail, request: r.summary, link: link(r.summary), now: c.now });
}

/** An effect that is one mail about the request, written from the request and the machine's context. */
const mailAboutRequest =
  (write: (c: EffectContext, r: Loaded, context: RepriseContext) => Promise<RequestMail>) =>
  async (c: EffectContext) => {
    const r = await load(c.tx, c.workflowId);
    await sendRequestMail(c, r, await write(c, r, ctx(c)));
  };

/** The MDPH's side of a request: its directors and the person it designated. */
const mdphOf = async (tx: Tx, r: Loaded) => [...(await directorsOf(tx, r.organisationId)), r.contactEmail];
/** The CNSA's coordinators and the State service that extracts the files. */
const coordinatorsAndService = async (tx: Tx, r: Loaded) => [
  ...(await coordinators(tx)),
  ...(await serviceRecipients(tx, r.application, r.centre)),
];

/**
 * A job at 08:00 Paris on a day. Scheduled even when that moment has passed: the worker then
 * runs a deadline at once and records a reminder as dropped, by the kind's declared nature.
 */
async function scheduleOn(
  tx: Tx,
  kind: string,
  day: string,
  key: string,
  payload: Record<string, unknown>,
  time = "08:00",
) {
  await scheduleJob(tx, { kind, dueAt: parisInstant(day, time), payload, idempotencyKey: key });
}

/** The MDPH told that the CNSA sent its request to the State service, and by when it answers. */
function transmissionMail(r: Loaded, context: RepriseContext, mdph: string[]): RequestMail {
  return {
    template: "transmission",
    to: mdph,
    subject: `Demande transmise à ${SERVICE_LABELS[r.application]}`,
    paragraphs: [
      `La CNSA a transmis votre ${describe(r.summary)} à ${SERVICE_LABELS[r.application]}${r.centre && r.application === "OPALES" ? ` (centre d'exploitation de ${CENTRE_LABELS[r.centre]})` : ""} dans sa liste du mois, pour une planification le mois suivant.`,
      `Le service de l'État confirmera la date de mise à disposition au plus tard le ${dayLabel(context.answerDeadline!)}. La CNSA vous informera du calendrier retenu.`,
    ],
  };
}

/** A job at 08:00 Paris on a day, as scheduleOn writes it. */
const jobOn = (kind: string, day: string, key: string, payload: Record<string, unknown>, time = "08:00") => ({
  kind,
  dueAt: parisInstant(day, time),
  payload,
  idempotencyKey: key,
});

/** The reminders before the State service's answer deadline, and the overdue notice the day after. */
function answerJobs(c: EffectContext, { answerDaysBefore }: { answerDaysBefore: number[] }) {
  const context = ctx(c);
  const deadline = context.answerDeadline!;
  const payload = { workflowId: c.workflowId, campaignMonth: context.campaignMonth };
  return [
    ...answerDaysBefore.map((days) =>
      jobOn(
        REPRISE_JOBS.answerReminder,
        addCalendarDays(deadline, -days),
        `${REPRISE_JOBS.answerReminder}:${c.workflowId}:${context.campaignMonth}:${days}`,
        payload,
      ),
    ),
    jobOn(
      REPRISE_JOBS.answerOverdue,
      addCalendarDays(deadline, 1),
      `${REPRISE_JOBS.answerOverdue}:${c.workflowId}:${context.campaignMonth}`,
      payload,
    ),
  ];
}

/**
 * Whether a list carries the request again (an earlier list carried it, no non-conformity since)
 * or for a replay (a non-conformity sent it back to planning), from its projected counts.
 * `list`: the next list (not yet counted) or the last one that carried it (counted).
 */
export function listFlags(fields: ProjectedFields, list: "next" | "last") {
  const earlier = Number(fields.dispatchCount ?? 0) - (list === "last" ? 1 : 0);
  const replay = Number(fields.nonConformityCount ?? 0) > 0;
  return { carriedOver: earlier > 0 && !replay, replay };
}

export const repriseWorkflow = defineWorkflow({
  type: "reprise",
  version: REPRISE_MACHINE_VERSION,
  machine: repriseMachine,
  eventSchema: machineEventSchema,
  ...REPRISE_LABELS,
  checks: REPRISE_CHECKS,
  // What the monthly lists, the boards and the lateness queries select on and show, and the dated
  // steps the calendar shows (datedSteps of calendar.server.ts), so that it reads a range in SQL.
  project: (context) => {
    const c = context as unknown as RepriseContext;
    return {
      campaignMonth: c.campaignMonth,
      answerDeadline: c.answerDeadline,
      finalDate: c.finalDate,
      validationDeadline: c.validationDeadline,
      proposedDate: c.proposedDate,
      extractedOn: c.extractedOn,
      shipmentDate: c.shipment?.date ?? null,
      shipmentMedium: c.shipment?.medium ?? null,
      receivedOn: c.receivedOn,
      accessCutFrom: c.accessCutFrom,
      // Whether a list carries it again (carried over) or for a replay: the lists and tables show both.
      dispatchCount: String(c.dispatchCount),
      nonConformityCount: String(c.nonConformities.length),
    };
  },
  // The monthly dispatch sends ENVOYER to every request of the list at once.
  effectsForMany: {
    async informerTransmission(runs) {
      const tx = runs[0].tx;
      const requests = await loadMany(
        tx,
        runs.map((c) => c.workflowId),
      );
      const directors = await addressesByOrganisation(tx, {
        organisationIds: [...requests.values()].map((r) => r.organisationId),
        roles: ["DIRECTEUR_MDPH"],
      });
      await queueMailings(
        tx,
        runs.map((c) => {
          const r = requests.get(c.workflowId)!;
          const mail = transmissionMail(r, ctx(c), [...directors.get(r.organisationId)!, r.contactEmail]);
          return repriseMailing({ ...mail, request: r.summary, link: link(r.summary), now: c.now });
        }),
      );
    },
    async planifierReponse(runs) {
      const settings = await readSetting(reminderSetting);
      await scheduleJobs(
        runs[0].tx,
        runs.flatMap((c) => answerJobs(c, settings)),
      );
    },
  },
  effects: {
    informerTransmission: mailAboutRequest(async (c, r, context) =>
      transmissionMail(r, context, await mdphOf(c.tx, r)),
    ),
    async planifierReponse(c) {
      await scheduleJobs(c.tx, answerJobs(c, await readSetting(reminderSetting)));
    },
    informerDateRetenue: mailAboutRequest(async (c, r, context) => ({
      template: "date-retenue",
      to: await mdphOf(c.tx, r),
      cc: await coordinatorsAndService(c.tx, r),
      subject: `Date de mise à disposition arrêtée : ${dayLabel(context.finalDate!)}`,
      paragraphs: [
        `La date de mise à disposition des fichiers de votre ${describe(r.summary)} est arrêtée au ${dayLabel(context.finalDate!)}.`,
        "Cette date engage le service de l'État. À compter de la réception des fichiers, la MDPH ne saisit plus d'informations dans l'application.",
      ],
    })),
    informerContreProposition: mailAboutRequest(async (c, r, context) => ({
      template: "contre-proposition",
      to: await coordinators(c.tx),
      subject: "Le service de l'État propose une autre date",
      paragraphs: [
        `${SERVICE_LABELS[r.application]} ne peut pas tenir la date souhaitée (${dayLabel(context.desiredDate)}) pour la ${describe(r.summary)} et propose le ${dayLabel(context.proposedDate!)}.`,
        ...(context.proposalComment ? [`Motif indiqué : ${context.proposalComment}`] : []),
        "Recherchez un compromis avec la MDPH, puis arrêtez la date définitive dans Passerelles : elle engagera le service de l'État.",
      ],
    })),
    informerExtraction: mailAboutRequest(async (c, r) => ({
      template: "extraction",
      to: await coordinators(c.tx),
      subject: "Extraction réalisée",
      paragraphs: [
        `Le service de l'État a réalisé l'extraction de la ${describe(r.summary)} le ${dayLabel(ctx(c).extractedOn!)}. L'expédition suivra.`,
      ],
    })),
    informerExpedition: mailAboutRequest(async (c, r) => {
      const { shipment } = ctx(c);
      return {
        template: "expedition",
        to: await mdphOf(c.tx, r),
        cc: await coordinators(c.tx),
        subject: "Fichiers de reprise expédiés",
        paragraphs: [
          `Les fichiers chiffrés de votre ${describe(r.summary)} ont été expédiés le ${dayLabel(shipment!.date)} sur ${shipment!.medium}, par lettre recommandée avec accusé de réception n° ${shipment!.reference}, à l'attention exclusive du directeur de la MDPH.`,
          r.application === "OPALES"
            ? "Le mot de passe de déchiffrement vous est envoyé séparément par la CNSA, par lettre recommandée. Il ne transite jamais par courriel."
            : "Les informations de déchiffrement vous sont communiquées personnellement par la CNSA.",
          "Dès réception, enregistrez la date de réception dans Passerelles : le délai de 15 jours ouvrés pour vérifier et valider les fichiers part de cette date.",
        ],
      };
    }),
    informerMotDePasse: mailAboutRequest(async (c, r) => {
      const { passwordLetter } = ctx(c);
      return {
        template: "mot-de-passe",
        to: await directorsOf(c.tx, r.organisationId),
        subject: "Envoi du mot de passe de déchiffrement",
        paragraphs: [
          `La CNSA vous a adressé le ${dayLabel(passwordLetter!.date)} le mot de passe de déchiffrement des fichiers OPALES par lettre recommandée avec accusé de réception n° ${passwordLetter!.reference}.`,
          "Pour votre sécurité, ce mot de passe n'est jamais communiqué par courriel ni conservé dans Passerelles.",
        ],
      };
    }),
    async planifierValidation(c) {
      const r = await load(c.tx, c.workflowId);
      const context = ctx(c);
      const deadline = context.validationDeadline!;
      const { validationWorkingDaysBefore } = await readSetting(reminderSetting);
      const base = { workflowId: c.workflowId, receivedOn: context.receivedOn };
      for (const days of validationWorkingDaysBefore) {
        const day = addWorkingDays(deadline, -days, { departement: context.departement });
        await scheduleOn(
          c.tx,
          REPRISE_JOBS.validationReminder,
          day,
          `${REPRISE_JOBS.validationReminder}:${c.workflowId}:${context.receivedOn}:${days}`,
          base,
        );
      }
      // The window closes at the end of its last working day: tacit acceptance at midnight.
      await scheduleOn(
        c.tx,
        REPRISE_JOBS.validationDeadline,
        addCalendarDays(deadline, 1),
        `${REPRISE_JOBS.validationDeadline}:${c.workflowId}:${context.receivedOn}`,
        base,
        "00:00",
      );
      if (!r.signature.consultationToolDeliveredOn) {
        await sendRequestMail(c, r, {
          template: "outil-en-retard",
          to: await coordinators(c.tx),
          subject: "Outil de consultation non livré",
          paragraphs: [
            `La ${r.summary.organisationName} a reçu ses fichiers ${r.application} le ${dayLabel(context.receivedOn!)} sans avoir reçu l'outil de consultation de la CNSA, qui devait lui être livré au plus tard à cette date. Livrez-le et enregistrez la livraison.`,
          ],
        });
      }
    },
    informerReception: mailAboutRequest(async (c, r, context) => ({
      template: "reception",
      to: await mdphOf(c.tx, r),
      cc: await coordinatorsAndService(c.tx, r),
      subject: "Réception des fichiers enregistrée",
      paragraphs: [
        `La MDPH a reçu les fichiers de la ${describe(r.summary)} le ${dayLabel(context.receivedOn!)}.`,
        context.validationDeadline! < parisDate(c.now)
          ? `Le délai de 15 jours ouvrés pour les récupérer et en valider le contenu technique s'est terminé le ${dayLabel(context.validationDeadline!)} : faute de réclamation dans ce délai, les fichiers sont réputés conformes et acceptés tacitement dès maintenant.`
          : `Elle dispose de 15 jours ouvrés, jusqu'au ${dayLabel(context.validationDeadline!)} inclus, pour les récupérer et en valider le contenu technique. Sans réclamation dans ce délai, les fichiers seront réputés conformes et acceptés.`,
        `Le service de l'État peut couper l'accès à l'application ${r.application} à partir du ${dayLabel(context.accessCutFrom!)} ; la MDPH ne saisit plus d'informations dans l'application.`,
      ],
    })),
    informerAcceptation: mailAboutRequest(async (c, r, context) => {
      const how =
        context.acceptance === "tacite"
          ? "tacitement, faute de réclamation dans le délai de 15 jours ouvrés,"
          : "expressément par la MDPH";
      return {
        template: "acceptation",
        to: await mdphOf(c.tx, r),
        cc: await coordinatorsAndService(c.tx, r),
        subject: context.acceptance === "tacite" ? "Fichiers acceptés tacitement" : "Fichiers validés",
        paragraphs: [
          `Les fichiers de la ${describe(r.summary)} ont été acceptés ${how} le ${dayLabel(context.acceptedOn!)}.`,
          `Le support sur l'application ${r.application} prend fin à cette date ; la conformité porte sur les seuls aspects techniques de l'extraction.`,
        ],
      };
    }),
    informerNonConformite: mailAboutRequest(async (c, r, context) => {
      const last = context.nonConformities.at(-1)!;
      return {
        template: "non-conformite",
        to: [...(await serviceRecipients(c.tx, r.application, r.centre)), ...(await coordinators(c.tx))],
        cc: await mdphOf(c.tx, r),
        subject: "Non-conformité technique : extraction à rejouer",
        paragraphs: [
          `La MDPH signale une non-conformité technique des fichiers de la ${describe(r.summary)} :`,
          last.text,
          "L'extraction est rejouée dans son ensemble : la demande revient dans la prochaine liste mensuelle de la CNSA.",
        ],
      };
    }),
    async annulerEcheances(c) {
      await cancelPendingJobs(c.tx, c.workflowId, [REPRISE_JOBS.validationReminder, REPRISE_JOBS.validationDeadline]);
    },
    informerAnnulation: mailAboutRequest(async (c, r, context) => ({
      template: "annulation",
      to: [...(await coordinators(c.tx)), ...(await directorsOf(c.tx, r.organisationId))],
      cc: context.campaignMonth ? await serviceRecipients(c.tx, r.application, r.centre) : [],
      subject: "Demande de reprise annulée",
      paragraphs: [
        `La ${describe(r.summary)} est annulée.`,
        `Motif : ${context.cancellation?.reason ?? "non précisé"}`,
      ],
    })),
  },
});

export const REPRISE_WORKFLOW = "reprise";
