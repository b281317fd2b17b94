/** A Ségur pilot for the services' tests: its establishment's organisation, one legal entity and its sites. */
import { prisma } from "~/utils/db.server";

export async function segurPilot(
  code: string,
  {
    organisationCode,
    sites = ["MECS"],
    serviceEmail = null,
    contactEmails = [],
  }: { organisationCode: string; sites?: string[]; serviceEmail?: string | null; contactEmails?: string[] },
) {
  const organisation = await prisma.organisation.upsert({
    where: { code: organisationCode },
    create: { code: organisationCode, kind: "ESSMS", name: organisationCode, shortName: organisationCode },
    update: {},
  });
  const entity = await prisma.legalEntity.create({ data: { name: `Association ${code}`, serviceEmail } });
  const pilot = await prisma.segurPilot.create({
    data: {
      code,
      name: `Pilote ${code}`,
      sector: "PROTECTION_ENFANCE",
      organisations: { create: [{ organisationId: organisation.id, role: "ETABLISSEMENT" }] },
      sites: {
        create: sites.map((name) => ({
          site: { create: { name, departementCode: "14", category: "MECS", legalEntityId: entity.id } },
        })),
      },
      contacts: {
        create: contactEmails.map((email) => ({ name: "Chef de projet", function: "Chef de projet", email })),
      },
    },
    include: { sites: true },
  });
  return { pilotId: pilot.id, legalEntityId: entity.id, siteIds: pilot.sites.map((s) => s.siteId) };
}
