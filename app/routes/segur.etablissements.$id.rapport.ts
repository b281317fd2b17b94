/** The report of a refused establishment import as CSV, XLSX or PDF: every problem kept, with its line and column. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { IMPORT_REPORT_COLUMNS } from "~/modules/segur/import/report.server";
import { importReport } from "~/modules/segur/queries/imports.server";
import { requireUserWith } from "~/utils/auth.server";
import { exportFormatOf, exportResponse } from "~/utils/export.server";
import { orRefusal } from "~/utils/intent.server";
import { refusal, success } from "~/utils/result";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUserWith(request, "coordinate:segur");
  const format = exportFormatOf(new URL(request.url));
  const found = await importReport(params.id ?? "");
  const report = orRefusal(found ? success(found) : refusal("INTROUVABLE", "Cet import est introuvable."));
  return exportResponse({
    format,
    filename: `rapport-import-${report.import.originalName.replace(/\.[^.]*$/, "")}`,
    title: `Rapport de l'import de « ${report.import.originalName} »`,
    subtitle: `${report.import.problemCount} problème(s) ; aucune ligne n'est importée.`,
    columns: IMPORT_REPORT_COLUMNS,
    rows: report.problems,
  });
}
