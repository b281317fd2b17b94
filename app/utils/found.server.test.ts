import { describe, expect, it } from "vitest";
import { found } from "./auth.server";

describe("found", () => {
  it("gives back the record, a falsy value included", () => {
    const record = { id: "a" };
    expect(found(record, "Introuvable.")).toBe(record);
    expect(found(0, "Introuvable.")).toBe(0);
    expect(found("", "Introuvable.")).toBe("");
  });

  it.each([null, undefined])("answers %s with the 404 page and its French message", async (missing) => {
    let thrown: unknown;
    try {
      found(missing, "Cette personne n'existe pas.");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(404);
    expect(await (thrown as Response).text()).toBe("Cette personne n'existe pas.");
  });
});
