/**
 * The life of one reprise request (ITAC or OPALES data for one MDPH), after the circulaire
 * SGMAS/DGESCO/CNSA n° 2008-298 (shared/sources/001). Pure: no I/O, no timers. Time comes in
 * the `now` (ISO instant) that the engine adds to every event; dates are Paris calendar days.
 *
 *  demandee ──ENVOYER──▶ transmise ──CONFIRMER_DATE──────────────▶ datee ──EXTRAIRE──▶ extraite
 *     ▲                     │  ▲ └─PROPOSER_DATE─▶ contreProposition ─FIXER_DATE─▶ datee │
 *     │                     │  └──ENVOYER (reportée le mois suivant)                    EXPEDIER
 *     │                     └─ANNULER─▶ annulee                                          ▼
 *     └──SIGNALER_NON_CONFORMITE (rejeu)── enValidation ◀──RECEPTIONNER── expediee
 *                                            ├─VALIDER────────────▶ acceptee (explicite)
 *                                            └─ECHEANCE_VALIDATION─▶ acceptee (tacite)
 */
import { assign, setup } from "xstate";
import { machineLabels } from "./labels";
// Pure helpers (Paris calendar, French date words): no I/O, allowed by eslint.config.js.
import { formatDate } from "../app/utils/format";
import { addCalendarDays, parisDate, parisInstant, type IsoDate } from "../app/utils/working-days";
import { hasProblems, type FieldProblems, type StateCheck } from "./checks";

export const REPRISE_MACHINE_VERSION = 1;

export type Application = "ITAC" | "OPALES";

/**
 * Working days the MDPH has to retrieve and validate the files (annexes techniques). The server
 * counts them (validationDeadlineFor, app/modules/reprise/rules.server.ts: the holiday calendar
 * stays out of the machine, which pages import for its labels) and sends the last day in
 * RECEPTIONNER.
 */
export const VALIDATION_WORKING_DAYS = 15;
/** The State may cut access to the application from the third week after reception. */
export const ACCESS_CUT_AFTER_DAYS = 14;

export type RepriseInput = { application: Application; desiredDate: IsoDate; departement: string };

export type RepriseContext = RepriseInput & {
  /** Month (YYYY-MM) of the last dispatch that included the request. */
  campaignMonth: string | null;
  /** How many monthly lists included it: more than one means carried over. */
  dispatchCount: number;
  /** Day by which the State service answers for the current dispatch. */
  answerDeadline: IsoDate | null;
  proposedDate: IsoDate | null;
  proposalComment: string | null;
  /** The date that binds the State service. */
  finalDate: IsoDate | null;
  extractedOn: IsoDate | null;
  shipment: { medium: string; date: IsoDate; reference: string } | null;
  /** OPALES: the registered letter carrying the decryption password (never the password). */
  passwordLetter: { date: IsoDate; reference: string } | null;
  receivedOn: IsoDate | null;
  /** Last working day of the validation window. */
  validationDeadline: IsoDate | null;
  accessCutFrom: IsoDate | null;
  acceptance: "explicite" | "tacite" | null;
  acceptedOn: IsoDate | null;
  nonConformities: { on: IsoDate; text: string }[];
  cancellation: { on: IsoDate; reason: string } | null;
};

type Timed = { now: string };
export type RepriseEvent =
  | ({ type: "ENVOYER"; campaignMonth: string; answerDeadline: IsoDate } & Timed)
  | ({ type: "CONFIRMER_DATE" } & Timed)
  | ({ type: "PROPOSER_DATE"; date: IsoDate; comment?: string } & Timed)
  | ({ type: "FIXER_DATE"; date: IsoDate } & Timed)
  | ({ type: "EXTRAIRE"; date: IsoDate } & Timed)
  | ({ type: "EXPEDIER"; medium: string; date: IsoDate; reference: string } & Timed)
  | ({ type: "ENVOYER_MOT_DE_PASSE"; date: IsoDate; reference: string } & Timed)
  | ({ type: "RECEPTIONNER"; date: IsoDate; validationDeadline: IsoDate } & Timed)
  | ({ type: "VALIDER" } & Timed)
  | ({ type: "SIGNALER_NON_CONFORMITE"; text: string } & Timed)
  | ({ type: "ECHEANCE_VALIDATION" } & Timed)
  | ({ type: "ANNULER"; reason: string } & Timed);

const today = (event: Timed) => parisDate(new Date(event.now));

