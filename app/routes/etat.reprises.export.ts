/** The requests routed to this State service (or centre), as CSV, XLSX or PDF. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { REQUEST_EXPORT_COLUMNS } from "~/modules/reprise/request-tables.server";
import { listRequests } from "~/modules/reprise/requests.server";
import { CENTRE_LABELS, SERVICE_LABELS } from "~/modules/reprise/rules";
import { stateServiceAccess } from "~/modules/reprise/policy.server";
import { orRefusal } from "~/utils/intent.server";
import { requireUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { exportResponse, exportFormatOf } from "~/utils/export.server";
import { parisDate } from "~/utils/working-days";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const service = orRefusal(stateServiceAccess(user));
  const format = exportFormatOf(new URL(request.url));
  const who = service.centre
    ? `centre d'exploitation de ${CENTRE_LABELS[service.centre]}`
    : SERVICE_LABELS[service.application];
  return exportResponse({
    format,
    filename: `demandes-de-reprise-${service.application}${service.centre ? `-${service.centre.toLowerCase()}` : ""}-${parisDate(now())}`,
    title: `Demandes de reprise ${service.application} transmises par la CNSA`,
    subtitle: `Demandes routées vers : ${who}`,
    columns: REQUEST_EXPORT_COLUMNS,
    rows: orRefusal(await listRequests(user)),
  });
}
