/**
 * Reads a rich-text field posted by <RichTextEditor>: the editor's JSON (field `name`) when
 * JavaScript ran, else the plain text of its textarea (field `${name}__texte`). The JSON is
 * checked against the editor's own schema, links outside http(s)/mailto are dropped, and
 * empty paragraphs at the start and end are trimmed, so what is stored is what the editor
 * could have produced. The renderer's allow-list still applies when it is shown.
 */
import { data } from "@remix-run/node";
import { documentFromPlainText, emptyDocument, type RichTextNode } from "./document";
import { isAllowedLinkHref } from "./extensions";
import { multiLineProblem } from "~/utils/forms";
import {
  editorSchema,
  inspectRichText,
  MAX_JSON_LENGTH,
  plainText,
  type RichTextDocument,
  type RichTextProblem,
} from "./render.server";

export { documentFromPlainText, emptyDocument };

export type RichTextFieldResult =
  | { ok: true; document: RichTextDocument; json: string; empty: boolean }
  /**
   * `typed` is what was posted (JSON or text); `document` is it again for the editor's
   * initialDocument (its text only, when the posted document itself was refused). `unprocessable`:
   * the posted document is one the editor could not have produced; the page answers 422.
   */
  | { ok: false; error: string; typed: string; document: RichTextDocument; unprocessable?: true };

const REFUSALS: Record<RichTextProblem, string> = {
  invalid: "Le texte mis en forme est invalide : saisissez-le à nouveau.",
  "too-deep":
    "Le texte mis en forme imbrique trop de listes ou de citations les unes dans les autres : réduisez l'imbrication, puis enregistrez de nouveau.",
  "too-large": `Le texte mis en forme est trop volumineux (${(MAX_JSON_LENGTH / 1_000_000).toLocaleString("fr-FR")} millions de caractères au plus) : raccourcissez-le ou découpez-le, puis enregistrez de nouveau.`,
};

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
    const inspected = inspectRichText(posted);
    const normalised = inspected.ok ? normaliseDocument(inspected.document) : null;
    if (!normalised) {
      const problem = inspected.ok ? "invalid" : inspected.problem;
      // What was typed comes back as paragraphs of its text, so that nothing is lost.
      const shown = inspected.ok ? inspected.document : inspected.data;
      return {
        ok: false,
        error: REFUSALS[problem],
        typed,
        document: documentFromPlainText(textOf(shown)),
        unprocessable: true,
      };
    }
    document = normalised;
  } else {
    const text = formData.get(`${name}__texte`);
    typed = typeof text === "string" ? text : "";
    document = documentFromPlainText(typed);
  }

  const text = plainText(document);
  const length = text.length;
  const control = multiLineProblem(text);
  if (control) return { ok: false, error: control, typed, document };
  if (length === 0 && options.required) {
    return { ok: false, error: `Saisissez ${options.label ?? "le texte"}.`, typed, document };
  }
  if (options.maxLength !== undefined && length > options.maxLength) {
    const max = options.maxLength.toLocaleString("fr-FR");
    return {
      ok: false,
      error: `Le texte dépasse ${max} caractères : raccourcissez-le (${length.toLocaleString("fr-FR")} caractères actuellement).`,
      typed,
      document,
    };
  }
  return { ok: true, document, json: JSON.stringify(document), empty: length === 0 };
}

/** An action's answer, or the same with an HTTP status (withRichTextStatus). */
export type WithStatus<T> = T | ReturnType<typeof data<T>>;

/** 422 when one of the page's rich-text fields was refused as a document the editor could not produce. */
export function withRichTextStatus<T>(body: T, ...fields: RichTextFieldResult[]): WithStatus<T> {
  return fields.some((field) => !field.ok && field.unprocessable) ? data(body, { status: 422 }) : body;
}

/**
 * The text of a posted document, blocks separated by blank lines, read with an explicit stack:
 * it runs on documents refused for their depth.
 */
export function textOf(data: unknown): string {
  const out: string[] = [];
  const stack: unknown[] = [data];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === "string") {
      out.push(value);
      continue;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) continue;
    const node = value as { type?: unknown; text?: unknown; content?: unknown };
    if (node.type === "text" && typeof node.text === "string") out.push(node.text);
    else if (node.type === "hardBreak") out.push("\n");
    if (!Array.isArray(node.content)) continue;
    // A block's text ends with a blank line; its children are read in order.
    if (node.type !== "doc") stack.push("\n\n");
    for (let i = node.content.length - 1; i >= 0; i--) stack.push(node.content[i]);
  }
  return out
    .join("")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

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
  const marks = node.marks?.filter(
    (mark) => mark.type !== "link" || (typeof mark.attrs?.href === "string" && isAllowedLinkHref(mark.attrs.href)),
  );
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
