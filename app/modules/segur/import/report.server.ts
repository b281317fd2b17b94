/**
 * The report of a refused extract, as the page lists it and as a CSV to download: one row per
 * problem, with its line, column, the value found and what was expected, in French.
 */
import type { ExportColumn } from "~/utils/export.server";
import type { ImportProblem } from "./columns";

export const IMPORT_REPORT_COLUMNS: ExportColumn<ImportProblem>[] = [
  { header: "Ligne", value: (p) => p.line },
  { header: "Colonne", value: (p) => p.column },
  { header: "Valeur trouvée", value: (p) => p.value },
  { header: "Attendu", value: (p) => p.expected },
];
