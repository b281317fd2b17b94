import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { isRole, ROLE_LABELS } from "~/utils/roles";
import { loadDemoWorld } from "../../../../test/support/demo";
import { person } from "../../../../test/support/people";
import { organisationHeader, team } from "./team.server";

/** The header and team as the /mdph loader built them from the Prisma reads before decision 021. */
async function throughPrisma(organisationId: string) {
  const organisation = await prisma.organisation.findUniqueOrThrow({
    where: { id: organisationId },
    include: { departement: true, parent: true },
  });
  const people = await prisma.user.findMany({
    where: { organisationId, active: true },
    orderBy: [{ lastName: "asc" }, { firstName: "asc" }],
    select: {
      id: true,
      firstName: true,
      lastName: true,
      jobTitle: true,
      email: true,
      roles: { select: { role: true } },
    },
  });
  return {
    organisation: {
      name: organisation.name,
      departement: organisation.departement
        ? `${organisation.departement.name} (${organisation.departement.code})`
        : null,
      opalesCentre: organisation.departement?.opalesCentre ?? null,
    },
    people: people.map((p) => ({
      id: p.id,
      name: `${p.firstName} ${p.lastName}`,
      jobTitle: p.jobTitle,
      roles: p.roles
        .map((r) => r.role)
        .filter(isRole)
        .map((r) => ROLE_LABELS[r])
        .join(", "),
    })),
  };
}

beforeAll(async () => {
  await loadDemoWorld(new Date("2026-11-24T09:00:00Z"));
  // Several roles, people sharing a last name, someone inactive, an OPALES centre assigned.
  await person("zoe@mdph53.example", "mdph-53", ["PILOTE_GROUPE", "DIRECTEUR_MDPH", "MEMBRE_GT"]);
  await person("zoe@mdph53.example".replace("zoe", "abel"), "mdph-53", ["MEMBRE_GT"]);
  const gone = await person("parti@mdph53.example", "mdph-53", ["DIRECTEUR_MDPH"]);
  await prisma.user.update({ where: { id: gone.id }, data: { active: false } });
  await prisma.departement.update({ where: { code: "53" }, data: { opalesCentre: "RENNES" } });
});

describe("an organisation's header and team on the read connection (decision 021)", () => {
  it("shows what the Prisma reads showed, for every organisation", async () => {
    const organisations = await prisma.organisation.findMany({ select: { id: true } });
    for (const { id } of organisations) {
      expect({ organisation: await organisationHeader(id), people: await team(id) }).toEqual(await throughPrisma(id));
    }
    const mdph53 = await prisma.organisation.findUniqueOrThrow({ where: { code: "mdph-53" } });
    const shown = await team(mdph53.id);
    expect(shown.some((p) => p.roles.includes(", "))).toBe(true);
    expect(shown.map((p) => p.name)).not.toContain("Test parti");
    expect((await organisationHeader(mdph53.id)).opalesCentre).toBe("RENNES");
  });
});
