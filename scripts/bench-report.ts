/**
 * What a benchmark measured: each measure is printed as it comes, then all of them as a
 * Markdown table at the end, ready for docs/performance notes.
 */
import { performance } from "node:perf_hooks";

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

/** How long `work` took, with what it returned. */
export async function timed<T>(work: () => Promise<T>) {
  const start = performance.now();
  const result = await work();
  return { result, ms: performance.now() - start };
}

/** A duration as the reports print it. */
export const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
