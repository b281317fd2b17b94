/**
 * Ségur numérique pilots at national scale, for scripts/benchmark.ts (npm run bench) and, on an
 * existing bench database, scripts/bench-segur-data.ts. Imported once the database holds the
 * reference and demo data. Forty pilots across the regions, each an establishment organisation
 * (1 or 3 legal entities, 2 to 8 sites; every tenth a grappe-sized pilot of 48 sites) paired with
 * one of eight vendors' products, some with their département's Conseil départemental as
 * counterpart. Their registers, prerequisite steps and certificates go through the domain
 * services (`addDesignatedPerson`, `openPilotSteps`, `actOnStep`, `recordCredential`), as their
 * people would record them, at a pace that differs per pilot (from nothing asked yet to nearly
 * everything obtained, some steps blocked); the objectives and the pilots' own workflows through
 * the engine, as the demo data does. The certificates' expiries fall over the next 200 days, so
 * that the 90-day expiries and their reminders are there to show.
 *
 * Accounts the page benchmark signs in with (the demo password): `segur1@banc.example`, a person
 * of the first pilot's establishment (3 legal entities, 30 sites); `ars@banc.example`, a reader of
 * the ARS de Bretagne, whose region holds a share of the pilots.
 */
import { hashPassword } from "~/modules/auth/password.server";
import { sessionUserById, type SessionUser } from "~/modules/auth/session.server";
import { actorOf } from "~/modules/journal/audit.server";
import { recordCredential } from "~/modules/segur/credentials.server";
import { addDesignatedPerson } from "~/modules/segur/designated-people.server";
import { actOnStep, openPilotSteps, type SegurStepCommand } from "~/modules/segur/steps.server";
import { BLOCKER_VOCABULARY, SECTOR_VOCABULARY, type DesignatedRole } from "~/modules/segur/vocabulary";
import {
  SEGUR_OBJECTIVE_WORKFLOW,
  SEGUR_PILOT_WORKFLOW,
  segurObjectiveEventSchema,
  segurPilotEventSchema,
} from "~/modules/segur/workflow.server";
import { applyEventInTransaction, startWorkflow } from "~/modules/workflow/engine.server";
import { now } from "~/utils/clock.server";
import { prisma, writeTransaction } from "~/utils/db.server";
import { addCalendarDays, parisDate } from "~/utils/working-days";
import { DEPARTEMENTS } from "../seeds/reference/departements";
import { SEGUR_STEPS, STEP_CODES, type StepCode } from "../workflows/segur-prerequisites";
import { benchPerson } from "./bench-database";
import type { BenchTools } from "./benchmark-rfc";

export const SEGUR_PILOTS = 40;
export const BENCH_SEGUR_CODE = (n: number) => `banc-segur-${n}`;
const PASSWORD = "Démonstration Passerelles 2026";
const BRETAGNE = "53";
const VENDORS = 8;
const SITE_CATEGORIES = ["MECS", "IME", "EHPAD", "SAAD", "ESAT", "FAM", "SESSAD", "Foyer de vie"];
const REGISTER: DesignatedRole[] = ["REPRESENTANT_LEGAL", "GESTIONNAIRE_RPPS", "ADMINISTRATEUR_TECHNIQUE"];
const SERVICES = ["INS", "DMP", "MSSANTE", "PSC"] as const;

function check<T>(result: { ok: true; value: T } | { ok: false; message: string }, what: string): T {
  if (!result.ok) throw new Error(`Bench Ségur: ${what} refused: ${result.message}`);
  return result.value;
}

/** The shape of the `n`th pilot: its legal entities and sites, and how far it went (0 to 5). */
function shapeOf(n: number) {
  if (n === 1) return { entities: 3, sites: 30, pace: 4 };
  const entities = n % 3 === 0 ? 3 : 1;
  // Every legal entity runs at least one of the pilot's sites.
  return { entities, sites: n % 10 === 0 ? 48 : Math.max(entities, 2 + (n % 7)), pace: n % 6 };
}

