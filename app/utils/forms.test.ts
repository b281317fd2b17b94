import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  multiLineText,
  MULTI_LINE_MESSAGE,
  oneLine,
  parseForm,
  requiredSingleLineText,
  singleLineText,
  SINGLE_LINE_MESSAGE,
  withoutControlCharacters,
} from "./forms";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
};

describe("text fields", () => {
  const schema = z.object({
    name: singleLineText("Saisissez le nom.").min(1, "Saisissez le nom.").max(200, "200 caractères au plus."),
    note: multiLineText().max(2000, "2 000 caractères au plus.").optional(),
  });

  it("a single-line field refuses line breaks, tabs and other control characters, in French, and keeps what was typed", () => {
    for (const name of [
      "MDPH\nde la Somme",
      "MDPH\rde la Somme",
      "MDPH\tSomme",
      "MDPH\u0000",
      "MDPH\u001b[31m",
      "MDPH\u007f",
      "MDPH\u0085",
      "MDPH\u2028Somme",
    ]) {
      expect(parseForm(schema, form({ name }))).toEqual({
        ok: false,
        errors: { name: SINGLE_LINE_MESSAGE },
        values: { name },
      });
    }
  });

  it("a single-line field accepts accents and emoji, and drops spaces and line breaks at its ends", () => {
    expect(parseForm(schema, form({ name: "  Équipe 👩🏽‍💻 🇫🇷 « MDPH »\n" }))).toEqual({
      ok: true,
      data: { name: "Équipe 👩🏽‍💻 🇫🇷 « MDPH »" },
    });
    expect(parseForm(schema, form({}))).toMatchObject({ ok: false, errors: { name: "Saisissez le nom." } });
    expect(parseForm(schema, form({ name: "a".repeat(10_000) }))).toMatchObject({
      ok: false,
      errors: { name: "200 caractères au plus." },
    });
  });

  it("a required single-line field refuses blank, short and long values, each with its own message", () => {
    const shortName = z.object({
      shortName: requiredSingleLineText({
        missing: "Saisissez le nom court.",
        min: 2,
        tooShort: "Deux caractères au moins.",
        max: 5,
        tooLong: "Cinq caractères au plus.",
      }),
    });
    const errorOf = (fields: Record<string, string>) => {
      const parsed = parseForm(shortName, form(fields));
      return parsed.ok ? null : parsed.errors.shortName;
    };
    expect(errorOf({})).toBe("Saisissez le nom court.");
    expect(errorOf({ shortName: "   " })).toBe("Deux caractères au moins.");
    expect(errorOf({ shortName: "M" })).toBe("Deux caractères au moins.");
    expect(errorOf({ shortName: "MDPH 53" })).toBe("Cinq caractères au plus.");
    expect(parseForm(shortName, form({ shortName: " MDPH " }))).toEqual({ ok: true, data: { shortName: "MDPH" } });
  });

  it("a multi-line field keeps its line breaks and tabs and refuses other control characters", () => {
    expect(parseForm(schema, form({ name: "x", note: "Ligne 1\r\nLigne 2\n\nFin" }))).toEqual({
      ok: true,
      data: { name: "x", note: "Ligne 1\r\nLigne 2\n\nFin" },
    });
    expect(parseForm(schema, form({ name: "x", note: "Colonne A\tColonne B" }))).toEqual({
      ok: true,
      data: { name: "x", note: "Colonne A\tColonne B" },
    });
    for (const note of ["a\u0000b", "a\u000bb", "a\u0085b"]) {
      expect(parseForm(schema, form({ name: "x", note }))).toMatchObject({
        ok: false,
        errors: { note: MULTI_LINE_MESSAGE },
      });
    }
  });

  it("a stored value is put on one line, or rid of its control characters, for mails and file names", () => {
    expect(oneLine(" MDPH\r\n de la\tSomme\u0000 ")).toBe("MDPH de la Somme");
    expect(oneLine("Équipe 😀")).toBe("Équipe 😀");
    expect(withoutControlCharacters("Ligne 1\nLigne\u00002\tfin")).toBe("Ligne 1\nLigne 2 fin");
  });
});
