// @vitest-environment happy-dom
/** The editor itself never nests lists or quotes past the limit the server enforces. */
import { Editor } from "@tiptap/core";
import { afterEach, describe, expect, it } from "vitest";
import { MAX_NESTING, RICH_TEXT_EXTENSIONS } from "./extensions";
import { readRichText } from "./form.server";

let editor: Editor | null = null;
afterEach(() => editor?.destroy());

/** Quotes nested `levels` deep around one paragraph: the text sits at level levels + 3. */
const quotes = (levels: number) => {
  let node: object = { type: "paragraph", content: [{ type: "text", text: "Citée" }] };
  for (let i = 0; i < levels; i++) node = { type: "blockquote", content: [node] };
  return { type: "doc", content: [node] };
};

describe("the rich-text editor's nesting limit", () => {
  it("refuses to wrap a quote in one more quote at the limit, and still lets one type there", () => {
    editor = new Editor({ extensions: RICH_TEXT_EXTENSIONS, content: quotes(MAX_NESTING - 3) });
    // The editor may add an empty paragraph after the quotes (StarterKit's trailing node): compare the quotes.
    const first = () => JSON.stringify(editor!.getJSON().content?.[0]);
    const before = first();
    editor.commands.focus("end");
    editor.commands.setBlockquote();
    expect(first()).toBe(before);
    editor.commands.insertContent(" encore");
    expect(JSON.stringify(editor.getJSON())).toContain("encore");
    // What the editor holds is what the server accepts.
    const form = new FormData();
    form.set("v", JSON.stringify(editor.getJSON()));
    expect(readRichText(form, "v").ok).toBe(true);
  });

  it("below the limit, quoting works as usual", () => {
    editor = new Editor({ extensions: RICH_TEXT_EXTENSIONS, content: quotes(2) });
    editor.commands.focus("end");
    editor.commands.setBlockquote();
    expect(editor.getJSON().content?.[0]).toEqual(quotes(3).content[0]);
  });
});
