/** The MDPH's reprise requests as CSV, XLSX or PDF (the list of /mdph/reprises). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { deadlineFactsOf, nextDeadline, nextDispatchDays, type NextDeadline } from "~/modules/reprise/calendar.server";
import { listRequests, type RepriseRow } from "~/modules/reprise/requests.server";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { orRefusal } from "~/utils/intent.server";
import { now } from "~/utils/clock.server";
import { exportResponse, exportFormatOf, type ExportColumn } from "~/utils/export.server";
import { parisDate, parisInstant } from "~/utils/working-days";
import { REPRISE_STATE_LABELS } from "../../workflows/reprise";

type Row = RepriseRow & { next: NextDeadline };

const date = (iso: string | null | undefined) => (iso ? parisInstant(iso) : null);

const COLUMNS: ExportColumn<Row>[] = [
  { header: "Référence", value: (r) => r.reference },
  { header: "Application", value: (r) => r.application },
  { header: "Date de la demande", value: (r) => date(r.requestDate) },
  { header: "Date souhaitée", value: (r) => date(r.desiredDate) },
  { header: "État", value: (r) => REPRISE_STATE_LABELS[r.workflow.status] ?? r.workflow.status },
  { header: "Prochaine échéance", value: (r) => r.next.label },
  { header: "Date de l'échéance", value: (r) => date(r.next.date) },
  { header: "En retard", value: (r) => r.next.late },
  { header: "Personne désignée", value: (r) => `${r.contactName}, ${r.contactFunction}` },
  { header: "Listes mensuelles", value: (r) => r.context.dispatchCount },
  { header: "Date arrêtée", value: (r) => date(r.context.finalDate) },
  { header: "Réception", value: (r) => date(r.context.receivedOn) },
  { header: "Fin du délai de validation", value: (r) => date(r.context.validationDeadline) },
  { header: "Acceptation", value: (r) => date(r.context.acceptedOn) },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "read:dashboard-mdph", { organisationId: user.organisationId });
  const format = exportFormatOf(new URL(request.url));
  const today = parisDate(now());
  const dispatch = await nextDispatchDays();
  const rows = orRefusal(await listRequests(user))
    .filter((r) => r.organisationId === user.organisationId)
    .map((r) => ({ ...r, next: nextDeadline(deadlineFactsOf(r), today, dispatch) }));
  return exportResponse({
    format,
    filename: `demandes-de-reprise-${user.organisation.departementCode ?? "mdph"}-${today}`,
    title: "Demandes de reprise ITAC et OPALES",
    subtitle: user.organisation.name,
    columns: COLUMNS,
    rows,
  });
}
