/**
 * One Ségur prerequisite step for one subject (a legal entity, a site or a designated person):
 * asked through a channel, then obtained with its evidence; blocked on the way, with why and a
 * blocker type, then unblocked. Pure: no I/O, no timers; time comes in the `now` (ISO instant)
 * the engine adds to every event, dates are Paris calendar days.
 *
 *  aFaire ─DEMANDER (predecessors obtained)─▶ demande ─OBTENIR─▶ obtenu
 *    │  ▲                                      │   ▲
 *    │  REPRENDRE                         BLOQUER  DEBLOQUER
 *    ▼  │                                      ▼   │
 *  sansObjet (a step nothing needs)            bloque ─OBTENIR─▶ obtenu
 *
 * The hard-dependency gate reads the graph's verdict that the service computes from the
 * database and sends in DEMANDER (`missingPredecessors`, from `obtainedFor` and
 * `missingPredecessors` of workflows/segur-prerequisites.ts): the machine never reads the
 * database. A step already acquired before the pilot (a FINESS in the national file, a contract
 * signed years ago) is asked and obtained on the same day: its lead time is zero days.
 *
 * "Sans objet" exists because some steps do not apply to every subject (a site whose
 * professionals all activate an e-CPS needs no CPx card; a structure that will not query INSi
 * with a certificate): without it such a step would stay "à faire" and drag the pilot's
 * progress for ever. Only a step no other step needs may be waived, so a waived step never
 * stands where the graph wants an obtained one.
 */
import { assign, setup } from "xstate";
import { formatDate } from "../app/utils/format";
import { isIsoDate, parisDate, parisInstant, type IsoDate } from "../app/utils/working-days";
import { hasProblems, type FieldCheck, type FieldProblems, type StateCheck } from "./checks";
import { machineLabels } from "./labels";
import { SEGUR_STEPS, predecessorRefusal, successorsOf, type StepChannel, type StepCode } from "./segur-prerequisites";

export const SEGUR_STEP_MACHINE_VERSION = 1;

/**
 * Why a step is blocked: the ANS's delays, the vendor, an external test platform down (002: the
 * CNDA's), or the structure itself. Labels: BLOCKER_VOCABULARY.
 */
export const BLOCKER_TYPES = ["DELAI_ANS", "EDITEUR", "PLATEFORME_TEST_INDISPONIBLE", "INTERNE"] as const;
export type BlockerType = (typeof BLOCKER_TYPES)[number];

export type SegurStepInput = { stepCode: StepCode };

export type Evidence = { note: string; reference: string };
/** A blockage, open (`until` null) while the step is blocked. */
export type Blockage = { since: IsoDate; until: IsoDate | null; reason: string; blocker: BlockerType };

export type SegurStepContext = SegurStepInput & {
  channel: StepChannel | null;
  askedOn: IsoDate | null;
  /** Who made the request: a designated person's name, or whoever acted for the structure. */
  actedBy: string | null;
  /** The designated person who acted, when they are in the legal entity's register. */
  actedByPersonId: string | null;
  obtainedOn: IsoDate | null;
  evidence: Evidence | null;
  /** Every blockage in order; the last one is open while the step is blocked. */
  blockages: Blockage[];
  waivedReason: string | null;
};

type Timed = { now: string };
export type SegurStepEvent =
  | ({
      type: "DEMANDER";
      channel: string;
      askedOn: IsoDate;
      actedBy: string;
      actedByPersonId: string | null;
      /** Computed by the service from the recorded steps, never typed: see the file's header. */
      missingPredecessors: StepCode[];
    } & Timed)
  | ({ type: "OBTENIR"; obtainedOn: IsoDate; note: string; reference: string } & Timed)
  | ({ type: "BLOQUER"; blockedOn: IsoDate; reason: string; blocker: string } & Timed)
  | ({ type: "DEBLOQUER"; unblockedOn: IsoDate } & Timed)
  | ({ type: "DECLARER_SANS_OBJET"; reason: string } & Timed)
  | ({ type: "REPRENDRE" } & Timed);

