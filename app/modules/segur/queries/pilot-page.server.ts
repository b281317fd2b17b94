/**
 * The Ségur pilot's page and its step and register pages, on the read connection (decision 021):
 * who may read is the pilot's policy (`pilotAccessFor`: a pilot the person may not see does not
 * exist for them, 404), what they may change is its `edit`. Everything shown comes from the
 * tables and the engine's projection; the step events offered come from the machine through the
 * projection (`availableEvents`), what a step waits for from the graph (pilot-steps.server.ts).
 */
import { sql } from "kysely";
import type { SessionUser } from "~/modules/auth/session.server";
import { OUT_OF_SCOPE } from "~/modules/groups/policy.server";
import { availableEvents, getTimeline } from "~/modules/workflow/engine.server";
import { can } from "~/utils/permissions";
import { compiledOnce, readDb } from "~/utils/read-db.server";
import { refusal, success, type Result } from "~/utils/result";
import { pilotAccessFrom, regionServedBy, type PilotAccess, type PilotFacts } from "../policy.server";
import { SEGUR_STEP_WORKFLOW } from "../workflow.server";
import { SEGUR_STEP_EVENT_LABELS } from "../vocabulary";
import { pilotSteps } from "./pilot-steps.server";
import {
  credentialsOf,
  designatedPeople,
  objectivesSummary,
  pilotLegalEntities,
  pilotSites,
} from "./pilot-records.server";

/** The page above a pilot's: the pilot's own home for its people, the board of every pilot for the others. */
export function pilotCrumb(user: SessionUser) {
  return can(user, "read:dashboard-segur")
    ? { label: "Pilotes Ségur", to: "/segur" }
    : { label: "Pilotes Ségur", to: "/segur/pilotes" };
}

/** A pilot by its code with the facts its access rule reads: its organisations and the regions of its territory and sites. */
const pilotWithAccessFacts = compiledOnce((db, args: { code: string }) =>
  db
    .selectFrom("SegurPilot as p")
    .leftJoin("Departement as d", "d.code", "p.departementCode")
    .select(["p.id", "p.code", "p.name", "d.regionCode"])
    .select([
      sql<string>`(SELECT json_group_array(json_object('organisationId', po.organisationId, 'role', po.role))
                     FROM SegurPilotOrganisation po WHERE po.pilotId = p.id)`.as("organisations"),
      sql<string>`(SELECT json_group_array(DISTINCT sd.regionCode) FROM SegurPilotSite ps
                     JOIN Site s ON s.id = ps.siteId JOIN Departement sd ON sd.code = s.departementCode
                     WHERE ps.pilotId = p.id)`.as("siteRegions"),
    ])
    .where("p.code", "=", args.code),
);

/**
 * The pilot of this code and the person's access to it, by the policy's one rule
 * (`pilotAccessFrom`) on the facts read here in one statement — the same facts as `pilotFacts`,
 * which reads them on the write connection for the commands. INTROUVABLE when the pilot does
 * not exist or the person may not see it (decision 019).
 */
export async function pilotByCode(
  user: SessionUser,
  code: string,
): Promise<Result<{ id: string; code: string; name: string; access: PilotAccess }>> {
  const region = regionServedBy(user);
  const [pilot] = await pilotWithAccessFacts({ code });
  if (!pilot) return refusal("INTROUVABLE", OUT_OF_SCOPE);
  const regions = [pilot.regionCode, ...(JSON.parse(pilot.siteRegions) as (string | null)[])];
  const access = pilotAccessFrom(
    user,
    {
      organisations: JSON.parse(pilot.organisations) as PilotFacts["organisations"],
      regionCodes: new Set(regions.filter((r): r is string => r != null)),
    },
    region,
  );
  if (!access.read) return refusal("INTROUVABLE", OUT_OF_SCOPE);
  return success({ id: pilot.id, code: pilot.code, name: pilot.name, access });
}

/** The pilot's header: period, state, territory, product and its SONS referencing, vendor, grappe and its ESMS numérique funding. */
async function pilotHeader(pilotId: string) {
  return readDb()
    .selectFrom("SegurPilot as p")
    .leftJoin("WorkflowInstance as w", "w.id", "p.workflowId")
    .leftJoin("Departement as d", "d.code", "p.departementCode")
    .leftJoin("SoftwareProduct as sp", "sp.id", "p.productId")
    .leftJoin("Organisation as v", "v.id", "sp.vendorId")
    .leftJoin("Grappe as g", "g.id", "p.grappeId")
    .leftJoin("Organisation as grades", "grades.id", "g.gradesOrganisationId")
    .where("p.id", "=", pilotId)
    .select([
      "p.sector",
      "p.startsOn",
      "p.endsOn",
      "w.status",
      "d.code as departementCode",
      "d.name as departement",
      "sp.name as product",
      "sp.sonsReferencedVersion",
      "sp.sonsReferencedOn",
      "v.name as vendor",
      "g.id as grappeId",
      "g.code as grappeCode",
      "g.name as grappeName",
      "g.kind as grappeKind",
      "g.peopleSupported as grappePeopleSupported",
      "g.steeringCommittee",
      "g.amo",
      "g.digitalMediator",
      "g.esmsApplicationOn",
      "g.esmsNotificationOn",
      "g.esmsPayments",
      "g.esmsUsageTargets",
      "grades.name as grades",
    ])
    .executeTakeFirstOrThrow();
}

