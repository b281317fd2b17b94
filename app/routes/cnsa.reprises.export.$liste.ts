/**
 * The coordinator's reprise lists as CSV, XLSX or PDF: the list the next dispatch of an
 * application will carry (`prochaine-itac`, `prochaine-opales`, same columns as the package the
 * State services receive), or every request with the filters of /cnsa/reprises/demandes.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { describeRequestFilter, requestFilterOf } from "~/modules/reprise/forms.server";
import { nextListRows } from "~/modules/reprise/dispatch-board.server";
import { REQUEST_EXPORT_COLUMNS } from "~/modules/reprise/request-tables.server";
import { LIST_COLUMNS } from "~/modules/reprise/package.server";
import { listRequests } from "~/modules/reprise/requests.server";
import { orRefusal } from "~/utils/intent.server";
import { requireRecentAuthentication } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { exportResponse, exportFormatOf } from "~/utils/export.server";
import { parisDate } from "~/utils/working-days";
import { requireCoordinator } from "~/utils/route-steps.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCoordinator(request);
  const url = new URL(request.url);
  const format = exportFormatOf(url);
  const today = parisDate(now());
  switch (params.liste) {
    case "prochaine-itac":
    case "prochaine-opales": {
      const application = params.liste === "prochaine-itac" ? "ITAC" : "OPALES";
      return exportResponse({
        format,
        filename: `prochaine-liste-${application}-${today}`,
        title: `Demandes de reprise ${application} — prochaine liste (état au ${today.split("-").reverse().join("/")})`,
        subtitle: "Ordre de priorité de la prochaine liste mensuelle, avant son envoi aux services de l'État",
        columns: LIST_COLUMNS,
        rows: await nextListRows(application),
      });
    }
    case "demandes": {
      // Every request of every MDPH: the identity is confirmed again first (decision 015).
      await requireRecentAuthentication(request);
      const filter = requestFilterOf(url);
      const rows = orRefusal(
        await listRequests(user, {
          application: filter.application,
          statuses: filter.state ? [filter.state] : undefined,
        }),
      );
      return exportResponse({
        format,
        filename: `demandes-de-reprise-${today}`,
        title: "Demandes de reprise ITAC et OPALES",
        subtitle: describeRequestFilter(filter),
        columns: REQUEST_EXPORT_COLUMNS,
        rows,
      });
    }
    default:
      throw new Response("Liste inconnue.", { status: 404 });
  }
}
