/**
 * How a machine writes a guard once for both uses: XState's guard (may the transition happen?)
 * and the engine's "which events may this person send now, and why not the others".
 * Pure: no I/O. See docs/decisions/017-engine-owns-workflow-state.md.
 */

/**
 * null: the guard passes. A string: it refuses, and this is the French reason a page shows.
 * `false`: it refuses with nothing worth showing (the action does not concern this record).
 */
export type Verdict = string | null | false;

/**
 * A precondition on the record as it stands (context and the Paris day or ISO instant of the
 * event), asked before anything is typed: "may this action be offered now?".
 */
export type StateCheck<C> = (context: C, now: string) => Verdict;

/** French messages, per field, for what the person typed (empty when nothing is wrong). */
export type FieldProblems = Record<string, string>;

/**
 * Per field, what an event carries that a machine's guards refuse, given the record and the
 * Paris day of the event: the service asks it before applying the event, to answer in French.
 */
export type FieldCheck<C> = (
  context: C,
  event: { type: string } & Record<string, unknown>,
  today: string,
) => FieldProblems;

export const hasProblems = (problems: FieldProblems) => Object.keys(problems).length > 0;
