/**
 * Demo Ségur numérique data (issue 11):
 * - the four child-protection pilots of shared source 002 (1 March – 8 July 2022), each an
 *   establishment paired with its vendor and product, with the names the source gives them
 *   (ACSEA and ADEI 17 with Socianova's OGIRYS, Chanteclair with D2L Informatique's Silao, Le
 *   Prado with Troizaire's Nemo Web). The source names real people: the contacts here are
 *   fictional, with the functions the source lists and `.example` addresses. Its map of the
 *   territories did not survive its text extraction: ACSEA (Calvados) and ADEI 17
 *   (Charente-Maritime) carry their département in their name, Chanteclair and Le Prado have none.
 *   The ACSEA pilot sent its MSSanté message to the département's PMI: the Conseil départemental
 *   du Calvados is its counterpart (a reconstitution: the source says "the département").
 * - the two field experiences of shared source 004 as grappes: ONELA's single-entity national
 *   home-help network (3 legal entities, 50 agencies then 14 more, deployed as a pipeline: 2
 *   pilot agencies, then all the others) with Xelya's Ximi; the multi-entity grappe of APEI AUBE
 *   and ASSAGE (35 ESMS, 3,591 people supported: 1,815 and 1,776) with its steering committee,
 *   AMO and digital mediator, Pulsy (the Grand Est GRADeS the source shows) as its contact. The
 *   agencies' and ESMS' names and the agencies' places are fictional; the counts and categories
 *   are the source's. Which association runs the single ESMS of a category was lost with the
 *   table's layout: they are shared out so that each association has the source's total (26, 9).
 * - the ARS and the GRADeS of the regions these pilots and grappes lie in.
 * No FINESS number is invented: the legal entities and sites have none until their FINESS step.
 * The steps, objectives and pilot workflows are started through the engine by a later load, once
 * their definitions exist (app/modules/segur/workflow.server.ts).
 */
import type { Tx } from "~/utils/db.server";
import type { OrganisationKind } from "~/modules/organisations/kinds";
import { DEPARTEMENTS } from "./reference/departements";

type DemoOrganisation = {
  code: string;
  kind: OrganisationKind;
  name: string;
  shortName: string;
  departementCode?: string;
  regionCode?: string;
};

const ORGANISATIONS: DemoOrganisation[] = [
  { code: "acsea", kind: "ESSMS", name: "ACSEA", shortName: "ACSEA", departementCode: "14" },
  { code: "adei-17", kind: "ESSMS", name: "ADEI 17", shortName: "ADEI 17", departementCode: "17" },
  { code: "chanteclair", kind: "ESSMS", name: "Chanteclair", shortName: "Chanteclair" },
  { code: "le-prado", kind: "ESSMS", name: "Le Prado", shortName: "Le Prado" },
  { code: "onela", kind: "ESSMS", name: "ONELA", shortName: "ONELA" },
  { code: "apei-aube", kind: "ESSMS", name: "APEI AUBE", shortName: "APEI AUBE", departementCode: "10" },
  { code: "assage", kind: "ESSMS", name: "ASSAGE", shortName: "ASSAGE", departementCode: "52" },
  { code: "socianova", kind: "EDITEUR", name: "Socianova", shortName: "Socianova" },
  { code: "d2l-informatique", kind: "EDITEUR", name: "D2L Informatique", shortName: "D2L Informatique" },
  { code: "troizaire", kind: "EDITEUR", name: "Troizaire", shortName: "Troizaire" },
  { code: "xelya", kind: "EDITEUR", name: "Xelya", shortName: "Xelya" },
  {
    code: "ars-normandie",
    kind: "ARS",
    name: "Agence régionale de santé de Normandie",
    shortName: "ARS Normandie",
    regionCode: "28",
  },
  {
    code: "grades-normandie",
    kind: "GRADES",
    name: "GRADeS de Normandie",
    shortName: "GRADeS Normandie",
    regionCode: "28",
  },
  {
    code: "ars-nouvelle-aquitaine",
    kind: "ARS",
    name: "Agence régionale de santé de Nouvelle-Aquitaine",
    shortName: "ARS Nouvelle-Aquitaine",
    regionCode: "75",
  },
  {
    code: "grades-nouvelle-aquitaine",
    kind: "GRADES",
    name: "GRADeS de Nouvelle-Aquitaine",
    shortName: "GRADeS Nouvelle-Aquitaine",
    regionCode: "75",
  },
  {
    code: "ars-grand-est",
    kind: "ARS",
    name: "Agence régionale de santé Grand Est",
    shortName: "ARS Grand Est",
    regionCode: "44",
  },
  {
    code: "pulsy",
    kind: "GRADES",
    name: "Pulsy, groupement régional d'appui au développement de la e-santé du Grand Est",
    shortName: "Pulsy",
    regionCode: "44",
  },
];

