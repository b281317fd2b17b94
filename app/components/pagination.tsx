import { Link, useLocation } from "@remix-run/react";

/** Rows per page of the administration lists. */
export const PAGE_SIZE = 50;

/** The page asked for in `?page=` (or `?<param>=`), at least 1; loaders clamp it to the last page themselves. */
export function pageOf(url: URL | string, param = "page"): number {
  const value = Number(new URL(url).searchParams.get(param));
  return Number.isInteger(value) && value > 1 ? value : 1;
}

/** `{ take, skip }` for page `page`, and the page count for `total` rows. */
export function pageWindow(page: number, total: number, size = PAGE_SIZE) {
  const pageCount = Math.max(1, Math.ceil(total / size));
  const current = Math.min(page, pageCount);
  return { page: current, pageCount, take: size, skip: (current - 1) * size };
}

/**
 * Fetches page `requested` of a list; when it lies beyond the last page (rows were removed,
 * or the URL was typed), fetches the last page instead.
 */
export async function fetchPage<T extends { total: number }>(
  requested: number,
  fetch: (range: { take: number; skip: number }) => Promise<T>,
  size = PAGE_SIZE,
) {
  let result = await fetch({ take: size, skip: (requested - 1) * size });
  const window = pageWindow(requested, result.total, size);
  if (window.page !== requested) result = await fetch({ take: window.take, skip: window.skip });
  return { ...result, page: window.page, pageCount: window.pageCount };
}

/** Page numbers around the current one, with null where pages are left out. */
function numbers(page: number, pageCount: number): (number | null)[] {
  const wanted = new Set([1, pageCount, page - 1, page, page + 1].filter((n) => n >= 1 && n <= pageCount));
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  sorted.forEach((n, i) => {
    if (i > 0 && n - sorted[i - 1] > 1) out.push(null);
    out.push(n);
  });
  return out;
}

/**
 * DSFR pagination (fr-pagination); links keep the list's other search parameters (filters),
 * except those in `omit` (e.g. a one-off success notice). `param`: the query word of the page
 * number; `fragment`: where the links land on the page.
 * Renders nothing when everything fits on one page.
 */
export function Pagination({
  page,
  pageCount,
  label = "Pagination",
  param = "page",
  fragment = "",
  omit = [],
}: {
  page: number;
  pageCount: number;
  label?: string;
  param?: string;
  fragment?: string;
  omit?: string[];
}) {
  const location = useLocation();
  if (pageCount <= 1) return null;
  const href = (n: number) => {
    const params = new URLSearchParams(location.search);
    for (const name of omit) params.delete(name);
    if (n === 1) params.delete(param);
    else params.set(param, String(n));
    const search = params.toString();
    return `${location.pathname}${search ? `?${search}` : ""}${fragment}`;
  };
  const edge = (n: number, enabled: boolean, className: string, text: string) => (
    <li>
      {enabled ? (
        <Link className={`fr-pagination__link ${className}`} to={href(n)}>
          {text}
        </Link>
      ) : (
        <a className={`fr-pagination__link ${className}`} aria-disabled="true" role="link">
          {text}
        </a>
      )}
    </li>
  );
  return (
    <nav role="navigation" className="fr-pagination fr-mt-3w" aria-label={label}>
      <ul className="fr-pagination__list">
        {edge(1, page > 1, "fr-pagination__link--first", "Première page")}
        {edge(page - 1, page > 1, "fr-pagination__link--prev fr-pagination__link--lg-label", "Page précédente")}
        {numbers(page, pageCount).map((n, i) =>
          n === null ? (
            <li key={`ellipse-${i}`}>
              <span className="fr-pagination__link fr-displayed-lg" aria-hidden="true">
                …
              </span>
            </li>
          ) : (
            <li key={n}>
              {n === page ? (
                <a className="fr-pagination__link" aria-current="page" title={`Page ${n}`}>
                  {n}
                </a>
              ) : (
                <Link className="fr-pagination__link" to={href(n)} title={`Page ${n}`}>
                  {n}
                </Link>
              )}
            </li>
          ),
        )}
        {edge(page + 1, page < pageCount, "fr-pagination__link--next fr-pagination__link--lg-label", "Page suivante")}
        {edge(pageCount, page < pageCount, "fr-pagination__link--last", "Dernière page")}
      </ul>
    </nav>
  );
}
