/**
 * A pure function of a string kept per argument: pages word the same few days and months again
 * and again (a table of 200 rows shares a handful of dates), and each wording costs microseconds
 * through Intl. Bounded: past `limit` arguments the kept answers are dropped and built again.
 */
export function keptPerArgument<T>(compute: (argument: string) => T, limit = 4096) {
  const kept = new Map<string, T>();
  return (argument: string): T => {
    const known = kept.get(argument);
    if (known !== undefined) return known;
    const value = compute(argument);
    if (kept.size >= limit) kept.clear();
    kept.set(argument, value);
    return value;
  };
}
