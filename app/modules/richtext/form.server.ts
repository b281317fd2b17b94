/**
 * Reads a rich-text field posted by <RichTextEditor>: the editor's JSON (field `name`) when
 * JavaScript ran, else the plain text of its textarea (field `${name}__texte`). The JSON is
 * checked against the editor's own schema, links outside http(s)/mailto are dropped, and
 * empty paragraphs at the start and end are trimmed, so what is stored is what the editor
 * could have produced. The renderer's allow-list still applies when it is shown.
 */
import { getSchema } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";
import { documentFromPlainText, emptyDocument, type RichTextNode } from "./document";
import { isAllowedLinkHref, RICH_TEXT_EXTENSIONS } from "./extensions";
import { parseRichText, plainText, type RichTextDocument } from "./render.server";

export { documentFromPlainText, emptyDocument };

/** Far above any real document; refused before parsing. */
const MAX_JSON_LENGTH = 2_000_000;

export type RichTextFieldResult =
  | { ok: true; document: RichTextDocument; json: string; empty: boolean }
  /** `typed` is what was posted (JSON or text); `document` is it again for the editor's initialDocument. */
  | { ok: false; error: string; typed: string; document: RichTextDocument };

type Options = {
  required?: boolean;
  /** What to type, after "Saisissez": "la lettre de mission". Default "le texte". */
  label?: string;
  /** Maximum length of the text, formatting not counted. */
  maxLength?: number;
};

export function readRichText(formData: FormData, name: string, options: Options = {}): RichTextFieldResult {
  const posted = formData.get(name);
  let document: RichTextDocument;
  let typed: string;
  if (typeof posted === "string" && posted.trim() !== "") {
    typed = posted;
    const normalised = posted.length <= MAX_JSON_LENGTH ? normaliseDocument(parseRichText(posted)) : null;
    if (!normalised) {
      return { ok: false, error: "Le texte mis en forme est invalide : saisissez-le à nouveau.", typed, document: emptyDocument() };
    }
    document = normalised;
  } else {
    const text = formData.get(`${name}__texte`);
    typed = typeof text === "string" ? text : "";
    document = documentFromPlainText(typed);
  }

  const length = plainText(document).length;
  if (length === 0 && options.required) {
    return { ok: false, error: `Saisissez ${options.label ?? "le texte"}.`, typed, document };
  }
  if (options.maxLength !== undefined && length > options.maxLength) {
    const max = options.maxLength.toLocaleString("fr-FR");
    return { ok: false, error: `Le texte dépasse ${max} caractères : raccourcissez-le (${length.toLocaleString("fr-FR")} caractères actuellement).`, typed, document };
  }
  return { ok: true, document, json: JSON.stringify(document), empty: length === 0 };
}

let schema: Schema | null = null;
const editorSchema = () => (schema ??= getSchema(RICH_TEXT_EXTENSIONS));

/**
 * The document as the editor's schema sees it (unknown nodes, marks or attributes refused),
 * without disallowed links or leading/trailing empty paragraphs; null when it is not valid.
 */
export function normaliseDocument(document: RichTextDocument | null): RichTextDocument | null {
  if (!document) return null;
  const cleaned = { ...document, content: trimEmptyParagraphs((document.content ?? []).map(withoutUnsafeLinks)) };
  if (cleaned.content.length === 0) return emptyDocument();
  try {
    const node = editorSchema().nodeFromJSON(cleaned);
    node.check();
    return node.toJSON() as RichTextDocument;
  } catch {
    return null;
  }
}

function withoutUnsafeLinks(node: RichTextNode): RichTextNode {
  const marks = node.marks?.filter((mark) => mark.type !== "link" || (typeof mark.attrs?.href === "string" && isAllowedLinkHref(mark.attrs.href)));
  return {
    ...node,
    ...(marks ? { marks } : {}),
    ...(node.content ? { content: node.content.map(withoutUnsafeLinks) } : {}),
  };
}

const isEmptyParagraph = (node: RichTextNode) => node.type === "paragraph" && plainText(node).trim() === "";

function trimEmptyParagraphs(content: RichTextNode[]): RichTextNode[] {
  let start = 0;
  let end = content.length;
  while (start < end && isEmptyParagraph(content[start])) start++;
  while (end > start && isEmptyParagraph(content[end - 1])) end--;
  return content.slice(start, end);
}
