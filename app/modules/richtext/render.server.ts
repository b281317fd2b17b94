/**
 * Rich text (mission letters, minutes, RFC versions) is stored as Tiptap JSON and rendered to
 * HTML on the server, so it reads without JavaScript. The JSON is validated, rendered with the
 * same extensions as the editor, then passed through an allow-list: no script, no event
 * handler, no style, and links only to http(s) and mailto addresses.
 */
import { getSchema } from "@tiptap/core";
import { DOMSerializer, Node as PmNode, type Schema } from "@tiptap/pm/model";
import { Window } from "happy-dom";
import sanitizeHtml from "sanitize-html";
import { z } from "zod";
import { MAX_NESTING, RICH_TEXT_EXTENSIONS } from "./extensions";

/** The editor's extensions (app/modules/richtext/extensions.ts): the server renders exactly what the editor can produce. */
export { RICH_TEXT_EXTENSIONS };

type Node = {
  type: string;
  content?: Node[];
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
};

// The object schema is built once; only the recursion is lazy. (Wrapping the whole object in
// z.lazy made zod rebuild it for every node: 70 ms instead of 6 ms for a 150 kB document.)
const node: z.ZodType<Node> = z.object({
  type: z.string().max(40),
  text: z.string().max(200_000).optional(),
  attrs: z.record(z.unknown()).optional(),
  marks: z
    .array(z.object({ type: z.string().max(40), attrs: z.record(z.unknown()).optional() }))
    .max(20)
    .optional(),
  content: z.lazy(() => z.array(node).max(20_000)).optional(),
});

export const richTextSchema = z.object({ type: z.literal("doc"), content: z.array(node).max(20_000).optional() });
export type RichTextDocument = z.infer<typeof richTextSchema>;

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "strong",
    "em",
    "u",
    "s",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "hr",
  ],
  allowedAttributes: { a: ["href", "rel"], ol: ["start"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  // Headings start at h2: the page's own title is the only h1 (RGAA).
  transformTags: {
    h1: "h2",
    a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow" }),
  },
};

/** Far above any real document (a 150-page RFC is about 1 MB); refused before parsing. */
export const MAX_JSON_LENGTH = 2_000_000;
/** Nodes, marks and attributes, counted together. */
const MAX_ITEMS = 200_000;

export type RichTextProblem = "invalid" | "too-deep" | "too-large";

/**
 * Depth and size of parsed JSON, measured with an explicit stack so that a hostile document
 * cannot overflow the call stack here. Every walk after this check (zod, ProseMirror, the
 * renderer, JSON.stringify) is recursive, and a few thousand levels overflow the stack. A node at nesting level n sits 2n - 1 JSON levels deep
 * (node, content array, node…); its marks and attributes add at most four more.
 */
export function richTextShapeProblem(data: unknown): RichTextProblem | null {
  const maxJsonDepth = 2 * MAX_NESTING + 4;
  const stack: [unknown, number][] = [[data, 1]];
  let items = 0;
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== "object") continue;
    if (depth > maxJsonDepth) return "too-deep";
    if (++items > MAX_ITEMS) return "too-large";
    const children = Array.isArray(value) ? value : Object.values(value);
    for (const child of children) if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
  }
  return null;
}

/** Reads stored or submitted JSON: the document, or why it is refused. */
export function inspectRichText(
  value: unknown,
): { ok: true; document: RichTextDocument } | { ok: false; problem: RichTextProblem; data?: unknown } {
  let data = value;
  if (typeof value === "string") {
    if (value.length > MAX_JSON_LENGTH) return { ok: false, problem: "too-large" };
    try {
      // V8's JSON.parse does not recurse: any depth parses.
      data = JSON.parse(value);
    } catch {
      return { ok: false, problem: "invalid" };
    }
  }
  const problem = richTextShapeProblem(data);
  if (problem) return { ok: false, problem, data };
  const parsed = richTextSchema.safeParse(data);
  return parsed.success ? { ok: true, document: parsed.data } : { ok: false, problem: "invalid", data };
}

/** Parses stored or submitted JSON; null when it is not a rich-text document. */
export function parseRichText(value: unknown): RichTextDocument | null {
  const inspected = inspectRichText(value);
  return inspected.ok ? inspected.document : null;
}

export function sanitizeRichHtml(html: string) {
  return sanitizeHtml(html, ALLOWED);
}

let schema: Schema | null = null;
/** The editor's ProseMirror schema, built once per process (a few milliseconds each time otherwise). */
export const editorSchema = () => (schema ??= getSchema(RICH_TEXT_EXTENSIONS));

let serializer: { write: DOMSerializer; wrap: HTMLElement } | null = null;

/**
 * The document's HTML as @tiptap/html's generateHTML writes it, with its schema, serialiser and
 * DOM made once per process rather than on every call (a DOM window per call was most of a
 * render's time); the element written into is emptied after each use.
 */
function generateHTML(document: RichTextDocument): string {
  if (!serializer) {
    const window = new Window({
      settings: {
        disableJavaScriptEvaluation: true,
        disableJavaScriptFileLoading: true,
        disableCSSFileLoading: true,
        disableIframePageLoading: true,
        disableComputedStyleRendering: true,
      },
    });
    serializer = {
      write: DOMSerializer.fromSchema(editorSchema()),
      wrap: window.document.createElement("div") as unknown as HTMLElement,
    };
  }
  const { write, wrap } = serializer;
  try {
    const node = PmNode.fromJSON(editorSchema(), document);
    write.serializeFragment(node.content, { document: wrap.ownerDocument }, wrap);
    return wrap.innerHTML;
  } finally {
    wrap.innerHTML = "";
  }
}

/** Safe HTML for a stored document; unknown node types are dropped by the renderer. */
export function renderRichText(document: RichTextDocument): string {
  let html: string;
  try {
    html = generateHTML(document);
  } catch {
    // A document with a node the editor does not know: render its text only.
    html = `<p>${sanitizeHtml(plainText(document), { allowedTags: [], allowedAttributes: {} })}</p>`;
  }
  return sanitizeRichHtml(html);
}

/** The document's text, for previews, mails and search. */
export function plainText(document: RichTextDocument | Node): string {
  const walk = (n: Node): string =>
    (n.text ?? "") + (n.content ?? []).map(walk).join(n.type === "paragraph" || n.type === "heading" ? "" : "\n");
  return walk(document as Node)
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
