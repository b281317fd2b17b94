/**
 * The version page's numbering of threads, shared by the server (read models, redirects, the
 * text's links) and the page (pager, forms): THREADS_PER_PAGE threads a page, by date, page n at
 * `?fils=n` (page 1 without query).
 */
export const THREADS_PER_PAGE = 50;
/** The query word of the version page's numbering of threads. */
export const THREAD_PAGE_PARAM = "fils";

/** The page asked for in `?fils=`, at least 1 (the loader clamps it to the last page). */
export function threadPageParam(url: URL | string): number {
  const value = Number(new URL(url).searchParams.get(THREAD_PAGE_PARAM));
  return Number.isInteger(value) && value > 1 ? value : 1;
}

/** The page of the thread at `position` (1 for the oldest). */
export const pageOfPosition = (position: number) => Math.max(1, Math.ceil(position / THREADS_PER_PAGE));

/** The version page's address for thread page `page` (page 1 without query), with an optional fragment. */
export function threadPageHref(base: string, page: number, fragment = "") {
  return `${base}${page > 1 ? `?${THREAD_PAGE_PARAM}=${page}` : ""}${fragment}`;
}
