import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/modules/auth/session.server";
import { prisma } from "~/utils/db.server";
import { loadReferenceData } from "../../../seeds/reference/load.server";
import { person } from "../../../test/support/people";
import { refusedAs } from "../../../test/support/result";
import { pilotAccess, pilotAccessFor } from "./policy.server";
import { visiblePilots } from "./queries/pilots.server";

/** An organisation of a kind the reference data does not hold; returns its code. */
async function organisation(code: string, kind: string, regionCode: string | null = null) {
  await prisma.organisation.create({ data: { code, kind, name: code, shortName: code, regionCode } });
  return code;
}

const idOf = async (code: string) => (await prisma.organisation.findUniqueOrThrow({ where: { code } })).id;

/** A pilot with its organisations by role, a territory and sites in the given départements. */
async function pilot(
  code: string,
  {
    departementCode,
    siteDepartements = [],
    roles,
  }: {
    departementCode?: string;
    siteDepartements?: string[];
    roles: [string, "ETABLISSEMENT" | "EDITEUR" | "CONTREPARTIE"][];
  },
) {
  const legalEntity = await prisma.legalEntity.create({ data: { name: `Gestionnaire ${code}` } });
  const created = await prisma.segurPilot.create({
    data: {
      code,
      name: `Pilote ${code}`,
      sector: "PROTECTION_ENFANCE",
      departementCode,
      organisations: {
        create: await Promise.all(roles.map(async ([org, role]) => ({ organisationId: await idOf(org), role }))),
      },
      sites: {
        create: siteDepartements.map((dep, i) => ({
          site: {
            create: {
              name: `Site ${i} de ${code}`,
              departementCode: dep,
              category: "MECS",
              legalEntityId: legalEntity.id,
            },
          },
        })),
      },
    },
  });
  return created.id;
}

let pilotA: string, pilotB: string;
let cast: Record<string, SessionUser>;

beforeAll(async () => {
  await loadReferenceData();
  await organisation("acsea", "ESSMS");
  await organisation("socianova", "EDITEUR");
  await organisation("apei-aube", "ESSMS");
  await organisation("ars-normandie", "ARS", "28");
  await organisation("grades-normandie", "GRADES", "28");
  await organisation("ars-bretagne", "ARS", "53");
  await organisation("ars-sans-region", "ARS");
  // Pilot A: its territory is the Calvados (Normandie); the Conseil départemental du Calvados is
  // its counterpart. Pilot B: no territory, one site in Ille-et-Vilaine (Bretagne).
  pilotA = await pilot("a", {
    departementCode: "14",
    roles: [
      ["acsea", "ETABLISSEMENT"],
      ["socianova", "EDITEUR"],
      ["cd-14", "CONTREPARTIE"],
    ],
  });
  pilotB = await pilot("b", { siteDepartements: ["35"], roles: [["apei-aube", "ETABLISSEMENT"]] });

  const byRole: [role: string, people: [part: string, organisation: string][]][] = [
    ["COORDINATEUR_CNSA", [["coordinator", "cnsa"]]],
    [
      "PILOTE_SEGUR",
      [
        ["establishmentA", "acsea"],
        ["vendorA", "socianova"],
        ["establishmentB", "apei-aube"],
      ],
    ],
    ["DIRECTEUR_MDPH", [["mdph14", "mdph-14"]]],
    // Deny by default: the counterpart's people without the Ségur grant, a partner.
    [
      "MEMBRE_GT",
      [
        ["cd14WithoutGrant", "cd-14"],
        ["partner", "cnaf"],
      ],
    ],
    [
      "LECTEUR_SEGUR",
      [
        ["arsNormandie", "ars-normandie"],
        ["gradesNormandie", "grades-normandie"],
        ["arsBretagne", "ars-bretagne"],
        ["arsWithoutRegion", "ars-sans-region"],
        ["counterpartCd14", "cd-14"],
        ["cd35", "cd-35"],
      ],
    ],
  ];
  cast = Object.fromEntries(
    await Promise.all(
      byRole.flatMap(([role, people]) =>
        people.map(async ([part, org]) => [part, await person(`${part}@test.example`, org, [role])] as const),
      ),
    ),
  );
});

