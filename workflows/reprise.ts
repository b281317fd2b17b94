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
import { addCalendarDays, addWorkingDays, parisDate, type IsoDate } from "../app/utils/working-days";

export const REPRISE_MACHINE_VERSION = 1;

export type Application = "ITAC" | "OPALES";

/** Working days the MDPH has to retrieve and validate the files (annexes techniques). */
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
  | ({ type: "RECEPTIONNER"; date: IsoDate } & Timed)
  | ({ type: "VALIDER" } & Timed)
  | ({ type: "SIGNALER_NON_CONFORMITE"; text: string } & Timed)
  | ({ type: "ECHEANCE_VALIDATION" } & Timed)
  | ({ type: "ANNULER"; reason: string } & Timed);

const today = (event: Timed) => parisDate(new Date(event.now));

/** Last working day of the validation window that a reception on `receivedOn` opens. */
export function validationDeadlineFor(receivedOn: IsoDate, departement: string): IsoDate {
  return addWorkingDays(receivedOn, VALIDATION_WORKING_DAYS, { departement });
}

/**
 * A reception recorded so late that its window is already over on `today`: the request
 * leaves enValidation at once by tacit acceptance (ECHEANCE_VALIDATION), as the circulaire
 * deems the files accepted. The form asks the director to confirm such a date.
 */
export function receptionClosesWindow(receivedOn: IsoDate, departement: string, today: IsoDate): boolean {
  return validationDeadlineFor(receivedOn, departement) < today;
}

/** Medium of the shipment, per application (annexes techniques ITAC and OPALES). */
export const SHIPMENT_MEDIA: Record<Application, string[]> = { ITAC: ["CD-ROM", "DVD"], OPALES: ["Clé USB"] };

