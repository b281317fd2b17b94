/** The lead times of the Ségur prerequisites as CSV, XLSX or PDF: the board's table, for the pilots the person reads. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { LEAD_TIME_EXPORT_COLUMNS, LEAD_TIME_LABELS } from "~/modules/segur/lead-times";
import { stepLeadTimes } from "~/modules/segur/queries/board-prerequisites.server";
import { visiblePilotNames } from "~/modules/segur/queries/pilots.server";
import { requireUserWith } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { exportFormatOf, exportResponse } from "~/utils/export.server";
import { parisDate } from "~/utils/working-days";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read:segur-board");
  const format = exportFormatOf(new URL(request.url));
  const pilots = await visiblePilotNames(user);
  return exportResponse({
    format,
    filename: `delais-prerequis-segur-${parisDate(now())}`,
    title: "Délais d'obtention des prérequis Ségur",
    subtitle: `${pilots.length} pilote${pilots.length > 1 ? "s" : ""}. ${LEAD_TIME_LABELS.basis}`,
    columns: LEAD_TIME_EXPORT_COLUMNS,
    rows: await stepLeadTimes(pilots.map((p) => p.id)),
  });
}
