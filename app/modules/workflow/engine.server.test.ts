import { beforeAll, describe, expect, it } from "vitest";
import { assign, setup } from "xstate";
import { z } from "zod";
import { prisma, writeTransaction } from "~/utils/db.server";
import { registerWorkflow } from "./definition.server";
import { applyEvent, getTimeline, startWorkflow, verifyEventChain } from "./engine.server";

// A small two-step approval, enough to exercise every path of the engine.
const machine = setup({
  types: {
    context: {} as { deadline: string; note: string | null },
    input: {} as { deadline: string },
    events: {} as
      | { type: "APPROUVER"; note: string; now: string }
      | { type: "ECHEANCE"; now: string }
      | { type: "ECHOUER"; now: string },
  },
  actions: { prevenir: () => {}, planifierRappel: () => {}, exploser: () => {} },
  guards: { echu: ({ context, event }) => event.now >= context.deadline },
}).createMachine({
  id: "essai",
  initial: "ouvert",
  context: ({ input }) => ({ deadline: input.deadline, note: null }),
  states: {
    ouvert: {
      entry: "planifierRappel",
      on: {
        APPROUVER: { target: "approuve", actions: [assign({ note: ({ event }) => event.note }), "prevenir"] },
        ECHEANCE: { guard: "echu", target: "expire" },
        ECHOUER: { target: "approuve", actions: "exploser" },
      },
    },
    approuve: { type: "final" },
    expire: { type: "final" },
  },
});

beforeAll(() => {
  registerWorkflow({
    type: "essai",
    version: 1,
    machine,
    eventSchema: z.discriminatedUnion("type", [
      z.object({ type: z.literal("APPROUVER"), note: z.string().min(1) }),
      z.object({ type: z.literal("ECHEANCE") }),
      z.object({ type: z.literal("ECHOUER") }),
    ]),
    stateLabels: { ouvert: "Ouvert", approuve: "Approuvé", expire: "Expiré" },
    eventLabels: { APPROUVER: "Approuver", ECHEANCE: "Échéance atteinte", ECHOUER: "Échouer" },
    effects: {
      prevenir: async ({ tx, workflowId, now }) => {
        await tx.setting.create({ data: { key: `mail:${workflowId}`, value: now.toISOString() } });
      },
      planifierRappel: async ({ tx, workflowId, context }) => {
        await tx.setting.create({ data: { key: `rappel:${workflowId}`, value: String(context.deadline) } });
      },
      exploser: async () => {
        throw new Error("effet en échec");
      },
    },
  });
});

const actor = { id: "u1", label: "Camille Martin" };
const start = (deadline = "2026-12-01T00:00:00.000Z") =>
  writeTransaction((tx) =>
    startWorkflow(tx, { type: "essai", input: { deadline }, actor, now: new Date("2026-11-23T10:00:00Z") }),
  );

