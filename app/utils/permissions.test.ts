import { describe, expect, it } from "vitest";
import { can, homeOf, navigationFor } from "./permissions";

const director = { roles: ["DIRECTEUR_MDPH"] as const, organisationId: "mdph-53" };
const admin = { roles: ["ADMIN"] as const, organisationId: "cnsa" };

describe("permissions", () => {
  it("denies by default", () => {
    expect(can(director, "read:audit")).toBe(false);
    expect(can({ roles: [], organisationId: "x" }, "read:dashboard-mdph")).toBe(false);
  });
  it("scopes 'own' permissions to the person's organisation", () => {
    expect(can(director, "read:dashboard-mdph")).toBe(true);
    expect(can(director, "read:dashboard-mdph", { organisationId: "mdph-53" })).toBe(true);
    expect(can(director, "read:dashboard-mdph", { organisationId: "mdph-72" })).toBe(false);
    expect(can(director, "read:dashboard-mdph", { organisationId: null })).toBe(false);
  });
  it("lets 'any' permissions reach every organisation", () => {
    expect(can(admin, "read:audit", { organisationId: "mdph-72" })).toBe(true);
  });
  it("gives each role its own landing page and a navigation limited to it", () => {
    expect(homeOf(["DIRECTEUR_MDPH"])).toBe("/mdph");
    expect(homeOf(["MEMBRE_GT", "PILOTE_GROUPE"])).toBe("/pilotage");
    expect(navigationFor(director).map((i) => i.to)).toEqual(["/mdph", "/rfc", "/calendrier"]);
    expect(navigationFor({ roles: ["COORDINATEUR_CNSA"], organisationId: "cnsa" }).map((i) => i.to)).toEqual([
      "/cnsa",
      "/cnsa/groupes",
      "/rfc",
      "/personnes/inviter",
      "/calendrier",
    ]);
  });
});
