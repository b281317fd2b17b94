import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ROLE_LABELS, ROLES, isRole } from "./roles";
import { vocabulary } from "./vocabulary";

describe("vocabulary", () => {
  const statuses = vocabulary({ ouvert: "Ouvert", clos: "Clos", archive: "Archivé" });

  it("keeps the declared order for codes and options", () => {
    expect(statuses.codes).toEqual(["ouvert", "clos", "archive"]);
    expect(statuses.options()).toEqual([
      { value: "ouvert", label: "Ouvert" },
      { value: "clos", label: "Clos" },
      { value: "archive", label: "Archivé" },
    ]);
  });

  it("recognises only its own codes", () => {
    expect(["clos", "CLOS", "toString", "", 3, null].map(statuses.is)).toEqual([
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it("reads an unknown stored value as itself", () => {
    expect(statuses.labelOf("archive")).toBe("Archivé");
    expect(statuses.labelOf("supprime")).toBe("supprime");
  });

  it("hands z.enum its codes", () => {
    const schema = z.enum(statuses.codes);
    expect(schema.safeParse("clos").success).toBe(true);
    expect(schema.safeParse("perdu").success).toBe(false);
  });

  it("gives each call of options its own array", () => {
    statuses.options().pop();
    expect(statuses.options()).toHaveLength(3);
  });

  it("keeps the roles' order and labels", () => {
    expect(ROLES).toEqual([
      "COORDINATEUR_CNSA",
      "DIRECTEUR_MDPH",
      "MEMBRE_GT",
      "PILOTE_GROUPE",
      "SERVICE_ETAT",
      "PILOTE_SEGUR",
      "LECTEUR_SEGUR",
      "ADMIN",
    ]);
    expect(ROLE_LABELS.DIRECTEUR_MDPH).toBe("Directeur de MDPH");
    expect(isRole("ADMIN")).toBe(true);
    expect(isRole("admin")).toBe(false);
  });
});
