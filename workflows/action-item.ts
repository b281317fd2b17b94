/**
 * An action decided by a group or a meeting: action, responsible organisations, due day
 * ("échéance") and status. Being overdue is derived (`isOverdue`), not a state.
 *
 *  aFaire ─COMMENCER─▶ enCours ─TERMINER─▶ fait
 *    │  └────────────TERMINER──────────────▲
 *    └─ABANDONNER─▶ abandonne ◀─ABANDONNER─┘ (from enCours)
 */
import { assign, setup } from "xstate";
import { machineLabels } from "./labels";

export const ACTION_ITEM_MACHINE_VERSION = 1;

export type ActionItemInput = { title: string; dueOn: string; organisationIds: string[] };
export type ActionItemContext = ActionItemInput & { doneOn: string | null; abandonReason: string | null };

type Timed = { now: string };
export type ActionItemEvent =
  | ({ type: "COMMENCER" } & Timed)
  | ({ type: "TERMINER"; doneOn: string } & Timed)
  | ({ type: "REPORTER"; dueOn: string } & Timed)
  | ({ type: "ABANDONNER"; reason: string } & Timed);

export const actionItemMachine = setup({
  types: { context: {} as ActionItemContext, input: {} as ActionItemInput, events: {} as ActionItemEvent },
  guards: {
    doneNotInFuture: ({ event }) => event.type === "TERMINER" && event.doneOn <= event.now.slice(0, 10),
    laterDue: ({ context, event }) => event.type === "REPORTER" && event.dueOn > context.dueOn,
  },
  actions: {
    planifierRappels: () => {},
    annulerRappels: () => {},
    finish: assign(({ event }) => (event.type === "TERMINER" ? { doneOn: event.doneOn } : {})),
    postpone: assign(({ event }) => (event.type === "REPORTER" ? { dueOn: event.dueOn } : {})),
    abandon: assign(({ event }) => (event.type === "ABANDONNER" ? { abandonReason: event.reason.trim() } : {})),
  },
}).createMachine({
  id: "action",
  initial: "aFaire",
  context: ({ input }) => ({ ...input, doneOn: null, abandonReason: null }),
  entry: "planifierRappels",
  states: {
    aFaire: {
      tags: ["ouverte"],
      on: {
        COMMENCER: { target: "enCours" },
        TERMINER: { guard: "doneNotInFuture", target: "fait", actions: ["finish", "annulerRappels"] },
        REPORTER: { guard: "laterDue", actions: ["postpone", "planifierRappels"] },
        ABANDONNER: { target: "abandonne", actions: ["abandon", "annulerRappels"] },
      },
    },
    enCours: {
      tags: ["ouverte"],
      on: {
        TERMINER: { guard: "doneNotInFuture", target: "fait", actions: ["finish", "annulerRappels"] },
        REPORTER: { guard: "laterDue", actions: ["postpone", "planifierRappels"] },
        ABANDONNER: { target: "abandonne", actions: ["abandon", "annulerRappels"] },
      },
    },
    fait: { type: "final" },
    abandonne: { type: "final" },
  },
});

export const ACTION_ITEM_LABELS = machineLabels(actionItemMachine, {
  states: {
    aFaire: "À faire",
    enCours: "En cours",
    fait: "Fait",
    abandonne: "Abandonné",
  },
  events: {
    COMMENCER: "Commencer",
    TERMINER: "Marquer comme fait",
    REPORTER: "Reporter l'échéance",
    ABANDONNER: "Abandonner",
  },
});
export const { stateLabels: ACTION_ITEM_STATE_LABELS, eventLabels: ACTION_ITEM_EVENT_LABELS } = ACTION_ITEM_LABELS;

/** Overdue: still open after its due day (Paris calendar days). */
export function isOverdue(context: Pick<ActionItemContext, "dueOn">, status: string, today: string) {
  return (status === "aFaire" || status === "enCours") && today > context.dueOn;
}
