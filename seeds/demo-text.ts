/**
 * The demo's rich texts (mission letters, minutes, RFC drafts), written as a list of blocks:
 * a string is a paragraph, `{ heading }` a level-2 title, `{ list }` a bulleted list.
 */
export type DemoBlock = string | { heading: string } | { list: string[] };

/** The editor's document for these blocks, as the RFC services take it. */
export const demoDocument = (...blocks: DemoBlock[]) => ({
  type: "doc" as const,
  content: blocks.map((b) =>
    typeof b === "string"
      ? { type: "paragraph", content: [{ type: "text", text: b }] }
      : "heading" in b
        ? { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: b.heading }] }
        : {
            type: "bulletList",
            content: b.list.map((item) => ({
              type: "listItem",
              content: [{ type: "paragraph", content: [{ type: "text", text: item }] }],
            })),
          },
  ),
});
