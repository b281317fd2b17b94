/**
 * The rich-text extensions, shared by the browser editor and the server renderer: the server
 * renders exactly what the editor can produce. No `.server` suffix: the editor imports it.
 */
import StarterKit from "@tiptap/starter-kit";

export const RICH_TEXT_EXTENSIONS = [StarterKit.configure({ link: { openOnClick: false, autolink: true, protocols: ["http", "https", "mailto"] } })];

/** The only link addresses a document may hold (the renderer's allow-list says the same). */
export function isAllowedLinkHref(href: string): boolean {
  const value = href.trim();
  if (/^mailto:[^\s@]+@[^\s@]+$/i.test(value)) return true;
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}
