/** A Ségur pilot for the services' tests: its establishment's organisation, one legal entity and its sites. */
import { prisma } from "~/utils/db.server";
import { person } from "./people";

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

/**
 * Readers of the ARS de Normandie (whose region holds a pilot made by `segurPilot`, its sites in
 * the Calvados) and of the ARS de Bretagne (which holds none of them).
 */
export async function regionalReaders() {
  for (const [code, regionCode] of [
    ["ars-normandie", "28"],
    ["ars-bretagne", "53"],
  ])
    await prisma.organisation.create({ data: { code, kind: "ARS", name: code, shortName: code, regionCode } });
  return {
    arsNormandie: await person("lecteur@ars-normandie.example", "ars-normandie", ["LECTEUR_SEGUR"]),
    arsBretagne: await person("lecteur@ars-bretagne.example", "ars-bretagne", ["LECTEUR_SEGUR"]),
  };
}
