import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { loadReferenceData } from "../../../../seeds/reference/load.server";
import { person } from "../../../../test/support/people";
import { departementsWithoutOpalesCentre, organisationOverview } from "./overview.server";

beforeAll(async () => {
  await loadReferenceData();
  await person("active@cnsa.example", "cnsa", ["COORDINATEUR_CNSA"]);
  await person("inactive@cnaf.example", "cnaf", ["MEMBRE_GT"]);
  await prisma.user.update({ where: { email: "inactive@cnaf.example" }, data: { active: false } });
  await prisma.user.create({
    data: {
      email: "invited@cnaf.example",
      firstName: "Invitée",
      lastName: "Sans mot de passe",
      organisationId: (await prisma.organisation.findUniqueOrThrow({ where: { code: "cnaf" } })).id,
    },
  });
  await prisma.organisation.update({ where: { code: "msa" }, data: { active: false } });
});

describe("the coordinator's network panel (decision 021)", () => {
  it("counts organisations per kind and people as the Prisma read model did", async () => {
    const [byKind, people, activePeople] = await Promise.all([
      prisma.organisation.groupBy({ by: ["kind"], _count: { _all: true }, where: { active: true } }),
      prisma.user.count(),
      prisma.user.count({ where: { active: true, passwordHash: { not: null } } }),
    ]);
    const overview = await organisationOverview();
    expect(overview).toEqual({
      byKind: Object.fromEntries(byKind.map((row) => [row.kind, row._count._all])),
      people,
      activePeople,
    });
    expect(overview.people).toBe(3);
    expect(overview.activePeople).toBeLessThan(overview.people);
  });

  it("lists the départements without an OPALES centre by code, as the Prisma read model did", async () => {
    await prisma.departement.updateMany({ where: { code: { in: ["2A", "971", "53"] } }, data: { opalesCentre: null } });
    const before = await prisma.departement.findMany({ where: { opalesCentre: null }, orderBy: { code: "asc" } });
    expect(await departementsWithoutOpalesCentre()).toEqual(before.map((d) => ({ code: d.code, name: d.name })));
    expect(before.length).toBeGreaterThanOrEqual(3);
  });
});
