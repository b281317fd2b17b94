import { describe, expect, it } from "vitest";
import { doneNotice } from "./route-steps.server";

const at = (query: string) => new Request(`http://localhost/page${query}`);
const NOTICES = { lettre: "La lettre de mission est enregistrée." };
const EVENTS = { VALIDER: "Valider le groupe" };

describe("doneNotice", () => {
  it.each([
    ["", null],
    ["?fait=lettre", "La lettre de mission est enregistrée."],
    ["?fait=VALIDER", "« Valider le groupe » : c'est enregistré."],
    ["?fait=inconnu", null],
    // Codes come from the address bar: an object's own keys only, never what it inherits.
    ["?fait=constructor", null],
    ["?fait=toString", null],
  ])("reads %j as %j", (query, notice) => {
    expect(doneNotice(at(query), NOTICES, EVENTS)).toBe(notice);
  });

  it("prefers the page's own sentence to the event's label", () => {
    expect(doneNotice(at("?fait=VALIDER"), { VALIDER: "Le groupe est validé." }, EVENTS)).toBe("Le groupe est validé.");
  });
});