/** Medium of the shipment, per application (annexes techniques ITAC and OPALES). */
export const SHIPMENT_MEDIA: Record<Application, string[]> = { ITAC: ["CD-ROM", "DVD"], OPALES: ["Clé USB"] };

const dayWords = (date: IsoDate) => formatDate(parisInstant(date, "12:00"));
const VALIDATION_OVER =
  "Le délai de validation est écoulé : sans réclamation, les fichiers sont réputés conformes et acceptés.";

/**
 * The preconditions of the guarded transitions, with the French reason a page shows when one
 * refuses; the machine's guards and the engine's available events both read them.
 */
export const REPRISE_CHECKS = {
  /** A dated request whose binding date passed without an extraction was not served. */
  missedFinalDate: (c, now) => (c.finalDate !== null && c.finalDate < parisDate(new Date(now)) ? null : false),
  /** The desired date can only be confirmed while it is still ahead. */
  desiredDateAhead: (c, now) =>
    c.desiredDate >= parisDate(new Date(now))
      ? null
      : `La date souhaitée (${dayWords(c.desiredDate)}) est passée : elle ne peut plus être confirmée, proposez une autre date.`,
  /** Nothing to check before the form: what is typed is checked by repriseFieldProblems. */
  typedFieldsValid: () => null,
  /** Only OPALES files are encrypted with a password, sent once by registered letter. */
  letterExpected: (c) => (c.application === "OPALES" && c.passwordLetter === null ? null : false),
  windowOpen: (c, now) =>
    c.validationDeadline === null ? false : parisDate(new Date(now)) <= c.validationDeadline ? null : VALIDATION_OVER,
  windowClosed: (c, now) =>
    c.validationDeadline !== null && parisDate(new Date(now)) > c.validationDeadline ? null : false,
} satisfies Record<string, StateCheck<RepriseContext>>;

/** What the person typed that the guards refuse, worded per field so they know what to fix. */
export function repriseFieldProblems(
  context: RepriseContext,
  event: { type: string } & Record<string, unknown>,
  today: IsoDate,
): FieldProblems {
  const problems: FieldProblems = {};
  const date = typeof event.date === "string" ? event.date : null;
  const future = (what: string) => `La date ${what} ne peut pas être dans le futur.`;
  const dated = () => {
    if (!date) problems.date = "Saisissez une date valide.";
    return date !== null;
  };
  switch (event.type) {
    case "PROPOSER_DATE":
    case "FIXER_DATE":
      if (dated() && date! < today) problems.date = "La date de mise à disposition ne peut pas être dans le passé.";
      break;
    case "EXTRAIRE":
      if (dated() && date! > today) problems.date = future("d'extraction");
      break;
    case "EXPEDIER":
      if (!SHIPMENT_MEDIA[context.application].includes(String(event.medium)))
        problems.medium = `Choisissez le support d'expédition : ${SHIPMENT_MEDIA[context.application].join(" ou ")}.`;
      if (!dated()) break;
      if (date! > today) problems.date = future("d'expédition");
      else if (context.extractedOn && date! < context.extractedOn)
        problems.date = `La date d'expédition ne peut pas précéder l'extraction (${dayWords(context.extractedOn)}).`;
      break;
    case "ENVOYER_MOT_DE_PASSE":
      if (dated() && date! > today) problems.date = future("d'envoi");
      break;
    case "RECEPTIONNER":
      if (!dated()) break;
      if (date! > today) problems.date = future("de réception");
      else if (!context.shipment) problems.date = "Aucune expédition n'est enregistrée pour cette demande.";
      else if (date! < context.shipment.date)
        problems.date = `La date de réception ne peut pas précéder l'expédition (${dayWords(context.shipment.date)}).`;
      break;
  }
  return problems;
}

/** The guard: the record's precondition holds and what was typed is acceptable. */
function passes(check: keyof typeof REPRISE_CHECKS, context: RepriseContext, event: RepriseEvent) {
  return (
    REPRISE_CHECKS[check](context, event.now) === null &&
    !hasProblems(repriseFieldProblems(context, event, today(event)))
  );
}

/**
 * The planning, extraction and shipment facts, as a new request has them and as a technical
 * non-conformity sets them back (the password letter already sent stays: it is not replayed).
 */
const PLANNING_NOT_STARTED = {
  answerDeadline: null,
  proposedDate: null,
  proposalComment: null,
  finalDate: null,
  extractedOn: null,
  shipment: null,
  receivedOn: null,
  validationDeadline: null,
  accessCutFrom: null,
} as const satisfies Partial<RepriseContext>;

