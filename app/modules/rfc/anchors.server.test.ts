import { describe, expect, it } from "vitest";
import type { RichTextDocument } from "~/modules/richtext/render.server";
import { locatePassage, renderWithAnchors, toProseMirror } from "./anchors.server";

const doc: RichTextDocument = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Format d'échange" }] },
    {
      type: "paragraph",
      content: [
        { type: "text", text: "Le fichier est encodé en " },
        { type: "text", text: "UTF-8", marks: [{ type: "bold" }] },
        { type: "text", text: " et chaque ligne se termine par un retour chariot." },
      ],
    },
    { type: "paragraph", content: [{ type: "text", text: "Chaque ligne commence par le numéro du département." }] },
  ],
};

const textOf = (from: number, to: number) => toProseMirror(doc).textBetween(from, to, " ");

describe("anchoring a comment to a passage", () => {
  it("finds a passage across formatting and keeps its quote and context from the document", () => {
    const found = locatePassage(doc, "encodé en UTF-8 et chaque");
    expect(found.ok).toBe(true);
    if (!found.ok) return;
    expect(textOf(found.anchor.from, found.anchor.to)).toBe("encodé en UTF-8 et chaque");
    expect(found.anchor).toMatchObject({
      quote: "encodé en UTF-8 et chaque",
      prefix: "Format d'échange Le fichier est",
      suffix: "ligne se termine par un retour chariot.",
    });
  });

  it("keeps whole words of context around the passage", () => {
    const found = locatePassage(doc, "retour chariot");
    if (!found.ok) throw new Error(found.message);
    const before = "Format d'échange Le fichier est encodé en UTF-8 et chaque ligne se termine par un";
    expect(found.anchor.prefix.length).toBeLessThanOrEqual(40);
    expect(before.endsWith(` ${found.anchor.prefix}`)).toBe(true);
    expect(found.anchor.suffix).toBe(". Chaque ligne commence par le numéro du");
    expect(renderWithAnchors(doc, [], { headingOffset: 1 })).toContain("<h3>Format d'échange</h3>");
  });

  it("ignores whitespace differences, line breaks between paragraphs and typographic apostrophes", () => {
    const found = locatePassage(doc, "retour   chariot.\n\nChaque\tligne");
    expect(found.ok && textOf(found.anchor.from, found.anchor.to)).toBe("retour chariot. Chaque ligne");
    const apostrophe = locatePassage(doc, "Format d’échange");
    expect(apostrophe.ok && apostrophe.anchor.quote).toBe("Format d'échange");
  });

  it("refuses, in French, a passage that is not in the version", () => {
    expect(locatePassage(doc, "encodé en ISO-8859-1")).toEqual({
      ok: false,
      message: expect.stringContaining("Ce passage ne figure pas dans la version commentée"),
    });
    expect(locatePassage(doc, "   ")).toMatchObject({ ok: false, message: expect.stringContaining("Sélectionnez") });
  });

  it("asks for a longer passage when it occurs twice without context, and uses the context when given", () => {
    expect(locatePassage(doc, "ligne")).toEqual({
      ok: false,
      message: expect.stringContaining("figure 2 fois dans le texte : sélectionnez un passage plus long"),
    });
    const second = locatePassage(doc, "ligne", { prefix: "retour chariot.Chaque ", suffix: " commence par" });
    expect(second.ok && second.anchor.suffix.startsWith("commence par")).toBe(true);
    const first = locatePassage(doc, "ligne", { prefix: "et chaque", suffix: "" });
    expect(first.ok && first.anchor.suffix.startsWith("se termine")).toBe(true);
  });
});

describe("rendering a version with its anchored passages", () => {
  it("wraps each passage in a mark with the comment's id, split around formatting, and keeps the HTML safe", () => {
    const found = locatePassage(doc, "en UTF-8 et");
    if (!found.ok) throw new Error(found.message);
    const hostile: RichTextDocument = {
      ...doc,
      content: [
        ...doc.content!,
        {
          type: "paragraph",
          content: [{ type: "text", text: "<script>alert(1)</script><img src=x onerror=alert(1)>\uE000x\uE001" }],
        },
      ],
    };
    const html = renderWithAnchors(hostile, [
      { commentId: "c1", from: found.anchor.from, to: found.anchor.to },
      { commentId: 'bad id"><script>', from: 1, to: 4 },
    ]);
    expect(html).toContain(
      '<mark class="rfc-passage" id="passage-c1">en </mark><strong><mark class="rfc-passage">UTF-8</mark></strong><mark class="rfc-passage"> et</mark>',
    );
    expect(html).not.toMatch(/<script|<img|<[^>]*onerror|\uE000|\uE001|\uE002/);
    expect(html).toContain("&lt;script&gt;");
    expect((html.match(/<mark/g) ?? []).length).toBe((html.match(/<\/mark>/g) ?? []).length);
  });

  it("nests overlapping passages correctly", () => {
    const a = locatePassage(doc, "Le fichier est encodé");
    const b = locatePassage(doc, "est encodé en");
    if (!a.ok || !b.ok) throw new Error("not found");
    const html = renderWithAnchors(doc, [
      { commentId: "a", ...a.anchor },
      { commentId: "b", ...b.anchor },
    ]);
    expect(html).toContain(
      '<p><mark class="rfc-passage" id="passage-a">Le fichier </mark><mark class="rfc-passage"><mark class="rfc-passage" id="passage-b">est encodé</mark></mark><mark class="rfc-passage"> en</mark>',
    );
  });
});
