/**
 * Plain-text conversions of a rich-text document, shared by the editor (its no-JavaScript
 * textarea) and the server (reading that textarea). Structurally the same type as
 * `RichTextDocument` in render.server.ts, declared here so browser code never imports a
 * server module.
 */
export type RichTextNode = {
  type: string;
  content?: RichTextNode[];
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
};
export type RichTextDocument = { type: "doc"; content?: RichTextNode[] };

export function emptyDocument(): RichTextDocument {
  return { type: "doc", content: [{ type: "paragraph" }] };
}

/**
 * A document of paragraphs: a blank line starts a new paragraph, a single line break stays a
 * line break inside the paragraph. Empty paragraphs and trailing spaces are dropped.
 */
export function documentFromPlainText(text: string): RichTextDocument {
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((block) =>
      block
        .split("\n")
        .map((line) => line.replace(/\s+$/, ""))
        .filter((line) => line.trim() !== ""),
    )
    .filter((lines) => lines.length > 0);
  if (paragraphs.length === 0) return emptyDocument();
  return {
    type: "doc",
    content: paragraphs.map((lines) => ({
      type: "paragraph",
      content: lines.flatMap((line, index): RichTextNode[] =>
        index > 0 ? [{ type: "hardBreak" }, { type: "text", text: line }] : [{ type: "text", text: line }],
      ),
    })),
  };
}

/** The inline text of a block: line breaks become newlines. */
function inlineText(node: RichTextNode): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "hardBreak") return "\n";
  return (node.content ?? []).map(inlineText).join("");
}

/**
 * The document as the no-JavaScript textarea shows it: one block per paragraph, separated by
 * blank lines; list items are prefixed ("–" or their number), so nothing typed is lost.
 */
export function documentToPlainText(document: RichTextDocument | null): string {
  const blocks: string[] = [];
  const walk = (node: RichTextNode, prefix: string) => {
    if (node.type === "bulletList" || node.type === "orderedList") {
      const start = typeof node.attrs?.start === "number" ? node.attrs.start : 1;
      (node.content ?? []).forEach((item, index) => {
        const marker = node.type === "bulletList" ? "– " : `${start + index}. `;
        (item.content ?? []).forEach((child, childIndex) =>
          walk(child, childIndex === 0 ? `${prefix}${marker}` : prefix),
        );
      });
    } else if (node.type === "horizontalRule") {
      blocks.push("———");
    } else if (node.content?.some((child) => child.type === "text" || child.type === "hardBreak")) {
      blocks.push(prefix + inlineText(node));
    } else if (node.type === "paragraph" || node.type === "heading") {
      // An empty paragraph: nothing to keep.
    } else {
      (node.content ?? []).forEach((child) => walk(child, prefix));
    }
  };
  for (const node of document?.content ?? []) walk(node, "");
  return blocks.join("\n\n");
}
