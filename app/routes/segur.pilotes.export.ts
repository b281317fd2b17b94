/** The Ségur pilots board as CSV, XLSX or PDF: one line per establishment, with its pilot's prerequisites and 002's matrix. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { BOARD_EXPORT_COLUMNS, boardExportRows, pilotsBoard } from "~/modules/segur/queries/board-page.server";
import { requireUserWith } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { exportFormatOf, exportResponse } from "~/utils/export.server";
import { parisDate } from "~/utils/working-days";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read:segur-board");
  const format = exportFormatOf(new URL(request.url));
  const today = parisDate(now());
  return exportResponse({
    format,
    filename: `pilotes-segur-${today}`,
    title: "Pilotes Ségur numérique",
    subtitle:
      "Avancement des prérequis, étapes bloquées, certificats et cartes expirant sous 90 jours, objectifs par établissement et service socle.",
    columns: BOARD_EXPORT_COLUMNS,
    rows: boardExportRows(await pilotsBoard(user, today)),
  });
}
