/**
 * One rule for the OPALES centre of a département, whichever page sets it: the administrator's
 * organisation page and the coordinator's campaign board call the same service.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/modules/auth/session.server";
import { action as boardAction } from "~/routes/cnsa.reprises._index";
import { prisma } from "~/utils/db.server";
import { loadReferenceData } from "../../../seeds/reference/load.server";
import { person } from "../../../test/support/people";
import { bodyOf, callRoute, type RouteHandler } from "../../../test/support/routes";
import { assignOpalesCentre } from "./admin.server";

let coordinator: SessionUser;
let director: SessionUser;
let admin: SessionUser;

beforeAll(async () => {
  await loadReferenceData();
  coordinator = await person("coord@cnsa.example", "cnsa", ["COORDINATEUR_CNSA"]);
  director = await person("dir53@mdph.example", "mdph-53", ["DIRECTEUR_MDPH"]);
  admin = await person("admin@cnsa.example", "cnsa", ["ADMIN"]);
});

const assignFromBoard = (user: SessionUser, departement: string, centre: string) =>
  callRoute(boardAction as RouteHandler, user, "/cnsa/reprises", {}, { intent: "centre", departement, centre });

const centreOf = async (code: string) => (await prisma.departement.findUniqueOrThrow({ where: { code } })).opalesCentre;

const audits = (code: string) =>
  prisma.auditEntry.findMany({
    where: { action: "centre-opales-attribue", entityId: code },
    orderBy: { seq: "asc" },
  });

describe("the OPALES centre of a département the circulaire leaves out", () => {
  it("the coordinator attaches Mayotte to a centre from the campaign board, then corrects it, each step audited", async () => {
    expect(bodyOf(await assignFromBoard(coordinator, "976", "RENNES"))).toMatchObject({
      intent: "centre",
      ok: true,
      message: "Département 976 rattaché au centre d'exploitation de Rennes.",
    });
    expect(await centreOf("976")).toBe("RENNES");

    // A mistake is corrected rather than locked in (the board used to refuse any second choice).
    expect(bodyOf(await assignFromBoard(coordinator, "976", "VERSAILLES"))).toMatchObject({ ok: true });
    expect(await centreOf("976")).toBe("VERSAILLES");
    expect((await audits("976")).map((a) => [a.actorId, JSON.parse(a.data)])).toEqual([
      [coordinator.id, { centre: "RENNES", precedent: null }],
      [coordinator.id, { centre: "VERSAILLES", precedent: "RENNES" }],
    ]);
  });

  it("an administrator and the coordinator share the rule: the centre the circulaire sets never changes", async () => {
    const before = await prisma.auditEntry.count();
    expect(bodyOf(await assignFromBoard(coordinator, "53", "VERSAILLES"))).toMatchObject({
      ok: false,
      errors: {
        centre: "La circulaire rattache ce département au centre de Rennes : ce rattachement ne se modifie pas ici.",
      },
    });
    expect(await assignOpalesCentre(admin, "53", "VERSAILLES")).toMatchObject({ ok: false });
    expect(await centreOf("53")).toBe("RENNES");
    expect(await prisma.auditEntry.count()).toBe(before);
  });

  it("the board answers an unknown département in French, and a director may not use it", async () => {
    expect(bodyOf(await assignFromBoard(coordinator, "99", "RENNES"))).toMatchObject({
      ok: false,
      errors: { centre: "Département inconnu." },
    });
    const refused = await assignFromBoard(director, "973", "RENNES");
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(403);
    expect(await centreOf("973")).toBeNull();
  });
});
