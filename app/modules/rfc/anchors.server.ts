/**
 * Comments anchored to a passage of a frozen RFC version.
 *
 * Locating: the passage a person selected (or pasted) is looked for in the version's
 * ProseMirror document, built with the editor's own schema, ignoring whitespace (a selection
 * across paragraphs copies line breaks that the document does not hold). When it occurs more
 * than once, the text around the selection (prefix/suffix, sent by the passage picker)
 * decides. The anchor keeps the document positions and, from the document itself, the quote
 * and up to 40 characters of context on each side, so the disposition table can show it.
 *
 * Rendering: the version's HTML with each anchored passage wrapped in
 * <mark id="passage-<commentId>" class="rfc-passage">. The marks are added around text only,
 * inside each text node, as private-use sentinel characters that survive the rich-text
 * renderer and its allow-list untouched; they become tags after sanitisation. So the HTML is
 * exactly as safe as renderRichText's, and marks nest correctly with bold, links, paragraphs.
 */
import { Node as PmNode } from "@tiptap/pm/model";
import { editorSchema, renderRichText, type RichTextDocument } from "~/modules/richtext/render.server";

export const CONTEXT_LENGTH = 40;
export const MAX_PASSAGE_LENGTH = 2_000;

export type Anchor = { from: number; to: number; quote: string; prefix: string; suffix: string };

export type LocateResult = { ok: true; anchor: Anchor } | { ok: false; message: string };

export function toProseMirror(document: RichTextDocument): PmNode {
  return PmNode.fromJSON(editorSchema(), document);
}

const collapse = (text: string) => text.replace(/\s+/g, " ");
const stripSpaces = (text: string) => text.replace(/\s+/g, "");
/** Typographic and straight apostrophes are the same for matching (a passage may be typed). */
const fold = (ch: string) => (ch === "’" || ch === "‘" ? "'" : ch);
const foldAll = (text: string) => [...text].map(fold).join("");

/** Every non-whitespace character of the document's text, with its document position. */
function indexText(doc: PmNode) {
  let text = "";
  const positions: number[] = [];
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    const value = node.text ?? "";
    // Iterate by UTF-16 unit: ProseMirror positions count UTF-16 units too.
    for (let i = 0; i < value.length; i++) {
      if (/\s/.test(value[i])) continue;
      text += fold(value[i]);
      positions.push(pos + i);
    }
    return false;
  });
  return { text, positions };
}

function occurrences(haystack: string, needle: string) {
  const found: number[] = [];
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) found.push(i);
  return found;
}