/** Who edits and who only reads pilots A and B; everyone else is told they do not exist (404). */
const EDITS = { a: ["establishmentA", "vendorA"], b: ["establishmentB"] };
const READS = {
  a: ["coordinator", "arsNormandie", "gradesNormandie", "counterpartCd14"],
  b: ["coordinator", "arsBretagne"],
};
const PARTS = [...new Set([...EDITS.a, ...EDITS.b, ...READS.a, ...READS.b])];
const NOBODY = ["arsWithoutRegion", "cd14WithoutGrant", "cd35", "mdph14", "partner"];

function expected(part: string, pilot: "a" | "b"): "edit" | "read" | null {
  if (EDITS[pilot].includes(part)) return "edit";
  return READS[pilot].includes(part) ? "read" : null;
}

describe("Ségur pilots policy", () => {
  it.each([...PARTS, ...NOBODY])("gives %s what their part in each pilot allows", async (part) => {
    const user = cast[part]!;
    for (const [pilotId, want] of [
      [pilotA, expected(part, "a")],
      [pilotB, expected(part, "b")],
    ] as const) {
      const read = await pilotAccessFor(user, pilotId);
      const edit = await pilotAccessFor(user, pilotId, "edit");
      if (want === null) {
        expect(read, `${part} reads ${pilotId}`).toMatchObject(refusedAs("INTROUVABLE"));
        expect(edit, `${part} edits ${pilotId}`).toMatchObject(refusedAs("INTROUVABLE"));
      } else {
        expect(read.ok, `${part} reads ${pilotId}`).toBe(true);
        if (want === "edit") expect(edit.ok, `${part} edits ${pilotId}`).toBe(true);
        else expect(edit, `${part} edits ${pilotId}`).toMatchObject(refusedAs("INTERDIT"));
      }
    }
  });

  it.each([...PARTS, ...NOBODY])("lists for %s exactly the pilots they may read", async (part) => {
    const user = cast[part]!;
    const readable = [...(expected(part, "a") ? [pilotA] : []), ...(expected(part, "b") ? [pilotB] : [])];
    expect((await visiblePilots(user)).map((p) => p.id).sort()).toEqual(readable.sort());
  });

  it("lists what a list shows: names, territory, establishments", async () => {
    expect(await visiblePilots(cast.establishmentA!)).toEqual([
      {
        id: pilotA,
        code: "a",
        name: "Pilote a",
        sector: "PROTECTION_ENFANCE",
        departementCode: "14",
        startsOn: null,
        endsOn: null,
        product: null,
        vendor: null,
        establishments: ["acsea"],
      },
    ]);
  });

  it("reads a region through the sites as well as the territory", async () => {
    // Pilot A gains a site in Ille-et-Vilaine: the ARS of Bretagne now reads it too.
    const legalEntity = await prisma.legalEntity.create({ data: { name: "Gestionnaire breton" } });
    const site = await prisma.site.create({
      data: { name: "MECS de Rennes", departementCode: "35", category: "MECS", legalEntityId: legalEntity.id },
    });
    await prisma.segurPilotSite.create({ data: { pilotId: pilotA, siteId: site.id } });
    expect((await pilotAccess(cast.arsBretagne!, pilotA)).read).toBe(true);
    expect((await visiblePilots(cast.arsBretagne!)).map((p) => p.id).sort()).toEqual([pilotA, pilotB].sort());
    await prisma.segurPilotSite.delete({ where: { pilotId_siteId: { pilotId: pilotA, siteId: site.id } } });
    expect((await pilotAccess(cast.arsBretagne!, pilotA)).read).toBe(false);
  });

  it("answers 404 for a pilot that does not exist", async () => {
    expect(await pilotAccessFor(cast.coordinator!, "inconnu")).toMatchObject(refusedAs("INTROUVABLE"));
  });
});
