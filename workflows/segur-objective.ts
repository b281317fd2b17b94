/**
 * One objective of a Ségur pilot: a use case of a core service (INS, DMP, MSSanté, PSC) — what,
 * with which counterpart, in which environment, for MSSanté which box type — that ends reached
 * in the real environment, reached in a test environment, or not reached with its reason
 * (shared/sources/002). Pure: no I/O, no timers; dates are Paris calendar days.
 *
 *  enCours ─ATTEINT_EN_REEL─▶ atteintReel (final)
 *     │  ├─ATTEINT_EN_TEST─▶ atteintTest ─ATTEINT_EN_REEL─▶ atteintReel
 *     │  └─NON_ATTEINT─────▶ nonAtteint ─REPRENDRE─▶ enCours
 *
 * A result in test can later become real: 002 ends on "les actions et l'accompagnement des
 * éditeurs se poursuivent en vue de faire aboutir les travaux engagés", so a use case proven in a
 * test environment during the pilot is promoted when it runs for real, keeping its test date.
 * For the same reason a use case not reached may be taken up again; its earlier reasons stay in
 * `notReachedReasons`. Whether a finished pilot still lets its objectives move is the service's
 * rule (the pilot machine, workflows/segur-pilot.ts), not this machine's.
 */
import { assign, setup } from "xstate";
import { isIsoDate, parisDate, type IsoDate } from "../app/utils/working-days";
import { hasProblems, type FieldCheck, type FieldProblems } from "./checks";
import { machineLabels } from "./labels";

export const SEGUR_OBJECTIVE_MACHINE_VERSION = 1;

