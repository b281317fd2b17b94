/** The organisations list as CSV, XLSX or PDF, with the list page's filters. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import {
  describeOrganisationFilters,
  listOrganisations,
  organisationFiltersOf,
  ORGANISATION_EXPORT_COLUMNS,
} from "~/modules/organisations/admin.server";
import { requireUserWith } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { exportResponse, exportFormatOf } from "~/utils/export.server";
import { parisDate } from "~/utils/working-days";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read:admin", "read:organisation");
  const url = new URL(request.url);
  const format = exportFormatOf(url);
  const filters = organisationFiltersOf(url);
  const { organisations } = await listOrganisations(filters);
  return exportResponse({
    format,
    filename: `organisations-${parisDate(now())}`,
    title: "Organisations",
    subtitle: describeOrganisationFilters(filters),
    columns: ORGANISATION_EXPORT_COLUMNS,
    rows: organisations,
  });
}