export const repriseMachine = setup({
  types: {
    context: {} as RepriseContext,
    input: {} as RepriseInput,
    events: {} as RepriseEvent,
  },
  guards: {
    /** A dated request whose binding date passed without an extraction was not served. */
    missedFinalDate: ({ context, event }) => context.finalDate !== null && context.finalDate < today(event),
    notInThePast: ({ event }) => "date" in event && event.date >= today(event),
    /** The desired date can only be confirmed while it is still ahead. */
    desiredDateAhead: ({ context, event }) => context.desiredDate >= today(event),
    notInTheFuture: ({ event }) => "date" in event && event.date <= today(event),
    shipmentAllowed: ({ context, event }) =>
      event.type === "EXPEDIER" &&
      SHIPMENT_MEDIA[context.application].includes(event.medium) &&
      event.date <= today(event) &&
      (context.extractedOn === null || event.date >= context.extractedOn),
    receptionAllowed: ({ context, event }) =>
      event.type === "RECEPTIONNER" &&
      event.date <= today(event) &&
      context.shipment !== null &&
      event.date >= context.shipment.date,
    opalesWithoutLetter: ({ context, event }) =>
      context.application === "OPALES" &&
      context.passwordLetter === null &&
      "date" in event &&
      event.date <= today(event),
    windowOpen: ({ context, event }) =>
      context.validationDeadline !== null && today(event) <= context.validationDeadline,
    windowClosed: ({ context, event }) =>
      context.validationDeadline !== null && today(event) > context.validationDeadline,
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
    receive: assign(({ context, event }) =>
      event.type === "RECEPTIONNER"
        ? {
            receivedOn: event.date,
            validationDeadline: validationDeadlineFor(event.date, context.departement),
            accessCutFrom: addCalendarDays(event.date, ACCESS_CUT_AFTER_DAYS),
          }
        : {},
    ),
    // A technical non-conformity replays the whole extraction: back to planning.
    replay: assign(({ context, event }) =>
      event.type === "SIGNALER_NON_CONFORMITE"
        ? {
            nonConformities: [...context.nonConformities, { on: today(event), text: event.text }],
            answerDeadline: null,
            proposedDate: null,
            proposalComment: null,
            finalDate: null,
            extractedOn: null,
            shipment: null,
            receivedOn: null,
            validationDeadline: null,
            accessCutFrom: null,
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
    answerDeadline: null,
    proposedDate: null,
    proposalComment: null,
    finalDate: null,
    extractedOn: null,
    shipment: null,
    passwordLetter: null,
    receivedOn: null,
    validationDeadline: null,
    accessCutFrom: null,
    acceptance: null,
    acceptedOn: null,
    nonConformities: [],
    cancellation: null,
  }),
  states: {
    demandee: {
      on: {
        ENVOYER: { target: "transmise", actions: ["dispatch", "informerTransmission", "planifierReponse"] },
        ANNULER: { target: "annulee", actions: ["cancel", "informerAnnulation"] },
      },
    },
    transmise: {
      on: {
        ENVOYER: { target: "transmise", reenter: true, actions: ["dispatch", "planifierReponse"] },
        CONFIRMER_DATE: {
          guard: "desiredDateAhead",
          target: "datee",
          actions: [assign({ finalDate: ({ context }) => context.desiredDate }), "informerDateRetenue"],
        },
        PROPOSER_DATE: {
          guard: "notInThePast",
          target: "contreProposition",
          actions: ["propose", "informerContreProposition"],
        },
        FIXER_DATE: { guard: "notInThePast", target: "datee", actions: ["fix", "informerDateRetenue"] },
        ANNULER: { target: "annulee", actions: ["cancel", "informerAnnulation"] },
      },
    },
    contreProposition: {
      on: {
        ENVOYER: { target: "transmise", actions: ["dispatch", "planifierReponse"] },
        FIXER_DATE: { guard: "notInThePast", target: "datee", actions: ["fix", "informerDateRetenue"] },
        ANNULER: { target: "annulee", actions: ["cancel", "informerAnnulation"] },
      },
    },
    datee: {
      on: {
        ENVOYER: {
          guard: "missedFinalDate",
          target: "transmise",
          actions: [assign({ finalDate: null }), "dispatch", "planifierReponse"],
        },
        EXTRAIRE: {
          guard: "notInTheFuture",
          target: "extraite",
          actions: [assign({ extractedOn: ({ event }) => event.date }), "informerExtraction"],
        },
        ENVOYER_MOT_DE_PASSE: { guard: "opalesWithoutLetter", actions: ["recordLetter", "informerMotDePasse"] },
      },
    },
    extraite: {
      on: {
        EXPEDIER: { guard: "shipmentAllowed", target: "expediee", actions: ["ship", "informerExpedition"] },
        ENVOYER_MOT_DE_PASSE: { guard: "opalesWithoutLetter", actions: ["recordLetter", "informerMotDePasse"] },
      },
    },
    expediee: {
      on: {
        RECEPTIONNER: {
          guard: "receptionAllowed",
          target: "enValidation",
          actions: ["receive", "planifierValidation", "informerReception"],
        },
        ENVOYER_MOT_DE_PASSE: { guard: "opalesWithoutLetter", actions: ["recordLetter", "informerMotDePasse"] },
      },
    },
    enValidation: {
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
        ENVOYER_MOT_DE_PASSE: { guard: "opalesWithoutLetter", actions: ["recordLetter", "informerMotDePasse"] },
      },
    },
    acceptee: { type: "final" },
    annulee: { type: "final" },
  },
});

export const REPRISE_STATE_LABELS: Record<string, string> = {
  demandee: "Demandée, en attente d'envoi",
  transmise: "Transmise au service de l'État",
  contreProposition: "Autre date proposée par l'État",
  datee: "Date de mise à disposition arrêtée",
  extraite: "Extraction réalisée",
  expediee: "Expédiée",
  enValidation: "Reçue, en validation",
  acceptee: "Acceptée",
  annulee: "Annulée",
};

export const REPRISE_EVENT_LABELS: Record<string, string> = {
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
};
