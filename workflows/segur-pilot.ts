/**
 * A Ségur pilot's life: prepared (pairs, objectives, prerequisites), run over its period (002:
 * "du 1er mars au 8 juillet 2022"), then finished with its lessons — or abandoned with a reason.
 * Lessons are recorded as 002 writes them and domain.md §4 lists them: positive points,
 * difficulties, key success factors, actions for the national level, advice to ESMS, per theme.
 * Pure: no I/O, no timers; dates are Paris calendar days.
 *
 *  enPreparation ─DEMARRER─▶ enCours ─TERMINER (≥ 1 lesson)─▶ termine ⟲ COMPLETER_ENSEIGNEMENTS
 *        └────ABANDONNER────────┴──ABANDONNER──▶ abandonne
 *  ⟲ REPLANIFIER in enPreparation and enCours: the coordinator moves the planned period.
 *
 * A finished pilot still takes lessons: the syntheses (002 itself) are written after the end.
 */
import { assign, setup } from "xstate";
import { formatDate } from "../app/utils/format";
import { isIsoDate, parisDate, parisInstant, type IsoDate } from "../app/utils/working-days";
import { hasProblems, type FieldCheck, type FieldProblems } from "./checks";
import { machineLabels } from "./labels";

export const SEGUR_PILOT_MACHINE_VERSION = 1;

/**
 * The themes of a synthesis in 002's order — the general lessons first ("Enseignements généraux
 * relatifs au déploiement des services socles"), then the prerequisites and each core service —
 * and the kinds of lesson in 002's order. Labels: LESSON_THEME_VOCABULARY, LESSON_KIND_VOCABULARY.
 */
export const LESSON_THEMES = ["GENERAL", "PREREQUIS", "INS", "MSSANTE", "PSC", "DMP"] as const;
export type LessonTheme = (typeof LESSON_THEMES)[number];
export const LESSON_KINDS = [
  "POINTS_POSITIFS",
  "DIFFICULTES",
  "FACTEURS_CLES",
  "ACTIONS_NATIONALES",
  "CONSEILS_ESMS",
] as const;
export type LessonKind = (typeof LESSON_KINDS)[number];

export type Lesson = { theme: LessonTheme; kind: LessonKind; text: string };

export type SegurPilotInput = { plannedStartOn: IsoDate; plannedEndOn: IsoDate };

export type SegurPilotContext = SegurPilotInput & {
  startedOn: IsoDate | null;
  endedOn: IsoDate | null;
  lessons: Lesson[];
  abandonment: { on: IsoDate; reason: string } | null;
};

type Timed = { now: string };
export type SegurPilotEvent =
  | ({ type: "DEMARRER"; startedOn: IsoDate } & Timed)
  | ({ type: "TERMINER"; endedOn: IsoDate; lessons: Lesson[] } & Timed)
  | ({ type: "COMPLETER_ENSEIGNEMENTS"; lessons: Lesson[] } & Timed)
  | ({ type: "ABANDONNER"; reason: string } & Timed)
  | ({ type: "REPLANIFIER"; plannedStartOn: IsoDate; plannedEndOn: IsoDate } & Timed);

const dayWords = (date: IsoDate) => formatDate(parisInstant(date, "12:00"));

function lessonsProblem(value: unknown): string | null {
  if (!Array.isArray(value) || value.length === 0) return "Consignez au moins un enseignement.";
  const wellFormed = value.every(
    (l: Partial<Lesson>) =>
      LESSON_THEMES.includes(l?.theme as LessonTheme) &&
      LESSON_KINDS.includes(l?.kind as LessonKind) &&
      typeof l?.text === "string" &&
      l.text.trim() !== "",
  );
  return wellFormed ? null : "Chaque enseignement a un thème, une nature et un texte.";
}

/** What the event carries that the guards refuse, worded per field. */
export const segurPilotFieldProblems: FieldCheck<SegurPilotContext> = (context, event, today) => {
  const problems: FieldProblems = {};
  switch (event.type) {
    case "DEMARRER":
      if (!isIsoDate(event.startedOn)) problems.startedOn = "Saisissez une date valide.";
      else if (event.startedOn > today) problems.startedOn = "La date de démarrage ne peut pas être dans le futur.";
      break;
    case "TERMINER": {
      if (!isIsoDate(event.endedOn)) problems.endedOn = "Saisissez une date valide.";
      else if (event.endedOn > today) problems.endedOn = "La date de fin ne peut pas être dans le futur.";
      else if (context.startedOn && event.endedOn < context.startedOn)
        problems.endedOn = `La date de fin ne peut pas précéder le démarrage (${dayWords(context.startedOn)}).`;
      const lessons = lessonsProblem(event.lessons);
      if (lessons) problems.lessons = lessons;
      break;
    }
    case "COMPLETER_ENSEIGNEMENTS": {
      const lessons = lessonsProblem(event.lessons);
      if (lessons) problems.lessons = lessons;
      break;
    }
    case "ABANDONNER":
      if (!(typeof event.reason === "string" && event.reason.trim()))
        problems.reason = "Indiquez pourquoi le pilote est abandonné.";
      break;
    case "REPLANIFIER":
      Object.assign(
        problems,
        periodProblems({ plannedStartOn: event.plannedStartOn, plannedEndOn: event.plannedEndOn }),
      );
      break;
  }
  return problems;
};

