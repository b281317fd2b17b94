/**
 * A work group's life (compte rendu du 23/03/2007): proposed with a pilot "à valider", a
 * mission letter drafted (perimeter, role of each organisation, deliverables with delivery
 * dates and validation periods), validated by the steering body, active, then closed.
 *
 *  propose ─REDIGER_LETTRE─▶ lettreRedigee ─VALIDER (letter complete, pilot validated)─▶ valide ─ACTIVER─▶ actif ─CLORE─▶ clos
 *  (VALIDER_PILOTE is taken in propose and lettreRedigee; "travaux engagés" = actif)
 */
import { assign, setup } from "xstate";
import { machineLabels } from "./labels";
import type { StateCheck } from "./checks";

export const WORK_GROUP_MACHINE_VERSION = 1;

export type WorkGroupInput = {
  name: string;
  kind: "fonctionnel" | "technique" | "pilotage";
  letterDueOn: string | null;
};

/** What the mission letter must state; the server derives these flags from the document. */
export type LetterCompleteness = { perimeter: boolean; roles: boolean; deliverables: boolean };

export type WorkGroupContext = WorkGroupInput & {
  pilotValidated: boolean;
  letterDraftedAt: string | null;
  validatedAt: string | null;
  activatedAt: string | null;
  closedAt: string | null;
};

type Timed = { now: string };
export type WorkGroupEvent =
  | ({ type: "VALIDER_PILOTE" } & Timed)
  | ({ type: "REDIGER_LETTRE" } & Timed)
  | ({ type: "VALIDER"; letter: LetterCompleteness } & Timed)
  | ({ type: "ACTIVER" } & Timed)
  | ({ type: "CLORE" } & Timed);

/** Preconditions of the guarded transitions (see workflows/checks.ts). */
export const WORK_GROUP_CHECKS = {
  /** The pilot is validated once; then it cannot change. */
  pilotToValidate: (c) => (c.pilotValidated ? false : null),
} satisfies Record<string, StateCheck<WorkGroupContext>>;

export const workGroupMachine = setup({
  types: { context: {} as WorkGroupContext, input: {} as WorkGroupInput, events: {} as WorkGroupEvent },
  guards: {
    pilotToValidate: ({ context }) => WORK_GROUP_CHECKS.pilotToValidate(context) === null,
    validatable: ({ context, event }) =>
      event.type === "VALIDER" &&
      context.pilotValidated &&
      event.letter.perimeter &&
      event.letter.roles &&
      event.letter.deliverables,
  },
  actions: {
    informerValidation: () => {},
    informerActivation: () => {},
    informerCloture: () => {},
    validatePilot: assign({ pilotValidated: true }),
  },
}).createMachine({
  id: "groupe",
  initial: "propose",
  context: ({ input }) => ({
    ...input,
    pilotValidated: false,
    letterDraftedAt: null,
    validatedAt: null,
    activatedAt: null,
    closedAt: null,
  }),
  states: {
    propose: {
      tags: ["enConstitution"],
      on: {
        VALIDER_PILOTE: { guard: "pilotToValidate", actions: "validatePilot" },
        REDIGER_LETTRE: { target: "lettreRedigee", actions: assign({ letterDraftedAt: ({ event }) => event.now }) },
      },
    },
    lettreRedigee: {
      tags: ["enConstitution"],
      on: {
        VALIDER_PILOTE: { guard: "pilotToValidate", actions: "validatePilot" },
        VALIDER: {
          guard: "validatable",
          target: "valide",
          actions: [assign({ validatedAt: ({ event }) => event.now }), "informerValidation"],
        },
      },
    },
    valide: {
      on: {
        ACTIVER: {
          target: "actif",
          actions: [assign({ activatedAt: ({ event }) => event.now }), "informerActivation"],
        },
      },
    },
    actif: {
      on: { CLORE: { target: "clos", actions: [assign({ closedAt: ({ event }) => event.now }), "informerCloture"] } },
    },
    clos: { type: "final" },
  },
});

export const WORK_GROUP_LABELS = machineLabels(workGroupMachine, {
  states: {
    propose: "Proposé",
    lettreRedigee: "Lettre de mission rédigée",
    valide: "Validé",
    actif: "Travaux engagés",
    clos: "Clos",
  },
  events: {
    VALIDER_PILOTE: "Valider le pilote",
    REDIGER_LETTRE: "Rédiger la lettre de mission",
    VALIDER: "Valider le groupe",
    ACTIVER: "Engager les travaux",
    CLORE: "Clore le groupe",
  },
});
export const { stateLabels: WORK_GROUP_STATE_LABELS, eventLabels: WORK_GROUP_EVENT_LABELS } = WORK_GROUP_LABELS;

/** A mission letter is late when its due day passed before the group was validated. */
export function letterLate(context: Pick<WorkGroupContext, "letterDueOn" | "validatedAt">, today: string) {
  return context.letterDueOn !== null && context.validatedAt === null && today > context.letterDueOn;
}