const PRODUCTS = [
  { vendor: "socianova", name: "OGIRYS" },
  { vendor: "d2l-informatique", name: "Silao" },
  { vendor: "troizaire", name: "Nemo Web" },
  { vendor: "xelya", name: "Ximi" },
] as const;

type DemoPilot = {
  code: string;
  name: string;
  establishment: string;
  vendor: string;
  product: string;
  departementCode: string | null;
  counterpart?: string;
  contacts: { name: string; function: string; email: string; organisation: string }[];
};

/** 002's period: « Du 1er mars au 08 juillet 2022 ». */
const PERIOD_002 = { startsOn: "2022-03-01", endsOn: "2022-07-08" };

const CHILD_PROTECTION_PILOTS: DemoPilot[] = [
  {
    code: "pe-acsea",
    name: "ACSEA — OGIRYS",
    establishment: "acsea",
    vendor: "socianova",
    product: "OGIRYS",
    departementCode: "14",
    counterpart: "cd-14",
    contacts: [
      {
        name: "Hélène Marchal",
        function: "Directrice des services juridiques et systèmes, protection des données ; cheffe de projet OGIRYS",
        email: "helene.marchal@acsea.example",
        organisation: "acsea",
      },
      {
        name: "Karim Benali",
        function: "Directeur général adjoint innovation et relation client",
        email: "karim.benali@socianova.example",
        organisation: "socianova",
      },
    ],
  },
  {
    code: "pe-adei-17",
    name: "ADEI 17 — OGIRYS",
    establishment: "adei-17",
    vendor: "socianova",
    product: "OGIRYS",
    departementCode: "17",
    contacts: [
      {
        name: "Vincent Roussel",
        function: "Responsable des systèmes d'information",
        email: "vincent.roussel@adei17.example",
        organisation: "adei-17",
      },
      {
        name: "Lucie Perrin",
        function: "Cheffe de projet SI",
        email: "lucie.perrin@adei17.example",
        organisation: "adei-17",
      },
      {
        name: "Nadia Colin",
        function: "Cheffe de service MECS",
        email: "nadia.colin@adei17.example",
        organisation: "adei-17",
      },
      {
        name: "Olivier Masson",
        function: "Directeur du pôle services",
        email: "olivier.masson@socianova.example",
        organisation: "socianova",
      },
    ],
  },
  {
    code: "pe-chanteclair",
    name: "Chanteclair — Silao",
    establishment: "chanteclair",
    vendor: "d2l-informatique",
    product: "Silao",
    departementCode: null,
    contacts: [
      {
        name: "Brigitte Lemaire",
        function: "Directrice générale",
        email: "brigitte.lemaire@chanteclair.example",
        organisation: "chanteclair",
      },
      {
        name: "Élodie Fontaine",
        function: "Cheffe de projet Ségur",
        email: "elodie.fontaine@essms-demo.example",
        organisation: "chanteclair",
      },
      {
        name: "Martine Aubert",
        function: "Co-dirigeante",
        email: "martine.aubert@d2l-informatique.example",
        organisation: "d2l-informatique",
      },
      {
        name: "Julien Chevalier",
        function: "Chef de projet déploiement",
        email: "julien.chevalier@d2l-informatique.example",
        organisation: "d2l-informatique",
      },
    ],
  },
  {
    code: "pe-le-prado",
    name: "Le Prado — Nemo Web",
    establishment: "le-prado",
    vendor: "troizaire",
    product: "Nemo Web",
    departementCode: null,
    contacts: [
      {
        name: "Sandrine Gauthier",
        function: "Directrice déléguée de territoire",
        email: "sandrine.gauthier@leprado.example",
        organisation: "le-prado",
      },
      { name: "Denis Fabre", function: "Directeur", email: "denis.fabre@troizaire.example", organisation: "troizaire" },
    ],
  },
];