/** The pilot's territory: the first pilots in Bretagne (the ARS reader's region), the others spread out. */
function departementOf(n: number) {
  const metropolitan = DEPARTEMENTS.filter((d) => d.code.length === 2);
  const bretagne = ["22", "29", "35", "56"];
  return n <= 8 ? bretagne[n % 4]! : metropolitan[(n * 13) % metropolitan.length]!.code;
}

async function organisation(code: string, kind: string, name: string, extra: Record<string, string> = {}) {
  return prisma.organisation.upsert({
    where: { code },
    create: { code, kind, name, shortName: name, ...extra },
    update: {},
  });
}

/** The pilots' organisations, products and rows: what the pilot's people do not record themselves. */
async function createPilots(today: string, passwordHash: string) {
  const products = [];
  for (let v = 1; v <= VENDORS; v++) {
    const vendor = await organisation(`banc-editeur-${v}`, "EDITEUR", `Éditeur banc ${v}`);
    products.push(
      await prisma.softwareProduct.create({
        data: {
          vendorId: vendor.id,
          name: `DUI banc ${v}`,
          ...(v % 2 === 0 ? { sonsReferencedVersion: `${v}.2`, sonsReferencedOn: addCalendarDays(today, -300) } : {}),
        },
      }),
    );
  }
  const ars = await organisation("banc-ars-bretagne", "ARS", "ARS de Bretagne (banc)", { regionCode: BRETAGNE });
  await prisma.user.create({
    data: { ...benchPerson("ars", 0, ars.id, passwordHash, "LECTEUR_SEGUR"), email: "ars@banc.example" },
  });

  const sectors = SECTOR_VOCABULARY.codes;
  const pilots = [];
  for (let n = 1; n <= SEGUR_PILOTS; n++) {
    const shape = shapeOf(n);
    const departementCode = departementOf(n);
    const establishment = await organisation(`banc-essms-${n}`, "ESSMS", `Association banc ${n}`, {
      departementCode,
    });
    await prisma.user.create({ data: benchPerson("segur", n, establishment.id, passwordHash, "PILOTE_SEGUR") });
    const product = products[n % VENDORS]!;
    const counterpart =
      n % 4 === 0 ? await prisma.organisation.findUnique({ where: { code: `cd-${departementCode}` } }) : null;
    const startsOn = addCalendarDays(today, -(120 + n * 5));
    const entities = [];
    for (let e = 1; e <= shape.entities; e++)
      entities.push(
        await prisma.legalEntity.create({
          data: {
            name: shape.entities === 1 ? `Association banc ${n}` : `Association banc ${n} — entité ${e}`,
            organisationId: establishment.id,
            departementCode,
            serviceEmail: `segur@essms${n}-${e}.banc.example`,
          },
        }),
      );
    const pilot = await prisma.segurPilot.create({
      data: {
        code: BENCH_SEGUR_CODE(n),
        name: `Association banc ${n} — DUI banc ${(n % VENDORS) + 1}`,
        sector: sectors[n % sectors.length]!,
        departementCode,
        startsOn,
        endsOn: addCalendarDays(startsOn, 190),
        productId: product.id,
        organisations: {
          create: [
            { organisationId: establishment.id, role: "ETABLISSEMENT" },
            { organisationId: product.vendorId, role: "EDITEUR" },
            ...(counterpart ? [{ organisationId: counterpart.id, role: "CONTREPARTIE" }] : []),
          ],
        },
        contacts: {
          create: [
            { name: `Cheffe de projet ${n}`, function: "Cheffe de projet Ségur", email: `projet${n}@banc.example` },
            { name: `Référent éditeur ${n}`, function: "Chef de projet déploiement", organisationId: product.vendorId },
          ],
        },
      },
    });
    for (let s = 1; s <= shape.sites; s++) {
      const category = SITE_CATEGORIES[(n + s) % SITE_CATEGORIES.length]!;
      const site = await prisma.site.create({
        data: {
          name: `${category} banc ${n}-${s}`,
          legalEntityId: entities[s % entities.length]!.id,
          departementCode: s % 5 === 0 ? departementOf(n + s) : departementCode,
          category,
        },
      });
      await prisma.segurPilotSite.create({ data: { pilotId: pilot.id, siteId: site.id } });
    }
    pilots.push({ n, pilot, entities, shape, startsOn, editor: `segur${n}@banc.example` });
  }
  return pilots;
}

