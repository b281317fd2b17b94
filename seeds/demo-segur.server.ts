/**
 * Demo Ségur numérique data (issue 11):
 * - the four child-protection pilots of shared source 002 (1 March – 8 July 2022), each an
 *   establishment paired with its vendor and product, with the names the source gives them
 *   (ACSEA and ADEI 17 with Socianova's OGIRYS, Chanteclair with D2L Informatique's Silao, Le
 *   Prado with Troizaire's Nemo Web). The source names real people: the contacts here are
 *   fictional, with the functions the source lists and `.example` addresses. Its map of the
 *   territories did not survive its text extraction: ACSEA (Calvados) and ADEI 17
 *   (Charente-Maritime) carry their département in their name, Chanteclair and Le Prado have none
 *   (their sites' départements are the demo's reconstitution).
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
 * - the pilots' workflows and 002's objectives matrix, through the engine (`startDemoSegurWorkflows`,
 *   once the demo coordinator exists): the source's matrix did not survive its text extraction, so
 *   the objectives are rebuilt from its prose and say so — all four contracted with the ANS, none
 *   could test the DMP, two qualified INS (ACSEA and Chanteclair here), and one of those (ACSEA)
 *   authenticated a team through PSC with e-CPS and sent an MSSanté message to the PMI.
 * No FINESS number is invented: the legal entities and sites have none until their FINESS step.
 * The prerequisite steps are left to the services that record them (the graph's gate is theirs).
 */
