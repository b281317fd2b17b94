/**
 * A closed list of codes with their French labels, declared once as one record: the record's
 * order is the order pages show the codes in. No I/O: pages, services and machines import it.
 */
export type Vocabulary<Code extends string> = {
  /** The codes in the declared order; a non-empty tuple, so that `z.enum` takes it. */
  readonly codes: readonly [Code, ...Code[]];
  readonly labels: Readonly<Record<Code, string>>;
  /** The choices of a <select> or a group of radios, in the declared order (a new array each call). */
  options(): { value: Code; label: string }[];
  is(value: unknown): value is Code;
  /** The label of a stored value; a value outside the vocabulary (an older code) reads as itself. */
  labelOf(value: string): string;
};

/** The code type of a vocabulary: `CodeOf<typeof ROLE_VOCABULARY>`. */
export type CodeOf<V> = V extends Vocabulary<infer Code> ? Code : never;

export function vocabulary<Code extends string>(labels: Record<Code, string>): Vocabulary<Code> {
  const codes = Object.keys(labels) as Code[];
  if (codes.length === 0) throw new Error("A vocabulary needs at least one code.");
  const known = new Set<string>(codes);
  const is = (value: unknown): value is Code => typeof value === "string" && known.has(value);
  return {
    codes: codes as [Code, ...Code[]],
    labels,
    options: () => codes.map((value) => ({ value, label: labels[value] })),
    is,
    labelOf: (value) => (is(value) ? labels[value] : value),
  };
}