describe("workflow engine", () => {
  it("creates a workflow with its initial status, an event and the effects of its entry actions", async () => {
    const wf = await start();
    expect(wf.status).toBe("ouvert");
    expect(wf.rowVersion).toBe(0);
    expect(await prisma.setting.findUnique({ where: { key: `rappel:${wf.id}` } })).not.toBeNull();
    const timeline = await getTimeline(wf.id);
    expect(timeline.map((e) => e.eventLabel)).toEqual(["Création"]);
  });

  it("applies an event: new snapshot, status, version, log entry and effects in one go", async () => {
    const wf = await start();
    const result = await applyEvent({
      workflowId: wf.id,
      event: { type: "APPROUVER", note: "ok" },
      actor,
      expectedRowVersion: 0,
    });
    expect(result).toMatchObject({ ok: true, status: "approuve", rowVersion: 1, context: { note: "ok" } });
    const stored = await prisma.workflowInstance.findUniqueOrThrow({ where: { id: wf.id } });
    expect(stored.status).toBe("approuve");
    expect(JSON.parse(stored.snapshot).context.note).toBe("ok");
    expect(await prisma.setting.findUnique({ where: { key: `mail:${wf.id}` } })).not.toBeNull();
    const timeline = await getTimeline(wf.id);
    expect(timeline.at(-1)).toMatchObject({
      eventLabel: "Approuver",
      fromLabel: "Ouvert",
      toLabel: "Approuvé",
      actorLabel: "Camille Martin",
      payload: { note: "ok" },
    });
  });

  it("refuses a stale version and changes nothing", async () => {
    const wf = await start();
    expect(
      (await applyEvent({ workflowId: wf.id, event: { type: "APPROUVER", note: "a" }, actor, expectedRowVersion: 0 }))
        .ok,
    ).toBe(true);
    const before = await prisma.workflowEvent.count({ where: { workflowId: wf.id } });
    const stale = await applyEvent({
      workflowId: wf.id,
      event: { type: "APPROUVER", note: "b" },
      actor,
      expectedRowVersion: 0,
    });
    expect(stale).toMatchObject({ ok: false, code: "PERIME" });
    expect(await prisma.workflowEvent.count({ where: { workflowId: wf.id } })).toBe(before);
  });

  it("refuses, with a clear French message, an event the machine cannot take in its state", async () => {
    const wf = await start();
    const deadlineAt = (iso: string) =>
      applyEvent({ workflowId: wf.id, event: { type: "ECHEANCE" }, actor: null, now: new Date(iso) });
    const early = await deadlineAt("2026-11-30T23:59:59Z");
    expect(early).toMatchObject({ ok: false, code: "REFUSE" });
    if (!early.ok)
      expect(early.message).toBe(
        "L'action « Échéance atteinte » n'est pas possible dans l'état actuel du dossier (Ouvert).",
      );
    const due = await deadlineAt("2026-12-01T00:00:00Z");
    expect(due).toMatchObject({ ok: true, status: "expire" });
    const timeline = await getTimeline(wf.id);
    expect(timeline.at(-1)?.actorLabel).toBe("Planificateur");
  });

  it("refuses a malformed event", async () => {
    const wf = await start();
    expect(await applyEvent({ workflowId: wf.id, event: { type: "APPROUVER", note: "" }, actor })).toMatchObject({
      ok: false,
      code: "INVALIDE",
    });
    expect(await applyEvent({ workflowId: wf.id, event: { type: "INCONNU" }, actor })).toMatchObject({
      ok: false,
      code: "INVALIDE",
    });
    expect(await applyEvent({ workflowId: "nope", event: { type: "ECHEANCE" }, actor })).toMatchObject({
      ok: false,
      code: "INTROUVABLE",
    });
  });

  it("rolls the whole transition back when an effect fails", async () => {
    const wf = await start();
    await expect(applyEvent({ workflowId: wf.id, event: { type: "ECHOUER" }, actor })).rejects.toThrow(
      "effet en échec",
    );
    const stored = await prisma.workflowInstance.findUniqueOrThrow({ where: { id: wf.id } });
    expect(stored).toMatchObject({ status: "ouvert", rowVersion: 0 });
    expect(await prisma.workflowEvent.count({ where: { workflowId: wf.id } })).toBe(1);
  });

  it("lets exactly one of many simultaneous actors win on the same record", async () => {
    const wf = await start();
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        applyEvent({ workflowId: wf.id, event: { type: "APPROUVER", note: `n${i}` }, actor, expectedRowVersion: 0 }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.code === "PERIME")).toHaveLength(24);
    expect((await prisma.workflowInstance.findUniqueOrThrow({ where: { id: wf.id } })).rowVersion).toBe(1);
  });

  it("takes many parallel writers on different records without 'database is locked'", async () => {
    const flows = await Promise.all(Array.from({ length: 40 }, () => start()));
    const results = await Promise.all(
      flows.map((wf) => applyEvent({ workflowId: wf.id, event: { type: "APPROUVER", note: "x" }, actor })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
  });

  it("keeps a verifiable hash chain that detects tampering, and the database refuses edits", async () => {
    const wf = await start();
    await applyEvent({ workflowId: wf.id, event: { type: "APPROUVER", note: "vrai" }, actor });
    expect(await verifyEventChain(prisma)).toMatchObject({ ok: true });
    await expect(
      prisma.$executeRawUnsafe(`UPDATE "WorkflowEvent" SET "actorLabel" = 'Quelqu''un' WHERE "workflowId" = ?`, wf.id),
    ).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRawUnsafe(`DELETE FROM "WorkflowEvent"`)).rejects.toThrow(/append-only/);
    // Someone with file access bypasses the trigger: the chain shows it.
    await prisma.$executeRawUnsafe(`DROP TRIGGER "WorkflowEvent_no_update"`);
    await prisma.$executeRawUnsafe(
      `UPDATE "WorkflowEvent" SET "payload" = '{"note":"faux"}' WHERE "workflowId" = ? AND "eventType" = 'APPROUVER'`,
      wf.id,
    );
    expect(await verifyEventChain(prisma)).toMatchObject({ ok: false, reason: "contenu modifié" });
  });
});
