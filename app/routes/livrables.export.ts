/** Every group's deliverables and deadlines as CSV, XLSX or PDF (coordinator and steering body). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { seesEveryGroup } from "~/modules/groups/policy.server";
import { deadlineExportColumns } from "~/modules/groups/dashboard.server";
import { deliverablesTable } from "~/modules/groups/queries/deliverables.server";
import { forbidden, requireUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { exportResponse, exportFormatOf } from "~/utils/export.server";
import { parisDate } from "~/utils/working-days";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!(await seesEveryGroup(user)))
    throw forbidden("Ce tableau est réservé à la CNSA et aux membres de l'instance de pilotage.");
  const format = exportFormatOf(new URL(request.url));
  const today = parisDate(now());
  return exportResponse({
    format,
    filename: `livrables-et-echeances-${today}`,
    title: "Livrables et échéances des groupes de travail",
    subtitle: "Lettres de mission attendues et livrables, avec leurs périodes de validation (jours ouvrés).",
    columns: deadlineExportColumns(today),
    rows: await deliverablesTable(),
  });
}
