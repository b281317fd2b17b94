import { beforeAll, describe, expect, it } from "vitest";
import { assign, setup } from "xstate";
import { z } from "zod";
import { prisma, writeTransaction } from "~/utils/db.server";
import { registerWorkflow, type EffectContext } from "./definition.server";
import {
  applyEventInTransaction,
  applyEventToManyInTransaction,
  startWorkflow,
  verifyEventChain,
} from "./engine.server";

// A small process with tags, projected fields and two effects, one of them also done for many at once.
const machine = setup({
  types: {
    context: {} as { dueOn: string; sent: number; note: string | null },
    input: {} as { dueOn: string },
    events: {} as { type: "ENVOYER"; note: string; now: string } | { type: "CLORE"; now: string },
  },
  actions: { prevenir: () => {}, planifier: () => {} },
}).createMachine({
  id: "essai-lot",
  initial: "brouillon",
  context: ({ input }) => ({ dueOn: input.dueOn, sent: 0, note: null }),
  states: {
    brouillon: {
      tags: ["ouverte", "aEnvoyer"],
      on: {
        ENVOYER: {
          target: "envoye",
          actions: [
            assign({ sent: ({ context }) => context.sent + 1, note: ({ event }) => event.note }),
            "prevenir",
            "planifier",
          ],
        },
        CLORE: "clos",
      },
    },
    envoye: { tags: ["ouverte", "attente"], on: { CLORE: "clos" } },
    clos: { type: "final" },
  },
});

/** What each effect wrote, in order: the one-by-one and the many-at-once runs must write the same. */
const written: string[] = [];
const note = (what: string, c: EffectContext) =>
  `${what}:${c.workflowId}:${String(c.context.note)}:${c.now.toISOString()}`;

beforeAll(() => {
  registerWorkflow({
    type: "essai-lot",
    version: 1,
    machine,
    eventSchema: z.discriminatedUnion("type", [
      z.object({ type: z.literal("ENVOYER"), note: z.string().min(1) }),
      z.object({ type: z.literal("CLORE") }),
    ]),
    stateLabels: { brouillon: "Brouillon", envoye: "Envoyé", clos: "Clos" },
    eventLabels: { ENVOYER: "Envoyer", CLORE: "Clore" },
    project: (context) => ({
      dueOn: String(context.dueOn),
      sent: String(context.sent),
      note: (context.note as string) ?? null,
    }),
    effects: {
      prevenir: async (c) => {
        written.push(note("prevenir", c));
      },
      planifier: async (c) => {
        written.push(note("planifier", c));
      },
    },
    effectsForMany: {
      planifier: async (runs) => {
        for (const c of runs) written.push(note("planifier", c));
      },
    },
  });
});

const actor = { id: "u1", label: "Camille Martin" };
const at = new Date("2026-11-25T08:00:00Z");

async function startSome(n: number) {
  return writeTransaction(async (tx) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++)
      ids.push(
        (await startWorkflow(tx, { type: "essai-lot", input: { dueOn: `2026-12-0${i + 1}` }, actor, now: at })).id,
      );
    return ids;
  });
}

/** Everything the engine stored about a workflow, with the instance's own id left out. */
async function stored(id: string) {
  const instance = await prisma.workflowInstance.findUniqueOrThrow({ where: { id } });
  const tags = await prisma.workflowTag.findMany({ where: { workflowId: id }, orderBy: { tag: "asc" } });
  const fields = await prisma.workflowField.findMany({ where: { workflowId: id }, orderBy: { name: "asc" } });
  const events = await prisma.workflowEvent.findMany({ where: { workflowId: id }, orderBy: { seq: "asc" } });
  return {
    status: instance.status,
    rowVersion: instance.rowVersion,
    snapshot: JSON.parse(instance.snapshot) as unknown,
    tags: tags.map((t) => t.tag),
    fields: fields.map((f) => [f.name, f.value]),
    events: events.map((e) => [e.eventType, e.fromStatus, e.toStatus, e.actorLabel, e.at.toISOString(), e.payload]),
  };
}