/** 004's multi-entity grappe: its ESMS by category, and how many each association runs (APEI AUBE, ASSAGE). */
const APEI_ASSAGE_ESMS: [category: string, apeiAube: number, assage: number][] = [
  ["Accueil familial", 0, 1],
  ["Accueil de jour enfants polyhandicapés", 1, 0],
  ["Autres", 0, 1],
  ["CAMSP", 0, 1],
  ["CCH", 1, 0],
  ["Centre parental", 0, 1],
  ["CMPP", 0, 1],
  ["EATAH", 1, 0],
  ["EHPAD", 1, 0],
  ["ESAT", 5, 0],
  ["FAM", 2, 0],
  ["Foyer de vie", 3, 0],
  ["Hébergement ESAT", 4, 0],
  ["IME", 3, 1],
  ["IMPro", 1, 0],
  ["ITEP", 1, 2],
  ["MAS", 1, 0],
  ["SAMSAH", 1, 0],
  ["SAVS", 1, 0],
  ["SESSAD", 0, 1],
];

async function idByCode(tx: Tx, codes: readonly string[]): Promise<Map<string, string>> {
  const rows = await tx.organisation.findMany({
    where: { code: { in: [...codes] } },
    select: { id: true, code: true },
  });
  return new Map(rows.map((row) => [row.code, row.id]));
}

/** Loads the Ségur demo once: a second load finds its pilots and adds nothing. */
export async function loadDemoSegur(tx: Tx): Promise<void> {
  if ((await tx.segurPilot.count({ where: { code: { in: CHILD_PROTECTION_PILOTS.map((p) => p.code) } } })) > 0) return;

  for (const { code, ...fields } of ORGANISATIONS)
    await tx.organisation.upsert({ where: { code }, create: { code, ...fields }, update: {} });
  const org = await idByCode(tx, [...ORGANISATIONS.map((o) => o.code), "cd-14"]);
  const orgId = (code: string) => org.get(code)!;

  const productId = new Map<string, string>();
  for (const product of PRODUCTS) {
    const row = await tx.softwareProduct.create({ data: { vendorId: orgId(product.vendor), name: product.name } });
    productId.set(product.name, row.id);
  }

  for (const pilot of CHILD_PROTECTION_PILOTS) {
    const establishment = ORGANISATIONS.find((o) => o.code === pilot.establishment)!;
    await tx.legalEntity.create({
      data: {
        name: establishment.name,
        organisationId: orgId(pilot.establishment),
        departementCode: pilot.departementCode,
        serviceEmail: `segur@${pilot.establishment.replace(/-/g, "")}.example`,
      },
    });
    await tx.segurPilot.create({
      data: {
        code: pilot.code,
        name: pilot.name,
        sector: "PROTECTION_ENFANCE",
        departementCode: pilot.departementCode,
        ...PERIOD_002,
        productId: productId.get(pilot.product),
        organisations: {
          create: [
            { organisationId: orgId(pilot.establishment), role: "ETABLISSEMENT" },
            { organisationId: orgId(pilot.vendor), role: "EDITEUR" },
            ...(pilot.counterpart ? [{ organisationId: orgId(pilot.counterpart), role: "CONTREPARTIE" }] : []),
          ],
        },
        contacts: {
          create: pilot.contacts.map(({ organisation, ...contact }) => ({
            ...contact,
            organisationId: orgId(organisation),
          })),
        },
      },
    });
  }

  await loadOnela(tx, orgId, productId.get("Ximi")!);
  await loadApeiAssage(tx, orgId);
}

