import { Link } from "@remix-run/react";

export type ResultCountProps = {
  total: number;
  /** What is counted, in the singular; the plural adds an "s". */
  noun: string;
  /** The list is narrowed by filters: says so (unless `about` says more) and offers to clear them. */
  filtered?: boolean;
  /** What the rows are about, said instead of "correspondant aux filtres", e.g. `au statut « Envoyé »`. */
  about?: string;
  /** Where "Effacer les filtres" leads: the list without its filters. */
  clearTo?: string;
  page?: number;
  pageCount?: number;
  /** The order of the rows, e.g. `du plus récent au plus ancien`. */
  order?: string;
};

/**
 * The line under a list's filters: how many rows there are, which page is shown, and a link
 * that clears the filters, e.g. "12 personnes correspondant aux filtres — page 1 sur 3.
 * Effacer les filtres". A status, so that screen readers announce it when the filters change.
 */
export function ResultCount({
  total,
  noun,
  filtered = false,
  about,
  clearTo,
  page,
  pageCount,
  order,
}: ResultCountProps) {
  return (
    <p role="status">
      {total} {noun}
      {total > 1 ? "s" : ""}
      {about ? ` ${about}` : filtered ? " correspondant aux filtres" : ""}
      {page !== undefined && pageCount !== undefined && pageCount > 1 ? ` — page ${page} sur ${pageCount}` : ""}
      {order ? `, ${order}` : ""}.
      {filtered && clearTo ? (
        <>
          {" "}
          <Link to={clearTo}>Effacer les filtres</Link>
        </>
      ) : null}
    </p>
  );
}
