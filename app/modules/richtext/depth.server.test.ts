/**
 * Hostile rich-text documents (finding 4): thousands of nested lists or quotes, or a huge
 * document, are refused with a French message before any recursive walk, and what was typed
 * comes back as text.
 */
import { describe, expect, it } from "vitest";
import { documentToPlainText } from "./document";
import { MAX_NESTING } from "./extensions";
import { MULTI_LINE_MESSAGE } from "~/utils/forms";
import { readRichText, textOf } from "./form.server";
import { inspectRichText, MAX_JSON_LENGTH, parseRichText, richTextShapeProblem } from "./render.server";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
};

/** `levels` lists nested in one another, as JSON text (built as text: no recursion here either). */
function nestedLists(levels: number, words = "Niveau") {
  const open = `{"type":"bulletList","content":[{"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"${words}"}]},`;
  return `{"type":"doc","content":[${open.repeat(levels - 1)}{"type":"bulletList","content":[{"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"${words}"}]}]}]}${"]}]}".repeat(levels - 1)}]}`;
}

function nestedQuotes(levels: number) {
  return `{"type":"doc","content":[${'{"type":"blockquote","content":['.repeat(levels)}{"type":"paragraph","content":[{"type":"text","text":"Citée"}]}${"]}".repeat(levels)}]}`;
}

const TOO_DEEP = /^Le texte mis en forme imbrique trop de listes ou de citations/;

describe("a rich-text document nested too deep or too large", () => {
  it("1 000 nested list levels are refused with a French message, and their text comes back", () => {
    const posted = nestedLists(1000);
    const result = readRichText(form({ lettre: posted }), "lettre", { required: true });
    expect(result).toMatchObject({
      ok: false,
      error: expect.stringMatching(TOO_DEEP),
      typed: posted,
      unprocessable: true,
    });
    if (result.ok) return;
    const shown = documentToPlainText(result.document).split("\n\n");
    expect(shown).toHaveLength(1000);
    expect(new Set(shown)).toEqual(new Set(["Niveau"]));
  });

  it("10 000 nested quotes are refused with a French message", () => {
    const result = readRichText(form({ lettre: nestedQuotes(10_000) }), "lettre");
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(TOO_DEEP), unprocessable: true });
    expect(!result.ok && documentToPlainText(result.document)).toBe("Citée");
  });

  it("a document too large to parse is refused with a French message, before parsing", () => {
    const posted = JSON.stringify({
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "a".repeat(MAX_JSON_LENGTH) }] }],
    });
    const result = readRichText(form({ lettre: posted }), "lettre");
    expect(result).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Le texte mis en forme est trop volumineux \(2 millions de caractères au plus\)/),
      typed: posted,
      unprocessable: true,
    });
    expect(inspectRichText(posted)).toEqual({ ok: false, problem: "too-large" });
  });

  it("a document of many small nodes is refused as too large, however short each one", () => {
    const paragraphs = Array.from({ length: 70_000 }, () => ({
      type: "paragraph",
      content: [{ type: "text", text: "x" }],
    }));
    expect(richTextShapeProblem({ type: "doc", content: paragraphs })).toBe("too-large");
  });

  it("attributes nested deep are refused too: they would reach JSON.stringify", () => {
    let attrs: Record<string, unknown> = {};
    const deep = attrs;
    for (let i = 0; i < 5000; i++) attrs = attrs.a = {};
    expect(inspectRichText({ type: "doc", content: [{ type: "paragraph", attrs: deep }] })).toMatchObject({
      ok: false,
      problem: "too-deep",
    });
  });

  it("the check walks 200 000 levels without overflowing the stack: it does not recurse", () => {
    const doc: { type: string; content: object[] } = { type: "doc", content: [] };
    let node = doc;
    for (let i = 0; i < 200_000; i++) {
      const child = { type: "blockquote", content: [] as object[] };
      node.content.push(child);
      node = child;
    }
    expect(richTextShapeProblem(doc)).toBe("too-deep");
    expect(parseRichText(doc)).toBeNull();
    expect(textOf(doc)).toBe("");
  });

  it("a document just within the limit is accepted whole; one nested list more is refused", () => {
    // Text one level past MAX_NESTING (the editor stops at MAX_NESTING, text included), lists and items alternating.
    const lists = (MAX_NESTING - 2) / 2;
    const posted = nestedLists(lists, "Fond");
    const result = readRichText(form({ lettre: posted }), "lettre");
    expect(result.ok).toBe(true);
    expect(result.ok && documentToPlainText(result.document).split("\n\n").length).toBe(lists);
    expect(readRichText(form({ lettre: nestedLists(lists + 1) }), "lettre")).toMatchObject({
      ok: false,
      error: expect.stringMatching(TOO_DEEP),
    });
  });

  it("a control character typed in a rich text is refused, line breaks and tabs are kept", () => {
    expect(readRichText(form({ cr__texte: "Ordre du jour\u0000" }), "cr")).toMatchObject({
      ok: false,
      error: MULTI_LINE_MESSAGE,
      typed: "Ordre du jour\u0000",
    });
    expect(readRichText(form({ cr__texte: "Point\u000b1" }), "cr")).toMatchObject({ ok: false });
    const json = JSON.stringify({
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "bip\u0007" }] }],
    });
    expect(readRichText(form({ cr: json }), "cr")).toMatchObject({ ok: false, error: MULTI_LINE_MESSAGE });
    expect(readRichText(form({ cr__texte: "Ligne 1\r\nLigne 2\n\nParagraphe 😀" }), "cr").ok).toBe(true);
    expect(readRichText(form({ cr__texte: "Colonne A\tColonne B" }), "cr").ok).toBe(true);
  });
});