/** OPALES's password letter may go at any point from the date being set until the files are accepted. */
const SEND_PASSWORD_LETTER = { guard: "letterExpected", actions: ["recordLetter", "informerMotDePasse"] } as const;

export const repriseMachine = setup({
  types: {
    context: {} as RepriseContext,
    input: {} as RepriseInput,
    events: {} as RepriseEvent,
  },
  guards: {
    missedFinalDate: ({ context, event }) => passes("missedFinalDate", context, event),
    desiredDateAhead: ({ context, event }) => passes("desiredDateAhead", context, event),
    typedFieldsValid: ({ context, event }) => passes("typedFieldsValid", context, event),
    letterExpected: ({ context, event }) => passes("letterExpected", context, event),
    windowOpen: ({ context, event }) => passes("windowOpen", context, event),
    windowClosed: ({ context, event }) => passes("windowClosed", context, event),
  },
  actions: {
    // Effects, implemented by the server (mails, jobs); the machine only names them.
    informerTransmission: () => {},
    planifierReponse: () => {},
    informerDateRetenue: () => {},
    informerContreProposition: () => {},
    informerExtraction: () => {},
    informerExpedition: () => {},
    informerMotDePasse: () => {},
    planifierValidation: () => {},
    informerReception: () => {},
    informerAcceptation: () => {},
    informerNonConformite: () => {},
    annulerEcheances: () => {},
    informerAnnulation: () => {},
    // Context updates.
    dispatch: assign(({ context, event }) => {
      if (event.type !== "ENVOYER") return {};
      return {
        campaignMonth: event.campaignMonth,
        answerDeadline: event.answerDeadline,
        dispatchCount: context.dispatchCount + 1,
        proposedDate: null,
        proposalComment: null,
      };
    }),
    propose: assign(({ event }) =>
      event.type === "PROPOSER_DATE"
        ? { proposedDate: event.date, proposalComment: event.comment?.trim() || null }
        : {},
    ),
    fix: assign(({ event }) => (event.type === "FIXER_DATE" ? { finalDate: event.date } : {})),
    ship: assign(({ event }) =>
      event.type === "EXPEDIER"
        ? { shipment: { medium: event.medium, date: event.date, reference: event.reference } }
        : {},
    ),
    recordLetter: assign(({ event }) =>
      event.type === "ENVOYER_MOT_DE_PASSE" ? { passwordLetter: { date: event.date, reference: event.reference } } : {},
    ),
    receive: assign(({ event }) =>
      event.type === "RECEPTIONNER"
        ? {
            receivedOn: event.date,
            validationDeadline: event.validationDeadline,
            accessCutFrom: addCalendarDays(event.date, ACCESS_CUT_AFTER_DAYS),
          }
        : {},
    ),
    // A technical non-conformity replays the whole extraction: back to planning.
    replay: assign(({ context, event }) =>
      event.type === "SIGNALER_NON_CONFORMITE"
        ? {
            nonConformities: [...context.nonConformities, { on: today(event), text: event.text }],
            ...PLANNING_NOT_STARTED,
          }
        : {},
    ),
    cancel: assign(({ event }) =>
      event.type === "ANNULER" ? { cancellation: { on: today(event), reason: event.reason } } : {},
    ),
  },
}).createMachine({
  id: "reprise",
  initial: "demandee",
  context: ({ input }) => ({
    ...input,
    campaignMonth: null,
    dispatchCount: 0,
    ...PLANNING_NOT_STARTED,
    passwordLetter: null,
    acceptance: null,
    acceptedOn: null,
    nonConformities: [],
    cancellation: null,
  }),
  states: {
    demandee: {
      tags: ["ouverte", "aInscrire", "sansDate"],
      on: {
        ENVOYER: { target: "transmise", actions: ["dispatch", "informerTransmission", "planifierReponse"] },
        ANNULER: { target: "annulee", actions: ["cancel", "informerAnnulation"] },
      },
    },
    transmise: {
      tags: ["ouverte", "aInscrire", "sansDate", "attenteEtat"],
      on: {
        ENVOYER: { target: "transmise", reenter: true, actions: ["dispatch", "planifierReponse"] },
        CONFIRMER_DATE: {
          guard: "desiredDateAhead",
          target: "datee",
          actions: [assign({ finalDate: ({ context }) => context.desiredDate }), "informerDateRetenue"],
        },
        PROPOSER_DATE: {
          guard: "typedFieldsValid",
          target: "contreProposition",
          actions: ["propose", "informerContreProposition"],
        },
        FIXER_DATE: { guard: "typedFieldsValid", target: "datee", actions: ["fix", "informerDateRetenue"] },
        ANNULER: { target: "annulee", actions: ["cancel", "informerAnnulation"] },
      },
    },
    contreProposition: {
      tags: ["ouverte", "aInscrire", "sansDate"],
      on: {
        ENVOYER: { target: "transmise", actions: ["dispatch", "planifierReponse"] },
        FIXER_DATE: { guard: "typedFieldsValid", target: "datee", actions: ["fix", "informerDateRetenue"] },
        ANNULER: { target: "annulee", actions: ["cancel", "informerAnnulation"] },
      },
    },
    datee: {
      tags: ["ouverte", "aInscrire"],
      on: {
        ENVOYER: {
          guard: "missedFinalDate",
          target: "transmise",
          actions: [assign({ finalDate: null }), "dispatch", "planifierReponse"],
        },
        EXTRAIRE: {
          guard: "typedFieldsValid",
          target: "extraite",
          actions: [assign({ extractedOn: ({ event }) => event.date }), "informerExtraction"],
        },
        ENVOYER_MOT_DE_PASSE: SEND_PASSWORD_LETTER,
      },
    },
    extraite: {
      tags: ["ouverte"],
      on: {
        EXPEDIER: { guard: "typedFieldsValid", target: "expediee", actions: ["ship", "informerExpedition"] },
        ENVOYER_MOT_DE_PASSE: SEND_PASSWORD_LETTER,
      },
    },
    expediee: {
      tags: ["ouverte"],
      on: {
        RECEPTIONNER: {
          guard: "typedFieldsValid",
          target: "enValidation",
          actions: ["receive", "planifierValidation", "informerReception"],
        },
        ENVOYER_MOT_DE_PASSE: SEND_PASSWORD_LETTER,
      },
    },
    enValidation: {
      tags: ["ouverte", "attenteValidation"],
      on: {
        VALIDER: {
          guard: "windowOpen",
          target: "acceptee",
          actions: [
            assign({ acceptance: "explicite", acceptedOn: ({ event }) => today(event) }),
            "annulerEcheances",
            "informerAcceptation",
          ],
        },
        SIGNALER_NON_CONFORMITE: {
          guard: "windowOpen",
          target: "demandee",
          actions: ["replay", "annulerEcheances", "informerNonConformite"],
        },
        ECHEANCE_VALIDATION: {
          guard: "windowClosed",
          target: "acceptee",
          actions: [assign({ acceptance: "tacite", acceptedOn: ({ event }) => today(event) }), "informerAcceptation"],
        },
        ENVOYER_MOT_DE_PASSE: SEND_PASSWORD_LETTER,
      },
    },
    acceptee: { type: "final" },
    annulee: { type: "final" },
  },
});

