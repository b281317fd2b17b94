/**
 * The rich-text extensions, shared by the browser editor and the server renderer: the server
 * renders exactly what the editor can produce. No `.server` suffix: the editor imports it.
 */
import { Extension } from "@tiptap/core";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { Plugin } from "@tiptap/pm/state";
import StarterKit from "@tiptap/starter-kit";

/**
 * Nesting levels a document may have, the document itself counting as one (a list inside a
 * list item adds two). The server refuses deeper documents before any recursive walk
 * (render.server.ts); the editor refuses to nest further, so it never produces one.
 */
export const MAX_NESTING = 64;

/** Levels below `node`, itself included, stopping as soon as `limit` is passed. */
function nestingOf(node: ProseMirrorNode, limit: number): number {
  let deepest = 1;
  node.forEach((child) => {
    if (deepest <= limit) deepest = Math.max(deepest, 1 + nestingOf(child, limit - 1));
  });
  return deepest;
}

/**
 * Drops any edit (sinking a list item, wrapping in a quote, pasting) that would nest deeper than
 * MAX_NESTING. An edit that does not deepen a document already past it (typing) goes through.
 */
const NestingLimit = Extension.create({
  name: "nestingLimit",
  addProseMirrorPlugins() {
    return [
      new Plugin({
        filterTransaction: (transaction, state) => {
          if (!transaction.docChanged) return true;
          const after = nestingOf(transaction.doc, MAX_NESTING + 1);
          return after <= MAX_NESTING || after <= nestingOf(state.doc, MAX_NESTING + 1);
        },
      }),
    ];
  },
});

export const RICH_TEXT_EXTENSIONS = [
  StarterKit.configure({ link: { openOnClick: false, autolink: true, protocols: ["http", "https", "mailto"] } }),
  NestingLimit,
];

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
