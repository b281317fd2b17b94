/** The people list as CSV, XLSX or PDF, with the list page's filters. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import {
  describePeopleFilters,
  listPeople,
  peopleFiltersOf,
  PEOPLE_EXPORT_COLUMNS,
} from "~/modules/people/admin.server";
import { requireRecentAuthentication, requireUserWith } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { exportResponse, exportFormatOf } from "~/utils/export.server";
import { parisDate } from "~/utils/working-days";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read:admin", "read:user");
  // A full export: the identity is confirmed again first (decision 015).
  await requireRecentAuthentication(request);
  const url = new URL(request.url);
  const format = exportFormatOf(url);
  const filters = peopleFiltersOf(url);
  const { people } = await listPeople(filters);
  return exportResponse({
    format,
    filename: `personnes-${parisDate(now())}`,
    title: "Personnes",
    subtitle: await describePeopleFilters(filters),
    columns: PEOPLE_EXPORT_COLUMNS,
    rows: people,
  });
}