/** ONELA: one national grappe of 3 legal entities, 50 agencies then 14 more, deployed as a pipeline. */
async function loadOnela(tx: Tx, orgId: (code: string) => string, ximi: string) {
  const entities = [];
  for (const n of [1, 2, 3])
    entities.push(
      await tx.legalEntity.create({
        data: {
          name: `ONELA — entité juridique ${n}`,
          organisationId: orgId("onela"),
          serviceEmail: "segur@onela.example",
        },
      }),
    );
  const grappe = await tx.grappe.create({
    data: {
      code: "onela",
      name: "Grappe nationale ONELA",
      kind: "MONO_ENTITE",
      steeringCommittee: "Équipe projet « Ma Santé 2022 » constituée chez ONELA en janvier 2023.",
      legalEntities: { create: entities.map((entity) => ({ legalEntityId: entity.id })) },
      waves: {
        create: [
          { rank: 1, name: "Agences pilotes" },
          { rank: 2, name: "Toutes les autres agences, en même temps" },
          { rank: 3, name: "Agences rattachées ultérieurement à la grappe" },
        ],
      },
    },
    include: { waves: { orderBy: { rank: "asc" } } },
  });
  const metropolitan = DEPARTEMENTS.filter((d) => d.code.length === 2);
  const pilot = await tx.segurPilot.create({
    data: {
      code: "domicile-onela",
      name: "ONELA — Ximi",
      sector: "DOMICILE",
      productId: ximi,
      grappeId: grappe.id,
      organisations: {
        create: [
          { organisationId: orgId("onela"), role: "ETABLISSEMENT" },
          { organisationId: orgId("xelya"), role: "EDITEUR" },
        ],
      },
      contacts: {
        create: [
          {
            name: "Philippe Renaud",
            function: "Directeur des systèmes d'information",
            email: "philippe.renaud@onela.example",
            organisationId: orgId("onela"),
          },
        ],
      },
    },
  });
  // 64 agencies: the 2 pilots and 48 others of the first 50, then the 14 attached later.
  for (let n = 1; n <= 64; n++) {
    const departement = metropolitan[(n * 7) % metropolitan.length]!;
    const wave = n <= 2 ? grappe.waves[0]! : n <= 50 ? grappe.waves[1]! : grappe.waves[2]!;
    const site = await tx.site.create({
      data: {
        name: `Agence ONELA n° ${String(n).padStart(2, "0")} (${departement.name})`,
        legalEntityId: entities[n % 3]!.id,
        departementCode: departement.code,
        category: "SAAD",
      },
    });
    await tx.segurPilotSite.create({ data: { pilotId: pilot.id, siteId: site.id, waveId: wave.id } });
  }
}

/** APEI AUBE and ASSAGE: a multi-entity grappe of 35 ESMS in the Aube and the Haute-Marne. */
async function loadApeiAssage(tx: Tx, orgId: (code: string) => string) {
  const apei = await tx.legalEntity.create({
    data: {
      name: "APEI AUBE",
      organisationId: orgId("apei-aube"),
      departementCode: "10",
      serviceEmail: "segur@apei-aube.example",
    },
  });
  const assage = await tx.legalEntity.create({
    data: {
      name: "ASSAGE",
      organisationId: orgId("assage"),
      departementCode: "52",
      serviceEmail: "segur@assage.example",
    },
  });
  await tx.grappe.create({
    data: {
      code: "aube-haute-marne",
      name: "Grappe APEI AUBE – ASSAGE",
      kind: "MULTI_ENTITE",
      regionCode: "44",
      steeringCommittee:
        "Un comité de pilotage : des représentants de chaque association et une cheffe de projet dans chaque association.",
      amo: "Une assistance à maîtrise d'ouvrage.",
      digitalMediator: "Un médiateur numérique, pour la sensibilisation aux services socles.",
      peopleSupported: 3591,
      gradesOrganisationId: orgId("pulsy"),
      legalEntities: {
        create: [
          { legalEntityId: apei.id, peopleSupported: 1815 },
          { legalEntityId: assage.id, peopleSupported: 1776 },
        ],
      },
    },
  });
  const sites = APEI_ASSAGE_ESMS.flatMap(([category, apeiCount, assageCount]) => [
    ...Array.from({ length: apeiCount }, (_, i) => ({ category, entity: apei, n: i + 1, departementCode: "10" })),
    ...Array.from({ length: assageCount }, (_, i) => ({ category, entity: assage, n: i + 1, departementCode: "52" })),
  ]);
  await tx.site.createMany({
    data: sites.map(({ category, entity, n, departementCode }) => ({
      name: `${category} n° ${n} (${entity.name})`,
      legalEntityId: entity.id,
      departementCode,
      category,
    })),
  });
}