const dayWords = (date: IsoDate) => formatDate(parisInstant(date, "12:00"));
/** The blockage in progress, if any: for the guards, the pages and the projection. */
export function openBlockage(context: Pick<SegurStepContext, "blockages">): Blockage | null {
  const last = context.blockages[context.blockages.length - 1];
  return last && last.until === null ? last : null;
}

/** The preconditions of the guarded transitions that the record alone decides (see workflows/checks.ts). */
export const SEGUR_STEP_CHECKS = {
  /** Only a step no other step needs may be declared without object. */
  waivable: (c) => {
    const needing = successorsOf(c.stepCode).map((code) => `« ${SEGUR_STEPS[code].label} »`);
    return needing.length === 0
      ? null
      : `Cette étape conditionne ${needing.join(", ")} : elle ne peut pas être déclarée sans objet.`;
  },
} satisfies Record<string, StateCheck<SegurStepContext>>;

/**
 * What the event carries that the guards refuse, worded per field so the person knows what to
 * fix; `predecessors` holds the graph's refusal ("Étape impossible : le contrat ANS doit d'abord
 * être signé."). The service asks it before applying the event, to answer in French.
 */
export const segurStepFieldProblems: FieldCheck<SegurStepContext> = (context, event, today) => {
  const problems: FieldProblems = {};
  const text = (key: string) => (typeof event[key] === "string" ? (event[key] as string).trim() : "");
  /** A valid day, not after today and not before `floor`: the date's problem, if any, under `key`. */
  const day = (key: string, what: string, floor: { date: IsoDate | null; what: string } | null) => {
    const value = event[key];
    if (!isIsoDate(value)) problems[key] = "Saisissez une date valide.";
    else if (value > today) problems[key] = `La date ${what} ne peut pas être dans le futur.`;
    else if (floor?.date && value < floor.date)
      problems[key] = `La date ${what} ne peut pas précéder ${floor.what} (${dayWords(floor.date)}).`;
  };
  const asked = { date: context.askedOn, what: "la demande" };
  switch (event.type) {
    case "DEMANDER": {
      const channels = SEGUR_STEPS[context.stepCode].channels;
      if (!channels.includes(event.channel as StepChannel))
        problems.channel = "Choisissez l'un des canaux prévus pour cette étape.";
      day("askedOn", "de la demande", null);
      if (!text("actedBy")) problems.actedBy = "Indiquez qui a fait la démarche.";
      const missing = Array.isArray(event.missingPredecessors) ? (event.missingPredecessors as StepCode[]) : null;
      if (missing === null) problems.predecessors = "Les étapes préalables n'ont pas été vérifiées.";
      else if (missing.length > 0) problems.predecessors = predecessorRefusal(missing)!;
      break;
    }
    case "OBTENIR": {
      const blockage = openBlockage(context);
      day("obtainedOn", "d'obtention", blockage ? { date: blockage.since, what: "le blocage en cours" } : asked);
      if (!text("note") && !text("reference"))
        problems.note = "Indiquez la preuve de l'obtention : une note, une référence, ou les deux.";
      break;
    }
    case "BLOQUER":
      day("blockedOn", "du blocage", asked);
      if (!text("reason")) problems.reason = "Indiquez ce qui bloque l'étape.";
      if (!BLOCKER_TYPES.includes(event.blocker as BlockerType)) problems.blocker = "Choisissez le type de blocage.";
      break;
    case "DEBLOQUER":
      day("unblockedOn", "du déblocage", { date: openBlockage(context)?.since ?? null, what: "le blocage" });
      break;
    case "DECLARER_SANS_OBJET":
      if (!text("reason")) problems.reason = "Indiquez pourquoi l'étape est sans objet.";
      break;
  }
  return problems;
};

/** The guard: the record's precondition holds (when there is one) and what the event carries is acceptable. */
function passes(check: keyof typeof SEGUR_STEP_CHECKS | null, context: SegurStepContext, event: SegurStepEvent) {
  return (
    (check === null || SEGUR_STEP_CHECKS[check](context) === null) &&
    !hasProblems(segurStepFieldProblems(context, event, parisDate(new Date(event.now))))
  );
}

/** A new step's facts: nothing asked, obtained, blocked or waived yet. */
const NOTHING_RECORDED = {
  channel: null,
  askedOn: null,
  actedBy: null,
  actedByPersonId: null,
  obtainedOn: null,
  evidence: null,
  waivedReason: null,
} as const satisfies Partial<SegurStepContext>;

