/**
 * The Ségur workflows as the engine runs them: the pure machines of workflows/segur-*.ts, the
 * shape of the events people send, and the context facts that queries need (projected into
 * WorkflowField, decision 017). No effects yet: the machines name none; reminders and mails come
 * with the services that need them.
 */
import { z } from "zod";
import { defineWorkflow, type ProjectedFields } from "~/modules/workflow/definition.server";
import { multiLineText, singleLineText } from "~/utils/forms";
import { isIsoDate } from "~/utils/working-days";
import {
  SEGUR_STEP_CHECKS,
  SEGUR_STEP_LABELS,
  SEGUR_STEP_MACHINE_VERSION,
  openBlockage,
  segurStepMachine,
  type SegurStepContext,
} from "../../../workflows/segur-step";
import {
  SEGUR_OBJECTIVE_LABELS,
  SEGUR_OBJECTIVE_MACHINE_VERSION,
  segurObjectiveMachine,
  type SegurObjectiveContext,
} from "../../../workflows/segur-objective";
import {
  SEGUR_PILOT_LABELS,
  SEGUR_PILOT_MACHINE_VERSION,
  segurPilotMachine,
  type SegurPilotContext,
} from "../../../workflows/segur-pilot";
import {
  BLOCKER_VOCABULARY,
  LESSON_KIND_VOCABULARY,
  LESSON_THEME_VOCABULARY,
  STEP_CHANNEL_VOCABULARY,
  STEP_VOCABULARY,
} from "./vocabulary";

export const SEGUR_STEP_WORKFLOW = "segur-etape";
export const SEGUR_OBJECTIVE_WORKFLOW = "segur-objectif";
export const SEGUR_PILOT_WORKFLOW = "segur-pilote";

const isoDate = z.string().refine(isIsoDate, "Saisissez une date valide.");
const reason = (message: string) => multiLineText(message).min(1, message).max(2000, "2 000 caractères au plus.");

// --- Prerequisite steps -----------------------------------------------------------------------

const asked = z.object({
  type: z.literal("DEMANDER"),
  channel: z.enum(STEP_CHANNEL_VOCABULARY.codes, { message: "Choisissez le canal de la démarche." }),
  askedOn: isoDate,
  actedBy: singleLineText("Indiquez qui a fait la démarche.")
    .min(1, "Indiquez qui a fait la démarche.")
    .max(200, "200 caractères au plus."),
  actedByPersonId: z.string().min(1).nullable(),
});
const otherStepEvents = [
  z.object({
    type: z.literal("OBTENIR"),
    obtainedOn: isoDate,
    note: multiLineText().max(2000, "2 000 caractères au plus."),
    reference: singleLineText().max(200, "200 caractères au plus."),
  }),
  z.object({
    type: z.literal("BLOQUER"),
    blockedOn: isoDate,
    reason: reason("Indiquez ce qui bloque l'étape."),
    blocker: z.enum(BLOCKER_VOCABULARY.codes, { message: "Choisissez le type de blocage." }),
  }),
  z.object({ type: z.literal("DEBLOQUER"), unblockedOn: isoDate }),
  z.object({ type: z.literal("DECLARER_SANS_OBJET"), reason: reason("Indiquez pourquoi l'étape est sans objet.") }),
  z.object({ type: z.literal("REPRENDRE") }),
] as const;

/** The step events as people send them: what a form parses. */
export const segurStepEventSchema = z.discriminatedUnion("type", [asked, ...otherStepEvents]);

/**
 * The step events as the machine takes them: a request also carries the graph's verdict, which
 * the service computes from the recorded steps (`obtainedFor` then `missingPredecessors`, in
 * workflows/segur-prerequisites.ts) inside the write transaction; nobody types it.
 */
const segurStepMachineEvents = z.discriminatedUnion("type", [
  asked.extend({ missingPredecessors: z.array(z.enum(STEP_VOCABULARY.codes)) }),
  ...otherStepEvents,
]);

/**
 * What the boards and the pilot's pages select and show steps by: code, channel, who asked and
 * when, when obtained, and the blockage in progress with its type and reason.
 */
function stepFacts({ stepCode, channel, askedOn, actedBy, obtainedOn, blockages }: SegurStepContext): ProjectedFields {
  const blockage = openBlockage({ blockages });
  return {
    stepCode,
    channel,
    askedOn,
    actedBy,
    obtainedOn,
    blockedOn: blockage?.since ?? null,
    blockerType: blockage?.blocker ?? null,
    blockReason: blockage?.reason ?? null,
  };
}

