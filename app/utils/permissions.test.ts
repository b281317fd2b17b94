import { describe, expect, it } from "vitest";
import {
  can,
  grantableRoleOptions,
  grantableRoles,
  homeOf,
  isPrivileged,
  navigationFor,
  ROLE_PERMISSIONS,
} from "./permissions";
import { ROLES, ROLE_LABELS } from "./roles";

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
    expect(homeOf(director)).toBe("/mdph");
    expect(homeOf({ roles: ["MEMBRE_GT", "PILOTE_GROUPE"], organisationId: "cnaf" })).toBe("/pilotage");
    expect(homeOf({ roles: [], organisationId: "cnaf" })).toBe("/compte");
    expect(navigationFor(director).map((i) => i.to)).toEqual(["/mdph", "/rfc", "/calendrier"]);
    expect(navigationFor({ roles: ["COORDINATEUR_CNSA"], organisationId: "cnsa" }).map((i) => i.to)).toEqual([
      "/cnsa",
      "/segur/pilotes",
      "/cnsa/reprises",
      "/cnsa/groupes",
      "/rfc",
      "/personnes/inviter",
      "/calendrier",
    ]);
    expect(navigationFor(admin).map((i) => i.to)).toEqual(["/admin", "/calendrier"]);
  });
  it("lands a Ségur reader on the pilots board, and keeps a Ségur pilot's home first", () => {
    const reader = { roles: ["LECTEUR_SEGUR"] as const, organisationId: "ars-normandie" };
    expect(homeOf(reader)).toBe("/segur/pilotes");
    expect(navigationFor(reader).map((i) => i.to)).toEqual(["/segur/pilotes", "/calendrier"]);
    const pilot = { roles: ["PILOTE_SEGUR"] as const, organisationId: "chanteclair" };
    expect(homeOf(pilot)).toBe("/segur");
    expect(navigationFor(pilot).map((i) => i.to)).toEqual(["/segur", "/segur/pilotes", "/calendrier"]);
  });
  it("shows a director the work groups' dashboard once their MDPH sits in a group", () => {
    expect(can(director, "read:dashboard-groupes")).toBe(false);
    expect(can({ ...director, inWorkGroup: false }, "read:dashboard-groupes")).toBe(false);
    const member = { ...director, inWorkGroup: true };
    expect(can(member, "read:dashboard-groupes")).toBe(true);
    expect(homeOf(member)).toBe("/mdph");
    expect(navigationFor(member).map((i) => i.to)).toEqual(["/mdph", "/groupes", "/rfc", "/calendrier"]);
  });
  it("refuses an action that no role grants, whatever the roles", () => {
    const everyone = { roles: ROLES, organisationId: "cnsa", inWorkGroup: true };
    expect(can(everyone, "delete:everything")).toBe(false);
    expect(can(everyone, "read:admin:any" as `${string}:${string}`)).toBe(false);
    for (const role of ROLES) expect(can({ roles: [role], organisationId: "x" }, "coordinate:nothing")).toBe(false);
    // Every grant has a known scope: a typo in the table would silently deny.
    for (const grants of Object.values(ROLE_PERMISSIONS))
      for (const grant of grants) expect(grant).toMatch(/^[a-z-]+:[a-z-]+:(any|own|member)$/);
  });
  it("lets only an administrator give the administrator role", () => {
    expect(grantableRoles({ roles: ["COORDINATEUR_CNSA"], organisationId: "cnsa" }, ROLES)).not.toContain("ADMIN");
    expect(grantableRoles(admin, ROLES)).toEqual([...ROLES]);
    const coordinatorChoices = grantableRoleOptions({ roles: ["COORDINATEUR_CNSA"], organisationId: "cnsa" });
    expect(coordinatorChoices.map((o) => o.value)).toEqual(ROLES.filter((role) => role !== "ADMIN"));
    expect(grantableRoleOptions(admin)).toContainEqual({ value: "ADMIN", label: ROLE_LABELS.ADMIN });
  });
  it("counts the coordinator and the administrator as privileged (second factor)", () => {
    expect(ROLES.filter((role) => isPrivileged({ roles: [role] }))).toEqual(["COORDINATEUR_CNSA", "ADMIN"]);
  });
});