type StepRow = { id: string; stepCode: string; rowVersion: number };

async function stepsOf(pilotId: string): Promise<StepRow[]> {
  const steps = await prisma.segurStep.findMany({
    where: { pilotId },
    select: { id: true, stepCode: true, workflow: { select: { rowVersion: true } } },
    orderBy: { id: "asc" },
  });
  return steps.map((s) => ({ id: s.id, stepCode: s.stepCode, rowVersion: s.workflow.rowVersion }));
}

/**
 * Moves the pilot's steps in the graph's order: the first `2 × pace` step codes obtained, the next
 * one asked (and blocked for every odd-numbered pilot), the rest not asked yet. Dates a week apart from
 * the pilot's start, each step obtained 5 to 40 days after it was asked, none after today.
 */
async function moveSteps(editor: SessionUser, pilotId: string, n: number, pace: number, startsOn: string) {
  const today = parisDate(now());
  const reached = 2 * pace;
  const codes = STEP_CODES.slice(0, Math.min(reached + 1, STEP_CODES.length));
  const notAfterToday = (day: string) => (day < today ? day : today);
  let moved = 0;
  let cursor = startsOn;
  for (const [index, code] of codes.entries()) {
    const askedOn = notAfterToday(cursor);
    const obtainedOn = notAfterToday(addCalendarDays(askedOn, 3 + ((n * 7 + index * 11) % 18)));
    cursor = obtainedOn;
    const channel =
      SEGUR_STEPS[code as StepCode].channels[(n + index) % SEGUR_STEPS[code as StepCode].channels.length]!;
    for (const step of (await stepsOf(pilotId)).filter((s) => s.stepCode === code)) {
      const ask: SegurStepCommand = {
        type: "DEMANDER",
        channel,
        askedOn,
        actedBy: `Cheffe de projet ${n}`,
        actedByPersonId: null,
      };
      check(await actOnStep(editor, pilotId, step.id, ask, step.rowVersion), `${code} asked`);
      const next: SegurStepCommand | null =
        index < reached
          ? { type: "OBTENIR", obtainedOn, note: "Justificatif reçu", reference: `REF-${n}-${index}` }
          : n % 2 === 1
            ? {
                type: "BLOQUER",
                blockedOn: obtainedOn,
                reason: "En attente d'une réponse.",
                blocker: BLOCKER_VOCABULARY.codes[n % BLOCKER_VOCABULARY.codes.length]!,
              }
            : null;
      if (next) check(await actOnStep(editor, pilotId, step.id, next, step.rowVersion + 1), `${code} ${next.type}`);
      moved += 1;
    }
  }
  return moved;
}

