import { generateHTML } from "@tiptap/html";
import { describe, expect, it } from "vitest";
import { hostilePostedDoc, hostileRichTextNodes } from "../../../test/support/hostile-rich-text";
import { RICH_TEXT_EXTENSIONS } from "./extensions";
import { parseRichText, plainText, renderRichText, sanitizeRichHtml } from "./render.server";

import type { RichTextDocument } from "./render.server";

const doc = (...content: object[]) => ({ type: "doc", content }) as RichTextDocument;
const p = (...content: object[]) => ({ type: "paragraph", content });
const text = (value: string, marks?: object[]) => ({ type: "text", text: value, ...(marks ? { marks } : {}) });

describe("rich text rendering", () => {
  it("writes what @tiptap/html's generateHTML wrote, call after call, with one schema and one DOM", () => {
    const documents = [
      doc(
        { type: "heading", attrs: { level: 3 }, content: [text("Titre")] },
        p(
          text("gras", [{ type: "bold" }]),
          text(" et "),
          text("lien", [{ type: "link", attrs: { href: "https://a.fr" } }]),
        ),
        { type: "orderedList", attrs: { start: 3 }, content: [{ type: "listItem", content: [p(text("trois"))] }] },
        { type: "blockquote", content: [p(text("cité < & >"))] },
        { type: "codeBlock", content: [text("const a = 1;")] },
        { type: "horizontalRule" },
      ),
      doc(p(text("Un paragraphe seul."))),
      doc(),
      hostilePostedDoc("x") as RichTextDocument,
      doc(...hostileRichTextNodes.slice(0, 1)),
    ];
    for (let round = 0; round < 2; round++)
      for (const document of documents)
        expect(renderRichText(document)).toBe(sanitizeRichHtml(generateHTML(document as never, RICH_TEXT_EXTENSIONS)));
    // A node the editor does not know: its text only, and the next document is whole.
    expect(renderRichText(doc(...hostileRichTextNodes))).toBe("<p>clic</p>");
    expect(renderRichText(documents[1])).toBe("<p>Un paragraphe seul.</p>");
  });

  it("renders the editor's document to HTML that reads without JavaScript", () => {
    const html = renderRichText(
      doc(
        { type: "heading", attrs: { level: 2 }, content: [text("Périmètre")] },
        p(text("Le groupe "), text("sphère emploi", [{ type: "bold" }]), text(" rend ses livrables.")),
        {
          type: "bulletList",
          content: [{ type: "listItem", content: [p(text("CNAF : contributeur"))] }],
        },
      ),
    );
    expect(html).toBe(
      "<h2>Périmètre</h2><p>Le groupe <strong>sphère emploi</strong> rend ses livrables.</p><ul><li><p>CNAF : contributeur</p></li></ul>",
    );
  });

  it("lets no javascript: link survive, and marks the others noopener", () => {
    const html = renderRichText(
      doc(
        p(
          text("clic", [{ type: "link", attrs: { href: "javascript:alert(1)" } }]),
          text(" et "),
          text("site", [{ type: "link", attrs: { href: "https://www.cnsa.fr" } }]),
        ),
      ),
    );
    expect(html).not.toMatch(/javascript:/i);
    const link = html.match(/<a [^>]*>site<\/a>/)?.[0] ?? "";
    expect(link).toContain('href="https://www.cnsa.fr"');
    expect(link).toContain('rel="noopener noreferrer nofollow"');
    expect(link).not.toContain("target");
    const hostile = sanitizeRichHtml(
      '<a href="JaVaScRiPt:alert(1)">x</a><a href="data:text/html,<script>">y</a><a href="  javascript:alert(2)">z</a>',
    );
    expect(hostile).not.toMatch(/href|javascript|data:|script/i);
    expect(hostile).toContain(">x</a>");
  });

  it("lets no script, event handler, style or frame through", () => {
    const dirty =
      '<p onclick="steal()" style="color:red">a<script>alert(1)</script><img src=x onerror="alert(2)"><iframe src="https://evil.example"></iframe><svg onload="x()"></svg></p>';
    expect(sanitizeRichHtml(dirty)).toBe("<p>a</p>");
    // Script text hidden inside a document's text node stays text.
    expect(renderRichText(doc(p(text("<script>alert(1)</script>"))))).toBe(
      "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
    );
  });

  it("demotes a first-level heading so the page keeps a single h1", () => {
    expect(renderRichText(doc({ type: "heading", attrs: { level: 1 }, content: [text("Titre")] }))).toBe(
      "<h2>Titre</h2>",
    );
  });

  it("refuses what is not a rich-text document, and extracts plain text", () => {
    expect(parseRichText("{pas du json")).toBeNull();
    expect(parseRichText({ type: "paragraph" })).toBeNull();
    expect(parseRichText(JSON.stringify(doc(p(text("ok")))))).not.toBeNull();
    expect(plainText(doc(p(text("Un")), p(text("Deux"))))).toBe("Un\nDeux");
  });
});
