import { readFileSync } from "node:fs";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { assign, setup } from "xstate";
import { z } from "zod";
import { prisma, writeTransaction } from "~/utils/db.server";
import { getWorkflowDefinition, registerWorkflow, type PersistedSnapshot } from "./definition.server";
import { applyEvent, availableEvents, contextOf, projectionOf, startWorkflow } from "./engine.server";
import { field, statesTagged, tagged } from "./queries.server";

const actor = { id: "u1", label: "Camille Martin" };
const fixture = (name: string) => readFileSync(`test/fixtures/snapshots/${name}.json`, "utf8");

/**
 * Version 1 of a small process, kept as a stored fixture (test/fixtures/snapshots/essai-v1.json).
 * Version 2 added `reminderDays` to the context: its guard reads it, so a v1 snapshot that was
 * not migrated could not take RAPPELER.
 */
type EssaiContext = { dueOn: string; reminderDays?: number };
const essaiV2 = setup({
  types: {
    context: {} as EssaiContext,
    input: {} as { dueOn: string },
    events: {} as { type: "COMMENCER"; now: string } | { type: "RAPPELER"; now: string },
  },
  guards: { remindable: ({ context }) => typeof context.reminderDays === "number" && context.reminderDays > 0 },
}).createMachine({
  id: "essai-projection",
  initial: "aFaire",
  context: ({ input }) => ({ dueOn: input.dueOn, reminderDays: 7 }),
  states: {
    aFaire: {
      tags: ["ouverte", "pasCommencee"],
      on: { COMMENCER: "enCours", RAPPELER: { guard: "remindable", target: "aFaire", reenter: true } },
    },
    enCours: { tags: ["ouverte"], on: { RAPPELER: { guard: "remindable", target: "enCours", reenter: true } } },
    fait: { type: "final" },
  },
});

const base = {
  machine: essaiV2,
  eventSchema: z.discriminatedUnion("type", [
    z.object({ type: z.literal("COMMENCER") }),
    z.object({ type: z.literal("RAPPELER") }),
  ]),
  stateLabels: { aFaire: "À faire", enCours: "En cours", fait: "Fait" },
  eventLabels: { COMMENCER: "Commencer", RAPPELER: "Rappeler" },
  effects: {},
  project: (context: Record<string, unknown>) => ({
    dueOn: String(context.dueOn),
    reminderDays: context.reminderDays === undefined ? null : String(context.reminderDays),
  }),
};

beforeAll(() => {
  registerWorkflow({
    ...base,
    type: "essai-projection",
    version: 2,
    migrations: { 1: (s: PersistedSnapshot) => ({ ...s, context: { ...s.context, reminderDays: 7 } }) },
  });
  // Version 3 of the code with no migration from 2: stored version-2 snapshots are refused.
  registerWorkflow({ ...base, type: "essai-sans-migration", version: 3, migrations: {} });
});

afterEach(() => vi.restoreAllMocks());

async function projectionRows(workflowId: string) {
  const tags = await prisma.workflowTag.findMany({ where: { workflowId }, orderBy: { tag: "asc" } });
  const fields = await prisma.workflowField.findMany({ where: { workflowId }, orderBy: { name: "asc" } });
  return { tags: tags.map((t) => t.tag), fields: Object.fromEntries(fields.map((f) => [f.name, f.value])) };
}

