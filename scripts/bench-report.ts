/**
 * What a benchmark measured: each measure is printed as it comes, then all of them as a
 * Markdown table at the end, ready for docs/performance notes.
 */
const rows: [string, string][] = [];

export function report(label: string, value: string) {
  rows.push([label, value]);
  console.log(`${label}: ${value}`);
}

export function printReport(valueHeading = "result") {
  console.log(`\n| measure | ${valueHeading} |\n|---|---|`);
  for (const [label, value] of rows) console.log(`| ${label} | ${value} |`);
}

/** The nearest-rank percentile; NaN when nothing was measured, so that an empty run shows. */
export function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