/** What is wrong with a planned period, per field: both days valid, the end not before the start. */
export function periodProblems(period: { plannedStartOn: unknown; plannedEndOn: unknown }): FieldProblems {
  const problems: FieldProblems = {};
  const { plannedStartOn: start, plannedEndOn: end } = period;
  if (!isIsoDate(start)) problems.plannedStartOn = "Saisissez la date de début, par exemple 01/03/2027.";
  if (!isIsoDate(end)) problems.plannedEndOn = "Saisissez la date de fin, par exemple 08/07/2027.";
  else if (isIsoDate(start) && end < start)
    problems.plannedEndOn = `La fin ne peut pas précéder le début (${dayWords(start)}).`;
  return problems;
}

const today = (event: Timed) => parisDate(new Date(event.now));
const trimmed = (lessons: Lesson[]) => lessons.map((l) => ({ ...l, text: l.text.trim() }));

const fieldsValid = ({ context, event }: { context: SegurPilotContext; event: SegurPilotEvent }) =>
  !hasProblems(segurPilotFieldProblems(context, event, today(event)));

/** Before or during its period, with the same checks and the same record. */
const ABANDON = { guard: "typedFieldsValid", target: "abandonne", actions: "abandon" } as const;
const REPLAN = { guard: "typedFieldsValid", actions: "replan" } as const;

export const segurPilotMachine = setup({
  types: { context: {} as SegurPilotContext, input: {} as SegurPilotInput, events: {} as SegurPilotEvent },
  guards: { typedFieldsValid: fieldsValid },
  actions: {
    start: assign(({ event }) => (event.type === "DEMARRER" ? { startedOn: event.startedOn } : {})),
    finish: assign(({ context, event }) =>
      event.type === "TERMINER"
        ? { endedOn: event.endedOn, lessons: [...context.lessons, ...trimmed(event.lessons)] }
        : {},
    ),
    learn: assign(({ context, event }) =>
      event.type === "COMPLETER_ENSEIGNEMENTS" ? { lessons: [...context.lessons, ...trimmed(event.lessons)] } : {},
    ),
    replan: assign(({ event }) =>
      event.type === "REPLANIFIER" ? { plannedStartOn: event.plannedStartOn, plannedEndOn: event.plannedEndOn } : {},
    ),
    abandon: assign(({ event }) =>
      event.type === "ABANDONNER" ? { abandonment: { on: today(event), reason: event.reason.trim() } } : {},
    ),
  },
}).createMachine({
  id: "segur-pilote",
  initial: "enPreparation",
  context: ({ input }) => ({ ...input, startedOn: null, endedOn: null, lessons: [], abandonment: null }),
  states: {
    enPreparation: {
      tags: ["ouvert"],
      on: {
        DEMARRER: { guard: "typedFieldsValid", target: "enCours", actions: "start" },
        ABANDONNER: ABANDON,
        REPLANIFIER: REPLAN,
      },
    },
    enCours: {
      tags: ["ouvert", "actif"],
      on: {
        TERMINER: { guard: "typedFieldsValid", target: "termine", actions: "finish" },
        ABANDONNER: ABANDON,
        REPLANIFIER: REPLAN,
      },
    },
    termine: {
      tags: ["clos"],
      on: { COMPLETER_ENSEIGNEMENTS: { guard: "typedFieldsValid", actions: "learn" } },
    },
    abandonne: { type: "final", tags: ["clos"] },
  },
});

export const SEGUR_PILOT_LABELS = machineLabels(segurPilotMachine, {
  states: {
    enPreparation: "En préparation",
    enCours: "En cours",
    termine: "Terminé",
    abandonne: "Abandonné",
  },
  events: {
    DEMARRER: "Démarrer le pilote",
    TERMINER: "Terminer le pilote",
    COMPLETER_ENSEIGNEMENTS: "Compléter les enseignements",
    ABANDONNER: "Abandonner le pilote",
    REPLANIFIER: "Modifier la période prévue",
  },
});
export const { stateLabels: SEGUR_PILOT_STATE_LABELS, eventLabels: SEGUR_PILOT_EVENT_LABELS } = SEGUR_PILOT_LABELS;

/**
 * The lessons as a synthesis reads them (002's layout): per theme in the declared order, per
 * kind in the declared order, only what was recorded.
 */
export function lessonsSynthesis(lessons: readonly Lesson[]) {
  return LESSON_THEMES.map((theme) => ({
    theme,
    kinds: LESSON_KINDS.map((kind) => ({
      kind,
      texts: lessons.filter((l) => l.theme === theme && l.kind === kind).map((l) => l.text),
    })).filter((k) => k.texts.length > 0),
  })).filter((t) => t.kinds.length > 0);
}
