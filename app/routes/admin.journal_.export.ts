/** The audit log as CSV, XLSX or PDF, with the journal page's filters (newest first). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import {
  describeJournalFilters,
  journalFiltersOf,
  JOURNAL_EXPORT_COLUMNS,
  listAuditEntries,
} from "~/modules/journal/admin.server";
import { requireRecentAuthentication, requireUserWith } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { exportResponse, exportFormatOf } from "~/utils/export.server";
import { parisDate } from "~/utils/working-days";

/** A PDF of more rows would be unreadable; CSV and XLSX take the whole log. */
const PDF_LIMIT = 5_000;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWith(request, "read:audit");
  // A full export: the identity is confirmed again first (decision 015).
  await requireRecentAuthentication(request);
  const url = new URL(request.url);
  const format = exportFormatOf(url);
  const filters = journalFiltersOf(url);
  const { entries, total } = await listAuditEntries(filters, undefined, format === "pdf" ? PDF_LIMIT : 1_000_000);
  const described = describeJournalFilters(filters);
  const truncated = entries.length < total ? `${entries.length} entrées les plus récentes sur ${total}` : undefined;
  return exportResponse({
    format,
    filename: `journal-audit-${parisDate(now())}`,
    title: "Journal d'audit",
    subtitle: [described, truncated].filter(Boolean).join(" — ") || undefined,
    columns: JOURNAL_EXPORT_COLUMNS,
    rows: entries,
  });
}