describe("applying one event to many workflows at once", () => {
  it("stores what one-by-one stores: snapshots, status, versions, tags, fields, log entries and effects", async () => {
    const one = await startSome(3);
    const many = await startSome(3);
    // One of each is already sent: it cannot take ENVOYER again.
    for (const id of [one[1], many[1]])
      await writeTransaction((tx) =>
        applyEventInTransaction(tx, { workflowId: id, event: { type: "CLORE" }, actor, now: at }),
      );
    written.length = 0;
    const event = { type: "ENVOYER", note: "liste de novembre" };
    const oneByOne = await writeTransaction(async (tx) => {
      const results = [];
      for (const id of one) results.push(await applyEventInTransaction(tx, { workflowId: id, event, actor, now: at }));
      return results;
    });
    const byOne = written.splice(0);
    const atOnce = await writeTransaction((tx) =>
      applyEventToManyInTransaction(tx, { workflowIds: many, event, actor, now: at }),
    );
    const byMany = written.splice(0);

    const strip = (results: typeof oneByOne) => results.map((r) => (r.ok ? { ...r, workflowId: "" } : r));
    expect(strip(atOnce)).toEqual(strip(oneByOne));
    expect(atOnce.map((r) => r.ok)).toEqual([true, false, true]);
    expect(atOnce[1]).toMatchObject({ ok: false, code: "REFUSE" });
    for (let i = 0; i < 3; i++) expect(await stored(many[i])).toEqual(await stored(one[i]));
    // Written in one statement, the row still reads back through Prisma as it writes it.
    const rows = await prisma.workflowInstance.findMany({ where: { id: { in: [...one, ...many] } } });
    for (const row of rows) {
      expect(Number.isNaN(row.updatedAt.getTime())).toBe(false);
      expect(row.machineVersion).toBe(rows[0].machineVersion);
    }
    // The same effects, each action for every workflow in turn rather than workflow by workflow.
    const anonymous = (lines: string[], ids: string[]) =>
      lines.map((line) => ids.reduce((text, id, i) => text.replace(id, `#${i}`), line)).sort();
    expect(anonymous(byMany, many)).toEqual(anonymous(byOne, one));
    expect(byMany.map((line) => line.split(":")[0])).toEqual(["prevenir", "prevenir", "planifier", "planifier"]);
  });

  it("chains every entry it appends: the whole log verifies, in the order of the ids given", async () => {
    const ids = await startSome(4);
    const before = await prisma.workflowEvent.aggregate({ _max: { seq: true } });
    await writeTransaction((tx) =>
      applyEventToManyInTransaction(tx, { workflowIds: [...ids].reverse(), event: { type: "CLORE" }, actor, now: at }),
    );
    const appended = await prisma.workflowEvent.findMany({
      where: { seq: { gt: before._max.seq ?? 0 } },
      orderBy: { seq: "asc" },
    });
    expect(appended.map((e) => e.workflowId)).toEqual([...ids].reverse());
    for (let i = 1; i < appended.length; i++) expect(appended[i].prevHash).toBe(appended[i - 1].hash);
    expect(await verifyEventChain(prisma)).toMatchObject({ ok: true });
    // A later one-by-one event chains on the last of them.
    await writeTransaction((tx) =>
      applyEventInTransaction(tx, { workflowId: ids[0], event: { type: "CLORE" }, actor, now: at }),
    );
    expect(await verifyEventChain(prisma)).toMatchObject({ ok: true });
  });

  it("answers an unknown id with INTROUVABLE, an invalid event with INVALIDE, and writes nothing for them", async () => {
    const [id] = await startSome(1);
    const results = await writeTransaction((tx) =>
      applyEventToManyInTransaction(tx, { workflowIds: [id, "absent"], event: { type: "ENVOYER" }, actor, now: at }),
    );
    expect(results.map((r) => (r.ok ? "ok" : r.code))).toEqual(["INVALIDE", "INTROUVABLE"]);
    expect((await stored(id)).rowVersion).toBe(0);
  });
});