export const segurStepWorkflow = defineWorkflow({
  type: SEGUR_STEP_WORKFLOW,
  version: SEGUR_STEP_MACHINE_VERSION,
  machine: segurStepMachine,
  eventSchema: segurStepMachineEvents,
  ...SEGUR_STEP_LABELS,
  checks: SEGUR_STEP_CHECKS,
  project: (context) => stepFacts(context as unknown as SegurStepContext),
  effects: {},
});

// --- Objectives -------------------------------------------------------------------------------

const reached = (type: "ATTEINT_EN_REEL" | "ATTEINT_EN_TEST") =>
  z.object({
    type: z.literal(type),
    reachedOn: isoDate,
    note: multiLineText().max(2000, "2 000 caractères au plus."),
  });

export const segurObjectiveEventSchema = z.discriminatedUnion("type", [
  reached("ATTEINT_EN_REEL"),
  reached("ATTEINT_EN_TEST"),
  z.object({ type: z.literal("NON_ATTEINT"), reason: reason("Indiquez pourquoi l'objectif n'est pas atteint.") }),
  z.object({ type: z.literal("REPRENDRE") }),
]);

export const segurObjectiveWorkflow = defineWorkflow({
  type: SEGUR_OBJECTIVE_WORKFLOW,
  version: SEGUR_OBJECTIVE_MACHINE_VERSION,
  machine: segurObjectiveMachine,
  eventSchema: segurObjectiveEventSchema,
  ...SEGUR_OBJECTIVE_LABELS,
  // The board combines the outcomes per service (objectiveCell); its rows and columns come from SegurObjective.
  // The objectives page shows the note and, while not reached, the current reason (decision 017: from here, never the snapshot).
  project: (context) => {
    const { outcome, reachedInTestOn, reachedInRealOn, note, notReachedReasons } =
      context as unknown as SegurObjectiveContext;
    const notReachedReason = notReachedReasons.at(-1)?.reason ?? null;
    return { outcome, reachedInTestOn, reachedInRealOn, note: note || null, notReachedReason };
  },
  effects: {},
});

// --- Pilots -----------------------------------------------------------------------------------

const lessons = z
  .array(
    z.object({
      theme: z.enum(LESSON_THEME_VOCABULARY.codes, { message: "Choisissez le thème de l'enseignement." }),
      kind: z.enum(LESSON_KIND_VOCABULARY.codes, { message: "Choisissez la nature de l'enseignement." }),
      text: reason("Rédigez l'enseignement."),
    }),
  )
  .min(1, "Consignez au moins un enseignement.")
  .max(200, "200 enseignements au plus à la fois.");

const startPilot = z.object({ type: z.literal("DEMARRER"), startedOn: isoDate });
const abandonPilot = z.object({
  type: z.literal("ABANDONNER"),
  reason: reason("Indiquez pourquoi le pilote est abandonné."),
});

/** The pilot's life as the coordinator's record page moves it on (its end, with lessons, is the synthesis's). */
export const pilotLifeEventSchema = z.discriminatedUnion("type", [startPilot, abandonPilot]);

export const segurPilotEventSchema = z.discriminatedUnion("type", [
  startPilot,
  z.object({ type: z.literal("TERMINER"), endedOn: isoDate, lessons }),
  z.object({ type: z.literal("COMPLETER_ENSEIGNEMENTS"), lessons }),
  abandonPilot,
  z.object({ type: z.literal("REPLANIFIER"), plannedStartOn: isoDate, plannedEndOn: isoDate }),
]);

/** The coordinator's board orders pilots by period; the lessons stay in the context (`contextOf` for the synthesis). */
const periodOf = ({ plannedStartOn, plannedEndOn, startedOn, endedOn }: SegurPilotContext) =>
  ({ plannedStartOn, plannedEndOn, startedOn, endedOn }) satisfies ProjectedFields;

export const segurPilotWorkflow = defineWorkflow({
  type: SEGUR_PILOT_WORKFLOW,
  version: SEGUR_PILOT_MACHINE_VERSION,
  machine: segurPilotMachine,
  eventSchema: segurPilotEventSchema,
  ...SEGUR_PILOT_LABELS,
  project: (context) => periodOf(context as unknown as SegurPilotContext),
  // The record's copy of the planned period follows the machine (REPLANIFIER); no row yet at creation.
  copyToRecord: async (tx, workflowId, fields) => {
    await tx.segurPilot.updateMany({
      where: { workflowId },
      data: { startsOn: fields.plannedStartOn, endsOn: fields.plannedEndOn },
    });
  },
  effects: {},
});
