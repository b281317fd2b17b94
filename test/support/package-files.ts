/**
 * The six files of a monthly list's package, sorted by name: the prioritised list and the
 * provisional planning, each in CSV, PDF and XLSX; `suffix` is e.g. "ITAC-2026-11" or
 * "OPALES-2026-11-rennes". What the tests expect, written once (no import of the app: e2e use it).
 */
export function packageFilenames(suffix: string) {
  return ["liste-priorisee", "planning-previsionnel"].flatMap((name) =>
    ["csv", "pdf", "xlsx"].map((extension) => `${name}-${suffix}.${extension}`),
  );
}