/** Starts the pilot's workflow and its objectives (one use case per core service) through the engine. */
async function startPilotWorkflows(pilotId: string, n: number, startsOn: string, endsOn: string, pace: number) {
  const coordinator = await prisma.user.findFirstOrThrow({
    where: { roles: { some: { role: "COORDINATEUR_CNSA" } }, active: true },
    orderBy: { createdAt: "asc" },
  });
  const actor = actorOf(coordinator);
  const today = parisDate(now());
  await writeTransaction(async (tx) => {
    const at = now();
    const workflow = await startWorkflow(tx, {
      type: SEGUR_PILOT_WORKFLOW,
      input: { plannedStartOn: startsOn, plannedEndOn: endsOn },
      actor,
      now: at,
    });
    await tx.segurPilot.update({ where: { id: pilotId }, data: { workflowId: workflow.id } });
    const started = await applyEventInTransaction(tx, {
      workflowId: workflow.id,
      event: segurPilotEventSchema.parse({ type: "DEMARRER", startedOn: startsOn }),
      actor,
      now: at,
    });
    if (!started.ok) throw new Error(`Bench Ségur: pilot ${n} not started: ${started.message}`);
    const legalEntity = await tx.legalEntity.findFirst({
      where: { sites: { some: { pilots: { some: { pilotId } } } } },
    });
    for (const [index, service] of SERVICES.entries()) {
      const input = {
        service,
        what: `Cas d'usage ${service} du pilote ${n}`,
        counterpart: service === "MSSANTE" ? "Service de PMI du département" : "Service national",
        environment: "REEL" as const,
        boxType: service === "MSSANTE" ? ("NOMINATIVE" as const) : null,
      };
      const objective = await startWorkflow(tx, { type: SEGUR_OBJECTIVE_WORKFLOW, input, actor, now: at });
      await tx.segurObjective.create({
        data: { workflowId: objective.id, pilotId, legalEntityId: legalEntity?.id, ...input },
      });
      if (pace < 3 || index >= pace) continue;
      const event =
        (n + index) % 3 === 0
          ? { type: "NON_ATTEINT", reason: "Non atteint dans le temps du pilote." }
          : { type: (n + index) % 3 === 1 ? "ATTEINT_EN_REEL" : "ATTEINT_EN_TEST", reachedOn: today, note: "" };
      const result = await applyEventInTransaction(tx, {
        workflowId: objective.id,
        event: segurObjectiveEventSchema.parse(event),
        actor,
        now: at,
      });
      if (!result.ok) throw new Error(`Bench Ségur: objective ${n} ${service}: ${result.message}`);
    }
  });
}

export async function runSegurBenchmark({ report, timed, ms }: BenchTools) {
  const today = parisDate(now());
  const passwordHash = await hashPassword(PASSWORD);
  const pilots = await createPilots(today, passwordHash);
  let people = 0;
  let credentials = 0;
  const opened = await timed(async () => {
    let count = 0;
    for (const { pilot, entities, editor: email, n } of pilots) {
      const { id } = await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
      const editor = (await sessionUserById(id))!;
      for (const [e, entity] of entities.entries())
        for (const role of REGISTER) {
          check(
            await addDesignatedPerson(editor, pilot.id, entity.id, {
              role,
              firstName: "Personne",
              lastName: `${role.toLowerCase()} ${n}-${e + 1}`,
              email: `${role.toLowerCase()}.${n}.${e + 1}@banc.example`,
            }),
            "designated person",
          );
          people += 1;
        }
      count += check(await openPilotSteps(editor, pilot.id), "steps opened").opened;
    }
    return count;
  });
  report(
    `Ségur: ${SEGUR_PILOTS} pilots, ${people} designated people, ${opened.result} prerequisite steps opened (services)`,
    ms(opened.ms),
  );

  const moved = await timed(async () => {
    let count = 0;
    for (const { pilot, editor: email, n, shape, startsOn, entities } of pilots) {
      const { id } = await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
      const editor = (await sessionUserById(id))!;
      count += await moveSteps(editor, pilot.id, n, shape.pace, startsOn);
      if (2 * shape.pace <= STEP_CODES.indexOf("certificats")) continue;
      // Certificates issued about three years ago: their expiries fall over the next 200 days.
      for (const [e, entity] of entities.entries()) {
        const keeper = await prisma.designatedPerson.findFirstOrThrow({
          where: { legalEntityId: entity.id, role: "ADMINISTRATEUR_TECHNIQUE" },
        });
        for (const kind of ["AUTH_CLI", "SIGN"] as const) {
          const issuedOn = addCalendarDays(today, -(3 * 365) + ((n * 17 + e * 29 + (kind === "SIGN" ? 40 : 0)) % 200));
          check(
            await recordCredential(editor, pilot.id, {
              kind,
              legalEntityId: entity.id,
              passwordKeeperId: keeper.id,
              reference: `${kind}-${n}-${e + 1}`,
              issuedOn,
            }),
            `${kind} recorded`,
          );
          credentials += 1;
        }
      }
    }
    return count;
  });
  report(
    `Ségur: ${moved.result} steps moved, ${credentials} certificates recorded with their reminders (services)`,
    ms(moved.ms),
  );
  for (const { pilot, n, startsOn, shape } of pilots)
    await startPilotWorkflows(pilot.id, n, startsOn, addCalendarDays(startsOn, 190), shape.pace);
}
