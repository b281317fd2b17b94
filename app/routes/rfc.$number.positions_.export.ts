/** The MDPH positions on an adopted RFC as CSV, XLSX or PDF (the table of /rfc/:number/positions). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { nationalPositions, type PositionRow } from "~/modules/rfc/positions.server";
import { requireUser } from "~/utils/auth.server";
import { orRefusal } from "~/utils/intent.server";
import { exportResponse, exportFormatOf, type ExportColumn } from "~/utils/export.server";

const COLUMNS: ExportColumn<PositionRow>[] = [
  { header: "Département", value: (r) => r.departementCode, width: 8 },
  { header: "Nom du département", value: (r) => r.departementName, width: 22 },
  { header: "MDPH", value: (r) => r.mdph, width: 30 },
  { header: "Position", value: (r) => r.positionLabel, width: 20 },
  { header: "Commentaire", value: (r) => r.comment, width: 40 },
  {
    header: "Indiquée le",
    value: (r) => (r.recordedAt ? new Date(r.recordedAt) : null),
    dateFormat: "datetime",
    width: 16,
  },
  { header: "Par", value: (r) => r.recordedBy, width: 20 },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const data = orRefusal(await nationalPositions(user, params.number ?? ""));
  const format = exportFormatOf(new URL(request.url));
  return exportResponse({
    format,
    filename: `positions-mdph-${data.rfc.number}`,
    title: `Positions des MDPH — ${data.rfc.number}`,
    subtitle: data.rfc.title,
    columns: COLUMNS,
    rows: data.rows,
  });
}