/** The grappe's waves, first first, with how many sites each holds. */
async function grappeWaves(grappeId: string | null) {
  if (!grappeId) return [];
  return readDb()
    .selectFrom("GrappeWave as wave")
    .leftJoin("SegurPilotSite as ps", "ps.waveId", "wave.id")
    .where("wave.grappeId", "=", grappeId)
    .groupBy("wave.id")
    .select(["wave.rank", "wave.name", "wave.startsOn"])
    .select((eb) => eb.fn.count<number>("ps.siteId").as("sites"))
    .orderBy("wave.rank")
    .execute();
}

/** The pilot's organisations (establishments, vendor, counterparts) and its named contacts. */
async function pilotPeople(pilotId: string) {
  const [organisations, contacts] = await Promise.all([
    readDb()
      .selectFrom("SegurPilotOrganisation as po")
      .innerJoin("Organisation as o", "o.id", "po.organisationId")
      .where("po.pilotId", "=", pilotId)
      .select(["po.role", "o.name"])
      .orderBy("po.role")
      .orderBy("o.name")
      .execute(),
    readDb()
      .selectFrom("SegurContact as c")
      .leftJoin("Organisation as o", "o.id", "c.organisationId")
      .where("c.pilotId", "=", pilotId)
      .select(["c.id", "c.name", "c.function", "c.email", "o.shortName as organisation"])
      .orderBy("o.shortName")
      .orderBy("c.name")
      .execute(),
  ]);
  return { organisations, contacts };
}

/** Everything the pilot's page shows; the person may edit when `access.edit`. */
export async function pilotPage(user: SessionUser, code: string) {
  const found = await pilotByCode(user, code);
  if (!found.ok) return found;
  const pilot = found.value;
  const [header, register, sites, people, steps, objectives] = await Promise.all([
    pilotHeader(pilot.id),
    registerOf(pilot.id),
    pilotSites(pilot.id),
    pilotPeople(pilot.id),
    pilotSteps([pilot.id]),
    objectivesSummary([pilot.id]),
  ]);
  return success({
    pilot,
    header,
    waves: await grappeWaves(header.grappeId),
    ...people,
    ...register,
    sites,
    steps,
    objectives: objectives.get(pilot.id) ?? [],
  });
}

/** The pilot's legal entities, their designated people and their certificates and cards. */
async function registerOf(pilotId: string) {
  const legalEntities = await pilotLegalEntities([pilotId]);
  const entityIds = legalEntities.map((e) => e.id);
  const [designated, credentials] = await Promise.all([designatedPeople(entityIds), credentialsOf(entityIds)]);
  return { legalEntities, designated, credentials };
}

/** The step events a person who edits the pilot may send. */
const STEP_EVENTS = Object.keys(SEGUR_STEP_EVENT_LABELS);

/**
 * One step of the pilot with the events the person may send now (none for a reader), what it
 * waits for, the people of its legal entity in post (who acted) and its history.
 * INTROUVABLE when the step is not this pilot's.
 */
export async function pilotStepPage(user: SessionUser, code: string, stepId: string) {
  const found = await pilotByCode(user, code);
  if (!found.ok) return found;
  const pilot = found.value;
  const [step] = await pilotSteps([pilot.id], stepId);
  if (!step) return refusal("INTROUVABLE", OUT_OF_SCOPE);
  const [people, timeline] = await Promise.all([designatedPeople([step.legalEntityId]), getTimeline(step.workflowId)]);
  const events = availableEvents(
    { type: SEGUR_STEP_WORKFLOW, machineVersion: step.machineVersion, status: step.status, fields: step.fields },
    pilot.access.edit ? STEP_EVENTS : [],
  );
  return success({ pilot, step, events, people: people.filter((p) => !p.leftOn), timeline });
}

/** The pilot's register pages (designated people, certificates and cards): its legal entities, their people and credentials. */
export async function pilotRegister(user: SessionUser, code: string) {
  const found = await pilotByCode(user, code);
  if (!found.ok) return found;
  const pilot = found.value;
  return success({ pilot, ...(await registerOf(pilot.id)) });
}