export const REPRISE_LABELS = machineLabels(repriseMachine, {
  states: {
    demandee: "Demandée, en attente d'envoi",
    transmise: "Transmise au service de l'État",
    contreProposition: "Autre date proposée par l'État",
    datee: "Date de mise à disposition arrêtée",
    extraite: "Extraction réalisée",
    expediee: "Expédiée",
    enValidation: "Reçue, en validation",
    acceptee: "Acceptée",
    annulee: "Annulée",
  },
  events: {
    ENVOYER: "Envoi dans la liste mensuelle",
    CONFIRMER_DATE: "Confirmer la date souhaitée",
    PROPOSER_DATE: "Proposer une autre date",
    FIXER_DATE: "Arrêter la date définitive",
    EXTRAIRE: "Enregistrer l'extraction",
    EXPEDIER: "Enregistrer l'expédition",
    ENVOYER_MOT_DE_PASSE: "Enregistrer l'envoi du mot de passe",
    RECEPTIONNER: "Enregistrer la réception",
    VALIDER: "Valider les fichiers",
    SIGNALER_NON_CONFORMITE: "Signaler une non-conformité technique",
    ECHEANCE_VALIDATION: "Fin du délai de validation",
    ANNULER: "Annuler la demande",
  },
});
export const { stateLabels: REPRISE_STATE_LABELS, eventLabels: REPRISE_EVENT_LABELS } = REPRISE_LABELS;
