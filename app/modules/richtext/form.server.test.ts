import { describe, expect, it } from "vitest";
import { documentToPlainText, type RichTextDocument } from "./document";
import { documentFromPlainText, emptyDocument, readRichText } from "./form.server";
import { renderRichText } from "./render.server";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
};
const p = (...content: object[]) => ({ type: "paragraph", content });
const text = (value: string, marks?: object[]) => ({ type: "text", text: value, ...(marks ? { marks } : {}) });
const json = (...content: object[]) => JSON.stringify({ type: "doc", content });

describe("reading a rich-text field", () => {
  it("keeps the editor's formatting when JavaScript ran, and renders it", () => {
    const posted = json(
      { type: "paragraph" },
      { type: "heading", attrs: { level: 2 }, content: [text("Périmètre")] },
      p(
        text("Le groupe "),
        text("sphère emploi", [{ type: "bold" }]),
        text(" publie sur "),
        text("le site", [{ type: "link", attrs: { href: "https://www.cnsa.fr", target: "_blank" } }]),
      ),
      { type: "paragraph" },
    );
    const result = readRichText(form({ lettre: posted, lettre__texte: "ignored" }), "lettre", { required: true });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.document.content).toHaveLength(2);
    expect(JSON.parse(result.json)).toEqual(result.document);
    expect(renderRichText(result.document)).toBe(
      '<h2>Périmètre</h2><p>Le groupe <strong>sphère emploi</strong> publie sur <a rel="noopener noreferrer nofollow" href="https://www.cnsa.fr">le site</a></p>',
    );
  });

  it("turns the no-JavaScript textarea into paragraphs and line breaks", () => {
    const fromText = readRichText(
      form({ cr__texte: "  Ordre du jour\r\n1. Budget  \r\n\r\n\r\n\nDécisions : aucune\n \n" }),
      "cr",
    );
    expect(fromText.ok && renderRichText(fromText.document)).toBe(
      "<p>  Ordre du jour<br />1. Budget</p><p>Décisions : aucune</p>",
    );
  });

  it("asks for the text when a required field is empty, in either form", () => {
    expect(
      readRichText(form({ lettre__texte: " \n\n " }), "lettre", { required: true, label: "la lettre de mission" }),
    ).toEqual({
      ok: false,
      error: "Saisissez la lettre de mission.",
      typed: " \n\n ",
      document: emptyDocument(),
    });
    const emptyEditor = readRichText(form({ lettre: json({ type: "paragraph" }, p(text("   "))) }), "lettre", {
      required: true,
    });
    expect(emptyEditor).toMatchObject({ ok: false, error: "Saisissez le texte." });
    expect(readRichText(form({}), "lettre")).toEqual({
      ok: true,
      document: emptyDocument(),
      json: JSON.stringify(emptyDocument()),
      empty: true,
    });
  });

  it("refuses a text longer than the limit, and sends back what was typed", () => {
    const long = "a".repeat(1001);
    const result = readRichText(form({ avis__texte: long }), "avis", { maxLength: 1000 });
    expect(result).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Le texte dépasse 1\u202f000 caractères/),
      typed: long,
    });
    expect(readRichText(form({ avis__texte: "a".repeat(1000) }), "avis", { maxLength: 1000 }).ok).toBe(true);
  });

  it("refuses formatted text that the editor could not have produced", () => {
    const refused = (posted: string) => readRichText(form({ v: posted }), "v");
    for (const posted of [
      "{pas du json",
      JSON.stringify({ type: "paragraph" }),
      json({ type: "script", content: [text("alert(1)")] }),
      json(p(text("x", [{ type: "textStyle", attrs: { style: "color:red" } }]))),
      json({ type: "bulletList", content: [text("not a list item")] }),
    ]) {
      expect(refused(posted)).toMatchObject({
        ok: false,
        error: "Le texte mis en forme est invalide : saisissez-le à nouveau.",
        typed: posted,
      });
    }
    // An attribute the editor does not know is dropped, not stored.
    const withHandler = readRichText(
      form({ v: json({ type: "paragraph", attrs: { onclick: "steal()" }, content: [text("x")] }) }),
      "v",
    );
    expect(withHandler.ok && withHandler.json).toBe(json(p(text("x"))));
  });

  it("drops a javascript: link submitted in a document, keeping its text", () => {
    const posted = json(
      p(
        text("cliquez ici", [{ type: "link", attrs: { href: "javascript:alert(document.cookie)" } }]),
        text(" ou "),
        text("écrivez", [{ type: "link", attrs: { href: "mailto:contact@cnsa.fr" } }]),
      ),
    );
    const result = readRichText(form({ v: posted }), "v");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.json).not.toMatch(/javascript/i);
    const html = renderRichText(result.document);
    expect(html).not.toMatch(/javascript/i);
    expect(html).toBe(
      '<p>cliquez ici ou <a rel="noopener noreferrer nofollow" href="mailto:contact@cnsa.fr">écrivez</a></p>',
    );
  });
});

describe("plain text and documents", () => {
  it("separates paragraphs with blank lines and keeps line breaks, both ways", () => {
    const document = documentFromPlainText("Premier paragraphe\nsuite\n\nSecond");
    expect(document).toEqual({
      type: "doc",
      content: [p(text("Premier paragraphe"), { type: "hardBreak" }, text("suite")), p(text("Second"))],
    });
    expect(documentToPlainText(document)).toBe("Premier paragraphe\nsuite\n\nSecond");
    expect(documentFromPlainText("")).toEqual(emptyDocument());
  });

  it("shows headings, quotes and lists in the textarea without losing their text", () => {
    const document = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [text("Rôles")] },
        { type: "blockquote", content: [p(text("Citation"))] },
        {
          type: "bulletList",
          content: [
            { type: "listItem", content: [p(text("CNAF"))] },
            { type: "listItem", content: [p(text("MDPH"))] },
          ],
        },
        { type: "orderedList", attrs: { start: 3 }, content: [{ type: "listItem", content: [p(text("Troisième"))] }] },
        { type: "paragraph" },
      ],
    } as RichTextDocument;
    expect(documentToPlainText(document)).toBe("Rôles\n\nCitation\n\n– CNAF\n\n– MDPH\n\n3. Troisième");
    expect(documentToPlainText(null)).toBe("");
  });
});
