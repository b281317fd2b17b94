/**
 * The frozen text of a version with its highlighted passages, as one sanitised HTML string,
 * rendered once per version and state of its anchors rather than on every request (~20 ms for a
 * 15,800-word version).
 *
 * The cache key is what the HTML is made of: the version (its id and last change: a draft's text
 * changes) and every live anchored comment with its place, rank and thread page. A comment posted,
 * edited, deleted, anchored or moved to another page changes that list, so the next request
 * renders again; nothing needs invalidating by hand, and a command that forgot to would not
 * matter. Bounded: the least recently used versions go first.
 */
import { parseRichText } from "~/modules/richtext/render.server";
import { renderWithAnchors } from "./anchors.server";
import type { PassageLink } from "./queries/threads.server";
import { THREAD_PAGE_PARAM } from "./thread-pages";

const MAX_VERSIONS = 32;
const cache = new Map<string, { key: string; html: string }>();

/** The version's text with `links`, its live anchored passages (threadPage reads them with the page's threads). */
export function versionTextHtml(
  version: { id: string; updatedAt: string; content: string },
  links: PassageLink[],
): string {
  const key = `${version.updatedAt}|${links.map((l) => `${l.commentId}:${l.from}:${l.to}:${l.rank}:${l.page}`).join(",")}`;
  const cached = cache.get(version.id);
  if (cached && cached.key === key) {
    // Most recently used last, so that the first key is the one to evict.
    cache.delete(version.id);
    cache.set(version.id, cached);
    return cached.html;
  }
  const document = parseRichText(version.content) ?? { type: "doc" as const, content: [] };
  const html = renderWithAnchors(
    document,
    links.map((l) => ({
      commentId: l.commentId,
      from: l.from,
      to: l.to,
      thread: {
        // Relative to the version page, page 1 included: the text is the same on every page of threads.
        href: `?${THREAD_PAGE_PARAM}=${l.page}#commentaire-${l.commentId}`,
        label: `Commentaire n° ${l.rank}`,
        number: l.rank,
      },
    })),
    { headingOffset: 1 },
  );
  cache.delete(version.id);
  cache.set(version.id, { key, html });
  if (cache.size > MAX_VERSIONS) cache.delete(cache.keys().next().value!);
  return html;
}
