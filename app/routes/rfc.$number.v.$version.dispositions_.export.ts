/** The disposition table of one cycle as CSV, XLSX or PDF (the table of /rfc/:number/v/:version/dispositions). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { DISPOSITION_COLUMNS, dispositionTable } from "~/modules/rfc/dispositions.server";
import { requireUser } from "~/utils/auth.server";
import { orRefusal } from "~/utils/intent.server";
import { exportResponse, exportFormatOf } from "~/utils/export.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // A version number that is not one answers 404 like a version that does not exist.
  const table = orRefusal(await dispositionTable(user, params.number ?? "", Number(params.version)));
  const format = exportFormatOf(new URL(request.url));
  return exportResponse({
    format,
    filename: `dispositions-${table.rfc.number}-v${table.version.number}`,
    title: `Tableau des dispositions — ${table.rfc.number}, version ${table.version.number}`,
    subtitle: `${table.rfc.title} · cycle : ${table.version.statusLabel.toLowerCase()}`,
    columns: DISPOSITION_COLUMNS,
    rows: table.rows,
  });
}
