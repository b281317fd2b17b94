/** The disposition table of one cycle as CSV, XLSX or PDF (the table of /rfc/:number/v/:version/dispositions). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { DISPOSITION_COLUMNS, dispositionTable } from "~/modules/rfc/dispositions.server";
import { requireUser } from "~/utils/auth.server";
import { exportResponse, parseExportFormat } from "~/utils/export.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const versionNumber = Number(params.version);
  if (!Number.isInteger(versionNumber) || versionNumber < 1) throw new Response("Page introuvable.", { status: 404 });
  const table = await dispositionTable(user, params.number ?? "", versionNumber);
  const format = parseExportFormat(new URL(request.url).searchParams.get("format"));
  if (!format) throw new Response("Format d'export inconnu : choisissez csv, xlsx ou pdf.", { status: 400 });
  return exportResponse({
    format,
    filename: `dispositions-${table.rfc.number}-v${table.version.number}`,
    title: `Tableau des dispositions — ${table.rfc.number}, version ${table.version.number}`,
    subtitle: `${table.rfc.title} · cycle : ${table.version.statusLabel.toLowerCase()}`,
    columns: DISPOSITION_COLUMNS,
    rows: table.rows,
  });
}