// Codes only: their French labels are app/modules/segur/vocabulary.ts's lists.
/** The core services in the order, which is the board's column order. */
export const CORE_SERVICES = ["INS", "DMP", "MSSANTE", "PSC"] as const;
export type CoreService = (typeof CORE_SERVICES)[number];
/** 004's three MSSanté box types; only an MSSanté use case has one. */
export const BOX_TYPES = ["NOMINATIVE", "ORGANISATIONNELLE", "APPLICATIVE"] as const;
export type BoxType = (typeof BOX_TYPES)[number];
/** The environment a use case aims at: the real one (production) or a test one. */
export const ENVIRONMENTS = ["REEL", "TEST"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];
/** 002's legend, one outcome per ending state. */
export const OUTCOMES = ["ATTEINT_REEL", "ATTEINT_TEST", "NON_ATTEINT"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type SegurObjectiveInput = {
  service: CoreService;
  /** The use case: "transmettre des informations de suivi d'un jeune au service de PMI du département". */
  what: string;
  /** Who is on the other side: the PMI, a GP, a hospital day unit. */
  counterpart: string;
  environment: Environment;
  /** MSSanté only; null for the other services. */
  boxType: BoxType | null;
};

export type SegurObjectiveContext = SegurObjectiveInput & {
  outcome: Outcome | null;
  reachedInTestOn: IsoDate | null;
  reachedInRealOn: IsoDate | null;
  /** What was done, as the pilot tells it (free text, may be empty). */
  note: string;
  /** Why it was not reached, each time it was declared so; the last one is current while not reached. */
  notReachedReasons: { on: IsoDate; reason: string }[];
};

type Timed = { now: string };
export type SegurObjectiveEvent =
  | ({ type: "ATTEINT_EN_REEL"; reachedOn: IsoDate; note: string } & Timed)
  | ({ type: "ATTEINT_EN_TEST"; reachedOn: IsoDate; note: string } & Timed)
  | ({ type: "NON_ATTEINT"; reason: string } & Timed)
  | ({ type: "REPRENDRE" } & Timed);

/** What a new use case must state; the service asks it before starting the workflow. */
export function objectiveInputProblems(input: Record<string, unknown>): FieldProblems {
  const problems: FieldProblems = {};
  const text = (key: string) => (typeof input[key] === "string" ? (input[key] as string).trim() : "");
  if (!CORE_SERVICES.includes(input.service as CoreService)) problems.service = "Choisissez le service socle.";
  if (!text("what")) problems.what = "Décrivez le cas d'usage.";
  if (!text("counterpart")) problems.counterpart = "Indiquez avec qui l'échange a lieu.";
  if (!ENVIRONMENTS.includes(input.environment as Environment))
    problems.environment = "Choisissez l'environnement visé.";
  if (input.service === "MSSANTE" && !BOX_TYPES.includes(input.boxType as BoxType))
    problems.boxType = "Choisissez le type de boîte aux lettres MSSanté.";
  if (input.service !== "MSSANTE" && input.boxType != null)
    problems.boxType = "Seul un cas d'usage MSSanté a un type de boîte aux lettres.";
  return problems;
}

/** What the event carries that the guards refuse, worded per field. */
export const segurObjectiveFieldProblems: FieldCheck<SegurObjectiveContext> = (context, event, today) => {
  const problems: FieldProblems = {};
  if (event.type === "ATTEINT_EN_REEL" || event.type === "ATTEINT_EN_TEST") {
    const day = event.reachedOn;
    if (!isIsoDate(day)) problems.reachedOn = "Saisissez une date valide.";
    else if (day > today) problems.reachedOn = "La date ne peut pas être dans le futur.";
    else if (event.type === "ATTEINT_EN_REEL" && context.reachedInTestOn && day < context.reachedInTestOn)
      problems.reachedOn = "Le cas d'usage ne peut pas avoir été atteint en réel avant de l'être en test.";
  }
  if (event.type === "NON_ATTEINT" && !(typeof event.reason === "string" && event.reason.trim()))
    problems.reason = "Indiquez pourquoi l'objectif n'est pas atteint.";
  return problems;
};

const today = (event: Timed) => parisDate(new Date(event.now));

/** A new use case: no outcome, no date, no note, no reason. */
const notReachedYet = (input: SegurObjectiveInput): SegurObjectiveContext => ({
  ...input,
  outcome: null,
  reachedInTestOn: null,
  reachedInRealOn: null,
  note: "",
  notReachedReasons: [],
});

/** Reached for real, from the start or after a test: the same checks, the same record. */
const REACH_REAL = { guard: "typedFieldsValid", target: "atteintReel", actions: "reach" } as const;

export const segurObjectiveMachine = setup({
  types: { context: {} as SegurObjectiveContext, input: {} as SegurObjectiveInput, events: {} as SegurObjectiveEvent },
  guards: {
    typedFieldsValid: ({ context, event }) => !hasProblems(segurObjectiveFieldProblems(context, event, today(event))),
  },
  actions: {
    reach: assign(({ event }) => {
      if (event.type === "ATTEINT_EN_REEL")
        return { outcome: "ATTEINT_REEL" as const, reachedInRealOn: event.reachedOn, note: event.note.trim() };
      if (event.type === "ATTEINT_EN_TEST")
        return { outcome: "ATTEINT_TEST" as const, reachedInTestOn: event.reachedOn, note: event.note.trim() };
      return {};
    }),
    miss: assign(({ context, event }) =>
      event.type === "NON_ATTEINT"
        ? {
            outcome: "NON_ATTEINT" as const,
            notReachedReasons: [...context.notReachedReasons, { on: today(event), reason: event.reason.trim() }],
          }
        : {},
    ),
    resume: assign({ outcome: null }),
  },
}).createMachine({
  id: "segur-objectif",
  initial: "enCours",
  context: ({ input }) => notReachedYet(input),
  states: {
    enCours: {
      tags: ["ouverte"],
      on: {
        ATTEINT_EN_REEL: REACH_REAL,
        ATTEINT_EN_TEST: { guard: "typedFieldsValid", target: "atteintTest", actions: "reach" },
        NON_ATTEINT: { guard: "typedFieldsValid", target: "nonAtteint", actions: "miss" },
      },
    },
    atteintTest: {
      tags: ["atteint"],
      on: { ATTEINT_EN_REEL: REACH_REAL },
    },
    atteintReel: { type: "final", tags: ["atteint"] },
    nonAtteint: { on: { REPRENDRE: { target: "enCours", actions: "resume" } } },
  },
});

export const SEGUR_OBJECTIVE_LABELS = machineLabels(segurObjectiveMachine, {
  states: {
    enCours: "En cours",
    atteintTest: "Atteint en environnement de test",
    atteintReel: "Atteint en environnement réel",
    nonAtteint: "Non atteint",
  },
  events: {
    ATTEINT_EN_REEL: "Déclarer atteint en environnement réel",
    ATTEINT_EN_TEST: "Déclarer atteint en environnement de test",
    NON_ATTEINT: "Déclarer non atteint",
    REPRENDRE: "Reprendre l'objectif",
  },
});
export const { stateLabels: SEGUR_OBJECTIVE_STATE_LABELS, eventLabels: SEGUR_OBJECTIVE_EVENT_LABELS } =
  SEGUR_OBJECTIVE_LABELS;

// ---------------------------------------------------------------------------------------------
// The board's cell: one establishment × one service
// ---------------------------------------------------------------------------------------------

/** What a cell can show: an outcome, an objective still in progress, or no objective at all. */
export type CellOutcome = Outcome | "EN_COURS" | "AUCUN";

/** Best first: a cell takes the first outcome any of its use cases has. */
const CELL_ORDER: readonly CellOutcome[] = ["ATTEINT_REEL", "ATTEINT_TEST", "NON_ATTEINT", "EN_COURS", "AUCUN"];

export type ObjectiveSummary = { what: string; outcome: Outcome | null };
export type Cell = {
  outcome: CellOutcome;
  /** The use cases that reached the cell's outcome. */
  best: string[];
  /** The other use cases of the service, with what each reached, best first. */
  others: { what: string; outcome: CellOutcome }[];
};

/**
 * The board's rule (issue 11): several use cases of one service for one establishment combine
 * into the best outcome reached — ATTEINT_REEL > ATTEINT_TEST > NON_ATTEINT > en cours — with the
 * others listed.
 */
export function objectiveCell(objectives: readonly ObjectiveSummary[]): Cell {
  if (objectives.length === 0) return { outcome: "AUCUN", best: [], others: [] };
  const ranked = objectives
    .map((o) => ({ what: o.what, outcome: (o.outcome ?? "EN_COURS") as CellOutcome }))
    .sort((a, b) => CELL_ORDER.indexOf(a.outcome) - CELL_ORDER.indexOf(b.outcome));
  const outcome = ranked[0].outcome;
  return {
    outcome,
    best: ranked.filter((o) => o.outcome === outcome).map((o) => o.what),
    others: ranked.filter((o) => o.outcome !== outcome),
  };
}
