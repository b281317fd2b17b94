import { describe, expect, it } from "vitest";
import { bodyOf, statusOf } from "../../test/support/routes";
import { z } from "zod";
import { formRowVersion, orRefusal, refused, runIntent, saveForm, throwIfNotFound } from "./intent.server";
import { INCOMPLETE_FORM, REFUSAL_STATUS, refusal, success, type RefusalCode } from "./result";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

describe("the route boundary of actions", () => {
  it("answers 400 « Action inconnue. » to an intent the page does not post, and runs the one it does", async () => {
    const handlers = { enregistrer: () => "enregistré" };
    expect(await runIntent(form({ intent: "enregistrer" }), handlers)).toBe("enregistré");
    for (const intent of ["supprimer", "", "toString", "__proto__"]) {
      const answer = await runIntent(form({ intent }), handlers).catch((error: unknown) => error);
      expect(answer).toBeInstanceOf(Response);
      expect((answer as Response).status).toBe(400);
      expect(await (answer as Response).text()).toBe("Action inconnue.");
    }
  });

  it("refuses a form whose row version is not a whole number, with the one French message", () => {
    expect(formRowVersion(form({ rowVersion: "3" }))).toEqual({ ok: true, value: 3 });
    expect(formRowVersion(form({ rowVersion: "3.5" }))).toEqual({
      ok: false,
      code: "INVALIDE",
      message: INCOMPLETE_FORM,
    });
    expect(formRowVersion(form({ rowVersion: "trois" }))).toMatchObject({ ok: false, code: "INVALIDE" });
  });

  it("hands a loader the value, or throws the refusal as its HTTP answer with the French message", async () => {
    expect(orRefusal(success(42))).toBe(42);
    for (const [code, status] of [
      ["INTROUVABLE", 404],
      ["INTERDIT", 403],
      ["REFUSE", 422],
    ] as const) {
      const thrown = (() => {
        try {
          return orRefusal(refusal(code, "Cette demande de reprise est introuvable."));
        } catch (error) {
          return error;
        }
      })();
      expect(thrown).toBeInstanceOf(Response);
      expect((thrown as Response).status).toBe(status);
      expect(await (thrown as Response).text()).toBe("Cette demande de reprise est introuvable.");
    }
  });

  it("gives each refusal code its HTTP status and keeps the page's data", () => {
    // The codes each HTTP status answers for, pinned here so that a status cannot drift unseen.
    const codesByStatus: Record<number, RefusalCode[]> = {
      403: ["INTERDIT"],
      404: ["INTROUVABLE"],
      409: ["PERIME"],
      422: ["A_CONFIRMER", "INVALIDE", "REFUSE", "VERSION_MACHINE"],
    };
    const expected = Object.fromEntries(
      Object.entries(codesByStatus).flatMap(([status, codes]) => codes.map((code) => [code, Number(status)])),
    );
    expect(REFUSAL_STATUS).toEqual(expected);
    for (const [code, status] of Object.entries(expected)) {
      const answer = refused({ code: code as RefusalCode }, { message: "Refusé.", values: { titre: "tapé" } });
      expect(statusOf(answer)).toBe(status);
      expect(bodyOf(answer)).toEqual({ message: "Refusé.", values: { titre: "tapé" } });
    }
    // A refusal without a code is a refused input.
    expect(statusOf(refused({}, {}))).toBe(422);
  });

  it("throws a missing record as the 404 page and hands any other outcome back to the form", async () => {
    const ok = success({ id: "a" });
    expect(throwIfNotFound(ok)).toBe(ok);
    const stale = refusal("PERIME", "Modifié entre-temps.");
    expect(throwIfNotFound(stale)).toBe(stale);
    const missing = (() => {
      try {
        return throwIfNotFound(refusal("INTROUVABLE", "Cette personne n'existe pas."));
      } catch (error) {
        return error;
      }
    })();
    expect(missing).toBeInstanceOf(Response);
    expect((missing as Response).status).toBe(404);
    expect(await (missing as Response).text()).toBe("Cette personne n'existe pas.");
  });

  it("saves an edit form, or answers its refusal with the field errors and what was typed, never a secret", async () => {
    const schema = z.object({ titre: z.string().min(3, "Trop court."), motDePasse: z.string() });
    const typed = form({ titre: "Rapport", motDePasse: "secret" });
    expect(await saveForm(typed, schema, async (input) => success(input.titre), { intent: "modifier" })).toEqual({
      ok: true,
      value: "Rapport",
    });
    const invalid = await saveForm(form({ titre: "R", motDePasse: "secret" }), schema, async () => success(1), {
      intent: "modifier",
    });
    expect(invalid.ok).toBe(false);
    if (invalid.ok) return;
    expect(statusOf(invalid.answer)).toBe(422);
    expect(bodyOf(invalid.answer)).toEqual({
      intent: "modifier",
      errors: { titre: "Trop court." },
      values: { titre: "R" },
    });
    const stale = await saveForm(typed, schema, async () => refusal("PERIME", "Modifié entre-temps."), {});
    expect(!stale.ok && statusOf(stale.answer)).toBe(409);
    // A refusal not about a field keeps the service's French message for the page to show.
    expect(!stale.ok && bodyOf(stale.answer)).toEqual({
      message: "Modifié entre-temps.",
      values: { titre: "Rapport" },
    });
    const missing = await saveForm(typed, schema, async () => refusal("INTROUVABLE", "Introuvable."), {}).catch(
      (error: unknown) => error,
    );
    expect((missing as Response).status).toBe(404);
  });
});