describe("workflow projections", () => {
  it("writes the state's tags and the projected fields when a workflow starts and on each transition", async () => {
    const instance = await writeTransaction((tx) =>
      startWorkflow(tx, { type: "essai-projection", input: { dueOn: "2027-01-15" }, actor }),
    );
    expect(await projectionRows(instance.id)).toEqual({
      tags: ["ouverte", "pasCommencee"],
      fields: { dueOn: "2027-01-15", reminderDays: "7" },
    });
    const result = await applyEvent({ workflowId: instance.id, event: { type: "COMMENCER" }, actor });
    expect(result.ok).toBe(true);
    expect(await projectionRows(instance.id)).toEqual({
      tags: ["ouverte"],
      fields: { dueOn: "2027-01-15", reminderDays: "7" },
    });
    // Queries select by tag and by projected field, in SQL.
    const open = await prisma.workflowInstance.findMany({
      where: { id: instance.id, ...tagged("ouverte"), ...field("dueOn", { lt: "2027-01-16" }) },
    });
    expect(open).toHaveLength(1);
    const notStarted = await prisma.workflowInstance.count({ where: { id: instance.id, ...tagged("pasCommencee") } });
    expect(notStarted).toBe(0);
  });

  it("lists a machine's states by tag, in the machine's order", () => {
    expect(statesTagged("reprise", "ouverte")).toEqual([
      "demandee",
      "transmise",
      "contreProposition",
      "datee",
      "extraite",
      "expediee",
      "enValidation",
    ]);
    expect(statesTagged("action", "ouverte")).toEqual(["aFaire", "enCours"]);
  });

  it("backfills, in the migration, the same projection the engine writes, for every stored machine", async () => {
    const statementsOf = (sql: string) =>
      sql
        .split(/;\s*\n/)
        .map((statement) => statement.trim())
        .filter((statement) => statement.replace(/--.*$/gm, "").trim().length > 0);
    const migration = (name: string) => readFileSync(`prisma/migrations/${name}/migration.sql`, "utf8");
    const first = migration("20261205161154_workflow_projections");
    // Every migration that projects more than the one before backfills what it adds, in order.
    const backfill = [
      ...statementsOf(first.slice(first.indexOf("-- Backfill"))),
      ...statementsOf(migration("20261206020000_reprise_dated_steps")),
      ...statementsOf(migration("20261206050000_reprise_list_counts")),
      ...statementsOf(migration("20261206050000_rfc_cycle_facts")),
    ];
    expect(backfill).toHaveLength(6);
    const stored = [
      { type: "reprise", name: "reprise-v1", status: "enValidation" },
      { type: "action", name: "action-v1", status: "enCours" },
      { type: "groupe", name: "groupe-v1", status: "lettreRedigee" },
      { type: "rfc-cycle", name: "rfc-cycle-v1", status: "ouvert" },
    ];
    const ids: string[] = [];
    for (const s of stored) {
      const row = await prisma.workflowInstance.create({
        data: { type: s.type, machineVersion: 1, status: s.status, snapshot: fixture(s.name) },
      });
      ids.push(row.id);
    }
    // Rows stored before the migration have no projection; the backfill must touch only them.
    await prisma.workflowTag.deleteMany({});
    await prisma.workflowField.deleteMany({});
    for (const statement of backfill) await prisma.$executeRawUnsafe(statement);
    for (const [index, s] of stored.entries()) {
      const definition = getWorkflowDefinition(s.type);
      const snapshot = definition.machine.resolveState(JSON.parse(fixture(s.name)));
      const expected = projectionOf(definition, snapshot);
      expect(await projectionRows(ids[index]), s.name).toEqual({
        tags: expected.tags,
        fields: Object.fromEntries(Object.entries(expected.fields).sort(([a], [b]) => a.localeCompare(b))),
      });
    }
  });
});

describe("stored snapshots of the current machines", () => {
  it.each([
    ["reprise-v1", "reprise", ["VALIDER", "SIGNALER_NON_CONFORMITE", "ENVOYER_MOT_DE_PASSE"]],
    ["action-v1", "action", ["TERMINER", "REPORTER", "ABANDONNER"]],
    ["groupe-v1", "groupe", ["VALIDER_PILOTE", "VALIDER"]],
    ["rfc-cycle-v1", "rfc-cycle", ["PROLONGER"]],
  ])("%s still restores with the code's machine and takes its events", (name, type, events) => {
    const definition = getWorkflowDefinition(type);
    const stored = { type, machineVersion: definition.version, snapshot: fixture(name) };
    expect(contextOf(stored)).toEqual(JSON.parse(fixture(name)).context);
    const answer = availableEvents(stored, events, new Date("2026-12-15T10:00:00Z"));
    expect(answer.filter((e) => e.possible).map((e) => e.type)).toEqual(events);
  });
});

describe("snapshots of an older machine version", () => {
  it("migrates a version-1 snapshot on read, accepts events and stores it at the new version", async () => {
    const stored = await prisma.workflowInstance.create({
      data: { type: "essai-projection", machineVersion: 1, status: "aFaire", snapshot: fixture("essai-v1") },
    });
    expect(JSON.parse(stored.snapshot).context.reminderDays).toBeUndefined();
    expect(contextOf<EssaiContext>(stored).reminderDays).toBe(7);
    const result = await applyEvent({ workflowId: stored.id, event: { type: "RAPPELER" }, actor });
    expect(result).toMatchObject({ ok: true, status: "aFaire", rowVersion: 1 });
    const after = await prisma.workflowInstance.findUniqueOrThrow({ where: { id: stored.id } });
    expect(after.machineVersion).toBe(2);
    expect(JSON.parse(after.snapshot).context.reminderDays).toBe(7);
    expect((await projectionRows(stored.id)).fields.reminderDays).toBe("7");
  });

  it("refuses in French, without changing anything, a snapshot that no migration brings to the code's version", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const stored = await prisma.workflowInstance.create({
      data: { type: "essai-sans-migration", machineVersion: 2, status: "aFaire", snapshot: fixture("essai-v1") },
    });
    const result = await applyEvent({ workflowId: stored.id, event: { type: "COMMENCER" }, actor });
    expect(result).toMatchObject({ ok: false, code: "VERSION_MACHINE" });
    expect(!result.ok && result.message).toMatch(/version antérieure de Passerelles/);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("no migration"));
    const after = await prisma.workflowInstance.findUniqueOrThrow({ where: { id: stored.id } });
    expect(after).toMatchObject({ machineVersion: 2, status: "aFaire", rowVersion: 0 });
    expect(await prisma.workflowEvent.count({ where: { workflowId: stored.id } })).toBe(0);
    // The page offers nothing, and says why.
    const offered = availableEvents(stored, ["COMMENCER"]);
    expect(offered).toEqual([
      { type: "COMMENCER", label: "Commencer", possible: false, reason: expect.stringMatching(/version antérieure/) },
    ]);
  });
});