/** Obtained from a request in progress or blocked: the same checks, the same record. */
const OBTAIN = { guard: "typedFieldsValid", target: "obtenu", actions: "obtain" } as const;

export const segurStepMachine = setup({
  types: { context: {} as SegurStepContext, input: {} as SegurStepInput, events: {} as SegurStepEvent },
  guards: {
    // Named for the engine's availableEvents: no state check (the service's verdict comes with the event).
    predecessorsObtained: ({ context, event }) => passes(null, context, event),
    typedFieldsValid: ({ context, event }) => passes(null, context, event),
    waivable: ({ context, event }) => passes("waivable", context, event),
  },
  actions: {
    ask: assign(({ event }) =>
      event.type === "DEMANDER"
        ? {
            channel: event.channel as StepChannel,
            askedOn: event.askedOn,
            actedBy: event.actedBy.trim(),
            actedByPersonId: event.actedByPersonId,
          }
        : {},
    ),
    obtain: assign(({ context, event }) =>
      event.type === "OBTENIR"
        ? {
            obtainedOn: event.obtainedOn,
            evidence: { note: event.note.trim(), reference: event.reference.trim() },
            // Obtained while blocked: the result ends the blockage.
            blockages: context.blockages.map((b) => (b.until === null ? { ...b, until: event.obtainedOn } : b)),
          }
        : {},
    ),
    block: assign(({ context, event }) =>
      event.type === "BLOQUER"
        ? {
            blockages: [
              ...context.blockages,
              {
                since: event.blockedOn,
                until: null,
                reason: event.reason.trim(),
                blocker: event.blocker as BlockerType,
              },
            ],
          }
        : {},
    ),
    unblock: assign(({ context, event }) =>
      event.type === "DEBLOQUER"
        ? { blockages: context.blockages.map((b) => (b.until === null ? { ...b, until: event.unblockedOn } : b)) }
        : {},
    ),
    waive: assign(({ event }) => (event.type === "DECLARER_SANS_OBJET" ? { waivedReason: event.reason.trim() } : {})),
    resume: assign({ waivedReason: null }),
  },
}).createMachine({
  id: "segur-etape",
  initial: "aFaire",
  context: ({ input }) => ({ ...input, ...NOTHING_RECORDED, blockages: [] }),
  states: {
    aFaire: {
      tags: ["ouverte"],
      on: {
        DEMANDER: { guard: "predecessorsObtained", target: "demande", actions: "ask" },
        DECLARER_SANS_OBJET: { guard: "waivable", target: "sansObjet", actions: "waive" },
      },
    },
    demande: {
      tags: ["ouverte", "engagee"],
      on: {
        OBTENIR: OBTAIN,
        BLOQUER: { guard: "typedFieldsValid", target: "bloque", actions: "block" },
      },
    },
    bloque: {
      tags: ["ouverte", "engagee", "bloquee"],
      on: {
        DEBLOQUER: { guard: "typedFieldsValid", target: "demande", actions: "unblock" },
        OBTENIR: OBTAIN,
      },
    },
    obtenu: { type: "final", tags: ["obtenue", "reglee"] },
    sansObjet: {
      tags: ["reglee"],
      on: { REPRENDRE: { target: "aFaire", actions: "resume" } },
    },
  },
});

export const SEGUR_STEP_LABELS = machineLabels(segurStepMachine, {
  states: {
    aFaire: "À faire",
    demande: "Demandé",
    bloque: "Bloqué",
    obtenu: "Obtenu",
    sansObjet: "Sans objet",
  },
  events: {
    DEMANDER: "Enregistrer la demande",
    OBTENIR: "Enregistrer l'obtention",
    BLOQUER: "Signaler un blocage",
    DEBLOQUER: "Lever le blocage",
    DECLARER_SANS_OBJET: "Déclarer sans objet",
    REPRENDRE: "Remettre à faire",
  },
});
export const { stateLabels: SEGUR_STEP_STATE_LABELS, eventLabels: SEGUR_STEP_EVENT_LABELS } = SEGUR_STEP_LABELS;
