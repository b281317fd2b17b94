/**
 * The disposition table of a cycle: every live top-level comment with its author, its passage
 * in context, the number of replies, and the pilot's disposition and reply. It is the record
 * that the cycle was honest (domain.md §2), shown on a page and exported as CSV, XLSX, PDF.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import type { ExportColumn } from "~/utils/export.server";
import { RFC_CYCLE_STATE_LABELS } from "../../../workflows/rfc-cycle";
import { dispositionRows, type DispositionRow } from "./queries/dispositions.server";
import { threadCounts } from "./queries/threads.server";
import { readableVersion } from "./queries/version.server";
import { THREADS_PER_PAGE } from "./thread-pages";
import { success } from "~/utils/result";

/**
 * The table of a version's cycle: the page of threads `page` asks for (clamped to the last), or
 * every row when no page is asked for (the export). The counts are the whole cycle's.
 */
export async function dispositionTable(user: SessionUser, number: string, versionNumber: number, page?: number) {
  const found = await readableVersion(user, number, versionNumber);
  if (!found.ok) return found;
  const { rfc, access, version } = found.value;
  const counts = await threadCounts(version.id);
  const pageCount = Math.max(1, Math.ceil(counts.threads / THREADS_PER_PAGE));
  const shown = page === undefined ? undefined : Math.min(Math.max(1, page), pageCount);
  const { status } = version.workflow;
  return success({
    rfc: { number: rfc.number, title: rfc.title },
    access,
    version: {
      number: version.number,
      status,
      statusLabel: RFC_CYCLE_STATE_LABELS[status] ?? status,
      deadline: version.context.deadline,
    },
    /** Each row with the version page's thread page that holds it, for its link. */
    rows: await dispositionRows(version.id, shown),
    /** Live comments of the whole cycle, and those still without a disposition. */
    total: counts.live,
    undisposed: counts.undisposed,
    page: shown ?? 1,
    pageCount: shown === undefined ? 1 : pageCount,
  });
}

export const DISPOSITION_COLUMNS: ExportColumn<DispositionRow>[] = [
  { header: "N°", value: (r) => r.rank, width: 5 },
  { header: "Nature", value: (r) => r.kind, width: 12 },
  { header: "Organisation", value: (r) => r.organisation, width: 24 },
  { header: "Auteur", value: (r) => r.author, width: 18 },
  { header: "Déposé le", value: (r) => new Date(r.postedAt), dateFormat: "datetime", width: 16 },
  { header: "Passage (avec son contexte)", value: (r) => r.passage, width: 40 },
  { header: "Commentaire", value: (r) => r.comment, width: 50 },
  { header: "Réponses", value: (r) => r.replies, width: 9 },
  { header: "Disposition", value: (r) => r.disposition || "sans réponse", width: 16 },
  { header: "Réponse du pilote", value: (r) => r.reply, width: 50 },
];
