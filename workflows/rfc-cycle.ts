/**
 * One comment cycle of one RFC version (compte rendu du 23/03/2007, point 4: "appel à
 * commentaires avec délais de réponse"). Pure: the time comes in each event's `now`; facts the
 * machine cannot see (how many comments still lack a disposition) come in the event.
 *
 *  brouillon ─OUVRIR─▶ ouvert ─ECHEANCE (now ≥ deadline)─▶ clos ─CONCLURE (all disposed)─▶ conclu
 *      │                 │ └─PROLONGER (later deadline)                                 (nouvelle version | adoption | retrait)
 *      └─RETIRER─▶ conclu (retrait)   └─RETIRER─▶ conclu (retrait)
 */
import { assign, setup } from "xstate";
import { machineLabels } from "./labels";
import type { StateCheck } from "./checks";

export const RFC_CYCLE_MACHINE_VERSION = 1;

export type RfcOutcome = "nouvelle-version" | "adoption" | "retrait";

export type RfcCycleInput = { reference: string; version: number };

export type RfcCycleContext = RfcCycleInput & {
  openedAt: string | null;
  /** ISO instant after which nobody may comment. */
  deadline: string | null;
  invitedOrganisationIds: string[];
  closedAt: string | null;
  outcome: RfcOutcome | null;
  concludedAt: string | null;
  conclusion: string | null;
};

type Timed = { now: string };
export type RfcCycleEvent =
  | ({ type: "OUVRIR"; deadline: string; invitedOrganisationIds: string[]; minimumDays: number } & Timed)
  | ({ type: "PROLONGER"; deadline: string } & Timed)
  | ({ type: "ECHEANCE" } & Timed)
  | ({
      type: "CONCLURE";
      outcome: Exclude<RfcOutcome, "retrait">;
      undisposedComments: number;
      conclusion: string;
    } & Timed)
  | ({ type: "RETIRER"; conclusion: string } & Timed);

const DAY_MS = 86_400_000;

/**
 * The cycle's preconditions on the record as it stands, written once for the machine's guards
 * and for the engine's "which events may this person send now, and why not" (decision 017).
 * Opening, concluding and withdrawing have none known before the form: what is typed (the
 * deadline, the invitees) and what the database counts (comments without a disposition) are
 * checked on submit.
 */
export const RFC_CYCLE_CHECKS = {
  /** A cycle is extended while its deadline is ahead: once passed, the cycle closes by itself. */
  deadlineAhead: (c, now) =>
    c.deadline !== null && now < c.deadline
      ? null
      : "L'échéance est passée : le cycle est clos, il ne peut plus être prolongé.",
  /** The cycle closes at its deadline, not before. */
  deadlinePassed: (c, now) => (c.deadline !== null && now >= c.deadline ? null : false),
} satisfies Record<string, StateCheck<RfcCycleContext>>;

export const rfcCycleMachine = setup({
  types: { context: {} as RfcCycleContext, input: {} as RfcCycleInput, events: {} as RfcCycleEvent },
  guards: {
    /** The deadline leaves at least the minimum duration, and someone is invited. */
    openable: ({ event }) =>
      event.type === "OUVRIR" &&
      event.invitedOrganisationIds.length > 0 &&
      Date.parse(event.deadline) - Date.parse(event.now) >= event.minimumDays * DAY_MS,
    deadlineAhead: ({ context, event }) =>
      event.type === "PROLONGER" &&
      RFC_CYCLE_CHECKS.deadlineAhead(context, event.now) === null &&
      event.deadline > context.deadline! &&
      event.deadline > event.now,
    deadlinePassed: ({ context, event }) => RFC_CYCLE_CHECKS.deadlinePassed(context, event.now) === null,
    allDisposed: ({ event }) => event.type === "CONCLURE" && event.undisposedComments === 0,
  },
  actions: {
    // Effects, implemented by the server (mails, jobs).
    informerOuverture: () => {},
    planifierRappels: () => {},
    replanifierRappels: () => {},
    informerCloture: () => {},
    informerConclusion: () => {},
    annulerRappels: () => {},
    open: assign(({ event }) =>
      event.type === "OUVRIR"
        ? {
            openedAt: event.now,
            deadline: event.deadline,
            invitedOrganisationIds: [...new Set(event.invitedOrganisationIds)],
          }
        : {},
    ),
    extend: assign(({ event }) => (event.type === "PROLONGER" ? { deadline: event.deadline } : {})),
    close: assign(({ event }) => ({ closedAt: event.now })),
    conclude: assign(({ event }) =>
      event.type === "CONCLURE"
        ? { outcome: event.outcome, concludedAt: event.now, conclusion: event.conclusion.trim() }
        : event.type === "RETIRER"
          ? { outcome: "retrait" as const, concludedAt: event.now, conclusion: event.conclusion.trim() }
          : {},
    ),
  },
}).createMachine({
  id: "rfc-cycle",
  initial: "brouillon",
  context: ({ input }) => ({
    ...input,
    openedAt: null,
    deadline: null,
    invitedOrganisationIds: [],
    closedAt: null,
    outcome: null,
    concludedAt: null,
    conclusion: null,
  }),
  states: {
    brouillon: {
      tags: ["enCours"],
      on: {
        OUVRIR: { guard: "openable", target: "ouvert", actions: ["open", "informerOuverture", "planifierRappels"] },
        RETIRER: { target: "conclu", actions: ["conclude", "informerConclusion"] },
      },
    },
    ouvert: {
      tags: ["enCours"],
      on: {
        PROLONGER: { guard: "deadlineAhead", actions: ["extend", "replanifierRappels"] },
        ECHEANCE: { guard: "deadlinePassed", target: "clos", actions: ["close", "informerCloture"] },
        RETIRER: { target: "conclu", actions: ["conclude", "annulerRappels", "informerConclusion"] },
      },
    },
    clos: {
      tags: ["enCours"],
      on: {
        CONCLURE: { guard: "allDisposed", target: "conclu", actions: ["conclude", "informerConclusion"] },
        RETIRER: { target: "conclu", actions: ["conclude", "informerConclusion"] },
      },
    },
    conclu: { type: "final" },
  },
});

export const RFC_CYCLE_LABELS = machineLabels(rfcCycleMachine, {
  states: {
    brouillon: "Version en préparation",
    ouvert: "Ouverte aux commentaires",
    clos: "Close, réponses aux commentaires en cours",
    conclu: "Conclue",
  },
  events: {
    OUVRIR: "Ouvrir aux commentaires",
    PROLONGER: "Prolonger le délai",
    ECHEANCE: "Clôture à l'échéance",
    CONCLURE: "Conclure le cycle",
    RETIRER: "Retirer le document",
  },
});
export const { stateLabels: RFC_CYCLE_STATE_LABELS, eventLabels: RFC_CYCLE_EVENT_LABELS } = RFC_CYCLE_LABELS;

export const RFC_OUTCOME_LABELS: Record<RfcOutcome, string> = {
  "nouvelle-version": "Nouvelle version",
  adoption: "Adoptée comme proposition",
  retrait: "Retirée",
};

/** Whether a comment posted at `at` is in time for this cycle (the deadline itself excluded). */
export function acceptsComments(context: Pick<RfcCycleContext, "deadline">, status: string, at: string) {
  return status === "ouvert" && context.deadline !== null && at < context.deadline;
}
