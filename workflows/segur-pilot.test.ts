import { describe, expect, it } from "vitest";
import { transition } from "xstate";
import {
  SEGUR_PILOT_LABELS,
  lessonsSynthesis,
  segurPilotFieldProblems,
  segurPilotMachine,
  type Lesson,
  type SegurPilotEvent,
} from "./segur-pilot";
import { at } from "../test/support/reprise-paths";
import { expectFullyExplored, runEvents } from "../test/support/machine-graph";

const PERIOD = { plannedStartOn: "2022-03-01", plannedEndOn: "2022-07-08" };
const lesson = (theme: Lesson["theme"], kind: Lesson["kind"], text: string): Lesson => ({ theme, kind, text });
const LESSONS = [
  lesson("INS", "POINTS_POSITIFS", " La qualification de l'INS est simple à réaliser "),
  lesson("PREREQUIS", "CONSEILS_ESMS", "Anticiper au maximum les démarches administratives"),
];

const started: SegurPilotEvent = { type: "DEMARRER", startedOn: "2022-03-01", now: at("2022-03-01") };
const finished: SegurPilotEvent = { type: "TERMINER", endedOn: "2022-07-08", lessons: LESSONS, now: at("2022-07-08") };
const completed: SegurPilotEvent = {
  type: "COMPLETER_ENSEIGNEMENTS",
  lessons: [lesson("DMP", "DIFFICULTES", "Les travaux n'ont pas permis de tester le DMP")],
  now: at("2022-09-15"),
};
const abandoned: SegurPilotEvent = { type: "ABANDONNER", reason: "Éditeur retiré du pilote", now: at("2022-04-02") };
const replanned: SegurPilotEvent = {
  type: "REPLANIFIER",
  plannedStartOn: "2022-03-15",
  plannedEndOn: "2022-07-22",
  now: at("2022-02-20"),
};
const candidates = () => [started, finished, completed, abandoned, replanned];

const run = (events: SegurPilotEvent[]) => runEvents(segurPilotMachine, PERIOD, events);

describe("Ségur pilot machine, explored as a graph", () => {
  it("reaches every state and takes every transition, never stuck", () =>
    expectFullyExplored(segurPilotMachine, PERIOD, candidates, SEGUR_PILOT_LABELS));

  it("tags open, active and closed pilots for the queries", () => {
    expect([...run([]).tags]).toEqual(["ouvert"]);
    expect([...run([started]).tags].sort()).toEqual(["actif", "ouvert"]);
    expect([...run([started, finished]).tags]).toEqual(["clos"]);
    expect([...run([abandoned]).tags]).toEqual(["clos"]);
  });
});

describe("Ségur pilot rules", () => {
  it("runs over its period and ends with its lessons, then takes more", () => {
    const done = run([started, finished, completed]);
    expect(done.value).toBe("termine");
    expect(done.context).toMatchObject({ startedOn: "2022-03-01", endedOn: "2022-07-08" });
    expect(done.context.lessons.map((l) => l.text)).toEqual([
      "La qualification de l'INS est simple à réaliser",
      "Anticiper au maximum les démarches administratives",
      "Les travaux n'ont pas permis de tester le DMP",
    ]);
  });

  it("refuses to end without a lesson, with a malformed one, before its start or in the future", () => {
    const running = run([started]);
    expect(running.can({ ...finished, lessons: [] })).toBe(false);
    expect(segurPilotFieldProblems(running.context, { ...finished, lessons: [] }, "2022-07-08")).toEqual({
      lessons: "Consignez au moins un enseignement.",
    });
    const badTheme = [{ theme: "RGPD", kind: "DIFFICULTES", text: "x" }] as unknown as Lesson[];
    expect(running.can({ ...finished, lessons: badTheme })).toBe(false);
    expect(running.can({ ...finished, lessons: [lesson("PSC", "DIFFICULTES", " ")] })).toBe(false);
    const early = { ...finished, endedOn: "2022-02-28" };
    expect(running.can(early)).toBe(false);
    expect(segurPilotFieldProblems(running.context, early, "2022-07-08").endedOn).toBe(
      "La date de fin ne peut pas précéder le démarrage (1 mars 2022).",
    );
    expect(running.can({ ...finished, endedOn: "2022-07-09" })).toBe(false);
    expect(run([]).can({ ...started, startedOn: "2022-03-02" })).toBe(false);
    // Lessons after the end: at least one, well formed.
    expect(run([started, finished]).can({ ...completed, lessons: [] })).toBe(false);
  });

  it("abandons with a reason only, before or during its period, never once finished", () => {
    expect(run([]).can({ ...abandoned, reason: " " })).toBe(false);
    expect(run([started, abandoned]).context.abandonment).toEqual({
      on: "2022-04-02",
      reason: "Éditeur retiré du pilote",
    });
    expect(run([started, finished]).can(abandoned)).toBe(false);
    expect(run([abandoned]).status).toBe("done");
  });

  it("moves its planned period before its end, never backwards, never once finished or abandoned", () => {
    expect(run([replanned]).context).toMatchObject({ plannedStartOn: "2022-03-15", plannedEndOn: "2022-07-22" });
    expect(run([started, replanned]).value).toBe("enCours");
    const backwards = { ...replanned, plannedEndOn: "2022-03-01" };
    expect(run([]).can(backwards)).toBe(false);
    expect(segurPilotFieldProblems(run([]).context, backwards, "2022-02-20")).toEqual({
      plannedEndOn: "La fin ne peut pas précéder le début (15 mars 2022).",
    });
    expect(run([started, finished]).can(replanned)).toBe(false);
    expect(run([abandoned]).can(replanned)).toBe(false);
  });

  it("lays the lessons out as a synthesis: per theme, then per kind, in 002's order", () => {
    const [done] = transition(segurPilotMachine, run([started, finished]), completed);
    expect(lessonsSynthesis(done.context.lessons)).toEqual([
      {
        theme: "PREREQUIS",
        kinds: [{ kind: "CONSEILS_ESMS", texts: ["Anticiper au maximum les démarches administratives"] }],
      },
      {
        theme: "INS",
        kinds: [{ kind: "POINTS_POSITIFS", texts: ["La qualification de l'INS est simple à réaliser"] }],
      },
      { theme: "DMP", kinds: [{ kind: "DIFFICULTES", texts: ["Les travaux n'ont pas permis de tester le DMP"] }] },
    ]);
  });
});