import { actorOf } from "~/modules/journal/audit.server";
import {
  SEGUR_OBJECTIVE_WORKFLOW,
  SEGUR_PILOT_WORKFLOW,
  segurObjectiveEventSchema,
  segurPilotEventSchema,
} from "~/modules/segur/workflow.server";
import { applyEventInTransaction, startWorkflow } from "~/modules/workflow/engine.server";
import type { Tx } from "~/utils/db.server";
import type { SegurObjectiveInput } from "../workflows/segur-objective";
import type { Lesson } from "../workflows/segur-pilot";
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
  /**
   * The establishment taking part (FINESS géographique unknown until its step): its legal entity
   * takes part in the pilot through it, and its prerequisites can be opened.
   */
  site: { name: string; category: string; departementCode: string };
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
    site: { name: "Maison d'enfants ACSEA", category: "MECS", departementCode: "14" },
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
    site: { name: "MECS ADEI 17", category: "MECS", departementCode: "17" },
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
    // The source gives Chanteclair no place: the demo's Ségur account needs an establishment to
    // take through its prerequisites, so its MECS stands in the Nord, a reconstitution.
    site: { name: "Maison d'enfants Chanteclair", category: "MECS", departementCode: "59" },
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
    // The source gives Le Prado no place either: like Chanteclair's, its MECS stands in a
    // département of the demo's choosing (the Rhône), a reconstitution — a pilot's establishments
    // are those of its sites (decision 036), and a pilot without one could take no objective.
    site: { name: "Maison d'enfants Le Prado", category: "MECS", departementCode: "69" },
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
    const legalEntity = await tx.legalEntity.create({
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
        sites: { create: [{ site: { create: { ...pilot.site, legalEntityId: legalEntity.id } } }] },
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

/** How the demo says that 002's matrix is rebuilt from its prose. */
const RECONSTITUTED =
  "Reconstitué pour la démonstration à partir du texte de la synthèse des pilotes (sa matrice est perdue).";

type DemoObjective = SegurObjectiveInput & { outcome: "ATTEINT_REEL" | "NON_ATTEINT"; why: string };

const INS_USE: Omit<DemoObjective, "outcome" | "why"> = {
  service: "INS",
  what: "Qualifier l'INS des enfants et des jeunes accompagnés",
  counterpart: "Téléservice INSi",
  environment: "REEL",
  boxType: null,
};
const DMP_USE: Omit<DemoObjective, "outcome" | "why"> = {
  service: "DMP",
  what: "Déposer un document dans le DMP d'un jeune accompagné",
  counterpart: "Dossier médical partagé",
  environment: "REEL",
  boxType: null,
};
const MSS_USE: Omit<DemoObjective, "outcome" | "why"> = {
  service: "MSSANTE",
  what: "Transmettre des informations de suivi d'un jeune au service de PMI du département",
  counterpart: "Service de PMI du département",
  environment: "REEL",
  boxType: "NOMINATIVE",
};
const PSC_USE: Omit<DemoObjective, "outcome" | "why"> = {
  service: "PSC",
  what: "Authentifier une équipe de professionnels par Pro Santé Connect avec leur e-CPS",
  counterpart: "Pro Santé Connect",
  environment: "REEL",
  boxType: null,
};

const NO_DMP: DemoObjective = {
  ...DMP_USE,
  outcome: "NON_ATTEINT",
  why: "Les travaux du pilote n'ont pas permis de tester le DMP.",
};
const NO_INS: DemoObjective = {
  ...INS_USE,
  outcome: "NON_ATTEINT",
  why: "Non atteint dans le temps imparti au pilote (procédure d'identitovigilance à construire, téléservice de test du CNDA perfectible).",
};
const NO_MSS: DemoObjective = {
  ...MSS_USE,
  outcome: "NON_ATTEINT",
  why: "Non atteint dans le temps imparti : la transition vers l'API MSSanté a retardé l'intégration chez l'éditeur.",
};

/** 002's matrix as its prose tells it (establishment × service). */
const OBJECTIVES: Record<string, DemoObjective[]> = {
  "pe-acsea": [
    { ...INS_USE, outcome: "ATTEINT_REEL", why: "" },
    NO_DMP,
    { ...MSS_USE, outcome: "ATTEINT_REEL", why: "" },
    { ...PSC_USE, outcome: "ATTEINT_REEL", why: "" },
  ],
  "pe-chanteclair": [{ ...INS_USE, outcome: "ATTEINT_REEL", why: "" }, NO_DMP, NO_MSS],
  "pe-adei-17": [NO_INS, NO_DMP, NO_MSS],
  "pe-le-prado": [NO_INS, NO_DMP, NO_MSS],
};

/** 002's lessons shared by its four pilots (a few of them: the synthesis has many more). */
const LESSONS_002: Lesson[] = [
  {
    theme: "PREREQUIS",
    kind: "DIFFICULTES",
    text: "Risque d'engorgement administratif : en cas de départ des personnes désignées, de très nombreux formulaires sont à refaire.",
  },
  {
    theme: "PREREQUIS",
    kind: "CONSEILS_ESMS",
    text: "Anticiper au maximum les démarches administratives (contractualisation ANS, commande des moyens d'identification électronique).",
  },
  { theme: "INS", kind: "POINTS_POSITIFS", text: "La qualification de l'INS est perçue comme un acte métier simple." },
];

/**
 * Starts, through the engine, the workflows of the demo pilots that have none yet (the four
 * pilots of 002 ran from 1 March to 8 July 2022 and are finished) and their objectives.
 */
export async function startDemoSegurWorkflows(tx: Tx, now: Date): Promise<void> {
  const coordinator = await tx.user.findFirst({
    where: { roles: { some: { role: "COORDINATEUR_CNSA" } }, active: true },
    orderBy: { createdAt: "asc" },
  });
  if (!coordinator) return;
  const actor = actorOf(coordinator);
  const apply = async (workflowId: string, event: { type: string }, what: string) => {
    const result = await applyEventInTransaction(tx, { workflowId, event, actor, now });
    if (!result.ok) throw new Error(`Demo Ségur ${what}: ${event.type} refused: ${result.message}`);
  };
  const pilots = await tx.segurPilot.findMany({
    where: { code: { in: CHILD_PROTECTION_PILOTS.map((p) => p.code) }, workflowId: null },
    include: { organisations: { where: { role: "ETABLISSEMENT" }, select: { organisationId: true } } },
  });
  for (const pilot of pilots) {
    const workflow = await startWorkflow(tx, {
      type: SEGUR_PILOT_WORKFLOW,
      input: { plannedStartOn: PERIOD_002.startsOn, plannedEndOn: PERIOD_002.endsOn },
      actor,
      now,
    });
    await tx.segurPilot.update({ where: { id: pilot.id }, data: { workflowId: workflow.id } });
    for (const event of [
      { type: "DEMARRER", startedOn: PERIOD_002.startsOn },
      { type: "TERMINER", endedOn: PERIOD_002.endsOn, lessons: LESSONS_002 },
    ])
      await apply(workflow.id, segurPilotEventSchema.parse(event), pilot.code);

    const legalEntity = await tx.legalEntity.findFirst({
      where: { organisationId: { in: pilot.organisations.map((o) => o.organisationId) } },
    });
    for (const { outcome, why, ...input } of OBJECTIVES[pilot.code] ?? []) {
      const objective = await startWorkflow(tx, { type: SEGUR_OBJECTIVE_WORKFLOW, input, actor, now });
      await tx.segurObjective.create({
        data: { workflowId: objective.id, pilotId: pilot.id, legalEntityId: legalEntity?.id, ...input },
      });
      const event =
        outcome === "ATTEINT_REEL"
          ? { type: "ATTEINT_EN_REEL", reachedOn: PERIOD_002.endsOn, note: RECONSTITUTED }
          : { type: "NON_ATTEINT", reason: `${why} ${RECONSTITUTED}` };
      await apply(objective.id, segurObjectiveEventSchema.parse(event), `${pilot.code} ${input.service}`);
    }
  }
}