function commonSuffix(a: string, b: string) {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefix(a: string, b: string) {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** `text` from `start`, without the word that `start` would cut. */
function wholeWordsFrom(text: string, start: number) {
  if (start <= 0) return text;
  const cut = text.slice(start);
  return /\s/.test(text[start - 1]) ? cut : cut.replace(/^\S*/, "");
}

/** `text` up to `end`, without the word that `end` would cut. */
function wholeWordsTo(text: string, end: number) {
  if (end >= text.length) return text;
  const cut = text.slice(0, end);
  return /\s/.test(text[end]) ? cut : cut.replace(/\S*$/, "");
}

/** The anchor's quote and context, read from the document with blocks separated by a space. */
export function anchorAt(doc: PmNode, from: number, to: number): Anchor {
  const before = collapse(doc.textBetween(0, from, " ", " ")).trimEnd();
  const after = collapse(doc.textBetween(to, doc.content.size, " ", " ")).trimStart();
  return {
    from,
    to,
    quote: collapse(doc.textBetween(from, to, " ", " ")).trim(),
    prefix: wholeWordsFrom(before, before.length - CONTEXT_LENGTH).trimStart(),
    suffix: wholeWordsTo(after, CONTEXT_LENGTH).trimEnd(),
  };
}

/**
 * Finds `passage` in the document. `prefix`/`suffix` (text just before and after the
 * selection on the page; empty when the passage was typed) choose among several occurrences.
 */
export function locatePassage(
  document: RichTextDocument,
  passage: string,
  context: { prefix?: string; suffix?: string } = {},
): LocateResult {
  const wanted = foldAll(stripSpaces(passage));
  if (wanted === "") return { ok: false, message: "Sélectionnez ou collez le passage que vous commentez." };
  if (passage.length > MAX_PASSAGE_LENGTH)
    return {
      ok: false,
      message: `Le passage dépasse ${MAX_PASSAGE_LENGTH.toLocaleString("fr-FR")} caractères : commentez plutôt le texte entier, ou choisissez un passage plus court.`,
    };
  const doc = toProseMirror(document);
  const { text, positions } = indexText(doc);
  const found = occurrences(text, wanted);
  if (found.length === 0)
    return {
      ok: false,
      message:
        "Ce passage ne figure pas dans la version commentée. Sélectionnez-le dans le texte ou copiez-le à l'identique.",
    };
  let start = found[0];
  if (found.length > 1) {
    const prefix = foldAll(stripSpaces(context.prefix ?? ""));
    const suffix = foldAll(stripSpaces(context.suffix ?? ""));
    const scored = found.map((at) => ({
      at,
      score: commonSuffix(text.slice(0, at), prefix) + commonPrefix(text.slice(at + wanted.length), suffix),
    }));
    scored.sort((a, b) => b.score - a.score);
    if (scored[0].score === 0 || scored[0].score === scored[1].score) {
      return {
        ok: false,
        message: `Ce passage figure ${found.length} fois dans le texte : sélectionnez un passage plus long, qui ne figure qu'une fois.`,
      };
    }
    start = scored[0].at;
  }
  const from = positions[start];
  const to = positions[start + wanted.length - 1] + 1;
  return { ok: true, anchor: anchorAt(doc, from, to) };
}

// ---------------------------------------------------------------------------------------------
// Rendering with marks
// ---------------------------------------------------------------------------------------------

const OPEN = "\uE000";
const OPEN_END = "\uE001";
const CLOSE = "\uE002";
const LINK = "\uE003";
const LINK_END = "\uE004";
const SENTINELS = /[\uE000-\uE004]/g;
const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export type PassageAnchor = {
  commentId: string;
  from: number;
  to: number;
  /**
   * Where the passage's thread is, with the label read out for the link: the passage ends with an
   * empty link to it (its visible number comes from CSS, so that a selection's text and the passage
   * picker's context stay the document's own text).
   */
  thread?: { href: string; label: string; number: number };
};

type Json = { type: string; text?: string; content?: Json[]; [key: string]: unknown };

/**
 * The version's safe HTML with each anchor's passage in a <mark>. Anchors outside the document
 * or with an unexpected id are ignored; the first piece of each passage carries its id.
 * `headingOffset` lowers the document's headings under the page's own (h2 → h3 for 1).
 */
export function renderWithAnchors(
  document: RichTextDocument,
  anchors: PassageAnchor[],
  options: { headingOffset?: number } = {},
): string {
  const html = marked(document, anchors);
  const offset = options.headingOffset ?? 0;
  // The sanitised headings carry no attribute: shifting their level is a plain rename (h6 at most).
  return offset > 0
    ? html.replace(
        /<(\/?)h([1-6])>/g,
        (_, slash: string, level: string) => `<${slash}h${Math.min(6, Number(level) + offset)}>`,
      )
    : html;
}

const escapeAttribute = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function marked(document: RichTextDocument, anchors: PassageAnchor[]): string {
  const valid = anchors.filter(
    (a) => SAFE_ID.test(a.commentId) && Number.isInteger(a.from) && Number.isInteger(a.to) && a.from < a.to,
  );
  let doc: PmNode;
  try {
    doc = toProseMirror(document);
  } catch {
    return renderRichText(document);
  }
  const size = doc.content.size;
  const usable = valid.filter((a) => a.to <= size);
  const opened = new Set<string>();

  const threads = new Map(usable.flatMap((a) => (a.thread ? [[a.commentId, a.thread] as const] : [])));
  /** The text with its marks; the links to threads of the passages ending in it, apart. */
  const textWithSentinels = (text: string, start: number) => {
    const clean = text.replace(SENTINELS, "");
    // Positions no longer match: leave it unmarked.
    if (clean.length !== text.length) return { text: clean, links: "" };
    const end = start + text.length;
    const touching = usable.filter((a) => a.from < end && a.to > start);
    if (touching.length === 0) return { text, links: "" };
    const cuts = new Set([start, end]);
    for (const a of touching) {
      if (a.from > start) cuts.add(a.from);
      if (a.to < end) cuts.add(a.to);
    }
    const sorted = [...cuts].sort((x, y) => x - y);
    let out = "";
    let links = "";
    for (let i = 0; i < sorted.length - 1; i++) {
      const [a, b] = [sorted[i], sorted[i + 1]];
      const piece = text.slice(a - start, b - start);
      const covering = touching.filter((anchor) => anchor.from <= a && anchor.to >= b);
      let open = "";
      for (const anchor of covering) {
        const id = opened.has(anchor.commentId) ? "" : anchor.commentId;
        opened.add(anchor.commentId);
        open += `${OPEN}${id}${OPEN_END}`;
      }
      out += open + piece + CLOSE.repeat(covering.length);
      for (const anchor of covering)
        if (anchor.to === b && threads.has(anchor.commentId)) links += `${LINK}${anchor.commentId}${LINK_END}`;
    }
    return { text: out, links };
  };
  const inLink = (node: PmNode) => node.marks.some((m) => m.type.name === "link");

  // Sentinels may only come from the text this function writes: none in attributes or marks.
  const scrub = (value: object) => JSON.parse(JSON.stringify(value).replace(SENTINELS, "")) as Json;
  const convert = (node: PmNode, pos: number): Json => {
    const { content: _content, text: _text, ...rest } = node.toJSON() as Json;
    const json = scrub(rest);
    if (node.childCount === 0) return json;
    const base = node.type.name === "doc" ? 0 : pos + 1;
    const content: Json[] = [];
    // A passage's link follows its last piece, after the text's link if it ends in one (no link in a link).
    let pending = "";
    node.forEach((child, offset, index) => {
      if (!child.isText) {
        content.push(convert(child, base + offset));
        return;
      }
      const { content: _c, text: _t, ...childRest } = child.toJSON() as Json;
      const marked = textWithSentinels(child.text ?? "", base + offset);
      const linked = inLink(child);
      content.push({ ...scrub(childRest), text: linked ? marked.text : marked.text + marked.links });
      if (linked) pending += marked.links;
      const next = index + 1 < node.childCount ? node.child(index + 1) : null;
      if (pending && !(next?.isText && inLink(next))) {
        content.push({ type: "text", text: pending });
        pending = "";
      }
    });
    return { ...json, content };
  };

  const html = renderRichText(convert(doc, 0) as RichTextDocument);
  return html
    .replace(/\uE000([^\uE000-\uE002]*)\uE001/g, (_, id: string) =>
      id && SAFE_ID.test(id) ? `<mark class="rfc-passage" id="passage-${id}">` : '<mark class="rfc-passage">',
    )
    .replace(/\uE002/g, "</mark>")
    .replace(/\uE003([^\uE000-\uE004]*)\uE004/g, (_, id: string) => {
      const thread = threads.get(id);
      return thread
        ? `<a class="rfc-passage-link" href="${escapeAttribute(thread.href)}" data-numero="${thread.number}" ` +
            `aria-label="${escapeAttribute(thread.label)}"></a>`
        : "";
    })
    .replace(SENTINELS, "");
}
