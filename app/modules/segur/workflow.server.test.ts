import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { prisma, writeTransaction } from "~/utils/db.server";
import { applyEvent, availableEvents, contextOf, startWorkflow } from "~/modules/workflow/engine.server";
import { tagged } from "~/modules/workflow/queries.server";
import { missingPredecessors } from "../../../workflows/segur-prerequisites";
import {
  SEGUR_OBJECTIVE_WORKFLOW,
  SEGUR_PILOT_WORKFLOW,
  SEGUR_STEP_WORKFLOW,
  segurStepEventSchema,
} from "./workflow.server";

// The test world's clock stands at 2026-12-04 (test/setup/vitest.setup.ts): every date is before.
const actor = { id: "u1", label: "Camille Martin" };

async function projection(workflowId: string) {
  const tags = await prisma.workflowTag.findMany({ where: { workflowId }, orderBy: { tag: "asc" } });
  const fields = await prisma.workflowField.findMany({ where: { workflowId }, orderBy: { name: "asc" } });
  return { tags: tags.map((t) => t.tag), fields: Object.fromEntries(fields.map((f) => [f.name, f.value])) };
}

const start = (type: string, input: unknown) => writeTransaction((tx) => startWorkflow(tx, { type, input, actor }));
const send = (workflowId: string, event: Record<string, unknown>) => applyEvent({ workflowId, event, actor });
const stored = (id: string) => prisma.workflowInstance.findUniqueOrThrow({ where: { id } });

const request = {
  type: "DEMANDER",
  channel: "DEMARCHES_SIMPLIFIEES",
  askedOn: "2026-11-02",
  actedBy: "Mandataire ANS",
  actedByPersonId: null,
};

describe("the Ségur workflows through the engine", () => {
  it("runs a prerequisite step: gate, request, blockage, obtention, each projected for the boards", async () => {
    const step = await start(SEGUR_STEP_WORKFLOW, { stepCode: "carte-cpe" });
    expect(await projection(step.id)).toEqual({
      tags: ["ouverte"],
      fields: {
        stepCode: "carte-cpe",
        channel: null,
        askedOn: null,
        actedBy: null,
        obtainedOn: null,
        blockedOn: null,
        blockerType: null,
        blockReason: null,
      },
    });

    // A person's post cannot skip the gate: without the service's verdict the event is not even valid.
    expect(await send(step.id, request)).toMatchObject({ ok: false, code: "INVALIDE" });
    const early = await send(step.id, { ...request, missingPredecessors: missingPredecessors("carte-cpe", new Set()) });
    expect(early).toMatchObject({ ok: false, code: "REFUSE" });

    expect(await send(step.id, { ...request, missingPredecessors: [] })).toMatchObject({ ok: true });
    expect(
      await send(step.id, {
        type: "BLOQUER",
        blockedOn: "2026-11-05",
        reason: "Carte en cours de production",
        blocker: "DELAI_ANS",
      }),
    ).toMatchObject({ ok: true });
    expect(await projection(step.id)).toEqual({
      tags: ["bloquee", "engagee", "ouverte"],
      fields: {
        stepCode: "carte-cpe",
        channel: "DEMARCHES_SIMPLIFIEES",
        askedOn: "2026-11-02",
        actedBy: "Mandataire ANS",
        obtainedOn: null,
        blockedOn: "2026-11-05",
        blockerType: "DELAI_ANS",
        blockReason: "Carte en cours de production",
      },
    });
    const blocked = await prisma.workflowInstance.count({ where: { id: step.id, ...tagged("bloquee") } });
    expect(blocked).toBe(1);

    expect(
      await send(step.id, { type: "OBTENIR", obtainedOn: "2026-11-23", note: "", reference: "CPE 80 1234 5678" }),
    ).toMatchObject({ ok: true });
    expect(await projection(step.id)).toMatchObject({
      tags: ["obtenue", "reglee"],
      fields: { obtainedOn: "2026-11-23", blockedOn: null, blockerType: null, blockReason: null },
    });
    expect((await stored(step.id)).status).toBe("obtenu");
  });

  it("drops a verdict a person posts: only the service supplies the missing predecessors", () => {
    const posted = segurStepEventSchema.parse({ ...request, missingPredecessors: [] });
    expect(posted).not.toHaveProperty("missingPredecessors");
    expect(posted).toMatchObject({ type: "DEMANDER", channel: "DEMARCHES_SIMPLIFIEES" });
  });

  it("says why a step others need cannot be waived, from the machine's checks", async () => {
    const contract = await start(SEGUR_STEP_WORKFLOW, { stepCode: "contrat-ans" });
    const cards = await start(SEGUR_STEP_WORKFLOW, { stepCode: "cartes-cpx" });
    expect(availableEvents(await stored(contract.id), ["DEMANDER", "DECLARER_SANS_OBJET"])).toEqual([
      { type: "DEMANDER", label: "Enregistrer la demande", possible: true, reason: null },
      {
        type: "DECLARER_SANS_OBJET",
        label: "Déclarer sans objet",
        possible: false,
        reason:
          "Cette étape conditionne « Carte CPE du gestionnaire RPPS+ » : elle ne peut pas être déclarée sans objet.",
      },
    ]);
    expect(availableEvents(await stored(cards.id), ["DECLARER_SANS_OBJET"])[0].possible).toBe(true);
  });

  it("runs an objective to its outcome, projected for the board", async () => {
    const useCase = {
      service: "INS",
      what: "Qualifier l'INS",
      counterpart: "INSi",
      environment: "REEL",
      boxType: null,
    };
    const objective = await start(SEGUR_OBJECTIVE_WORKFLOW, useCase);
    expect(await send(objective.id, { type: "NON_ATTEINT", reason: " " })).toMatchObject({
      ok: false,
      code: "INVALIDE",
    });
    expect(await send(objective.id, { type: "ATTEINT_EN_TEST", reachedOn: "2026-11-10", note: "" })).toMatchObject({
      ok: true,
    });
    expect(await send(objective.id, { type: "ATTEINT_EN_REEL", reachedOn: "2026-12-01", note: "" })).toMatchObject({
      ok: true,
    });
    expect(await projection(objective.id)).toEqual({
      tags: ["atteint"],
      fields: { outcome: "ATTEINT_REEL", reachedInTestOn: "2026-11-10", reachedInRealOn: "2026-12-01" },
    });
  });

  it("runs a pilot from its preparation to its lessons", async () => {
    const pilot = await start(SEGUR_PILOT_WORKFLOW, { plannedStartOn: "2026-09-01", plannedEndOn: "2026-11-30" });
    expect(await send(pilot.id, { type: "DEMARRER", startedOn: "2026-09-01" })).toMatchObject({ ok: true });
    expect(await send(pilot.id, { type: "TERMINER", endedOn: "2026-11-30", lessons: [] })).toMatchObject({
      ok: false,
      code: "INVALIDE",
    });
    const lessons = [{ theme: "PREREQUIS", kind: "CONSEILS_ESMS", text: "Anticiper la commande des cartes CPE" }];
    expect(await send(pilot.id, { type: "TERMINER", endedOn: "2026-11-30", lessons })).toMatchObject({ ok: true });
    expect(await projection(pilot.id)).toEqual({
      tags: ["clos"],
      fields: {
        plannedStartOn: "2026-09-01",
        plannedEndOn: "2026-11-30",
        startedOn: "2026-09-01",
        endedOn: "2026-11-30",
      },
    });
    expect(contextOf<{ lessons: unknown[] }>(await stored(pilot.id)).lessons).toEqual(lessons);
  });

  it("keeps restoring the stored version-1 snapshots of the three machines", async () => {
    const fixtures = [
      {
        type: SEGUR_STEP_WORKFLOW,
        status: "bloque",
        event: { type: "DEBLOQUER", unblockedOn: "2026-11-20" },
        then: "demande",
      },
      {
        type: SEGUR_OBJECTIVE_WORKFLOW,
        status: "atteintTest",
        event: { type: "ATTEINT_EN_REEL", reachedOn: "2026-12-02", note: "" },
        then: "atteintReel",
      },
      {
        type: SEGUR_PILOT_WORKFLOW,
        status: "enCours",
        event: { type: "ABANDONNER", reason: "Éditeur retiré" },
        then: "abandonne",
      },
    ];
    for (const f of fixtures) {
      const snapshot = readFileSync(`test/fixtures/snapshots/${f.type}-v1.json`, "utf8");
      const row = await prisma.workflowInstance.create({
        data: { type: f.type, machineVersion: 1, status: f.status, snapshot },
      });
      expect(await send(row.id, f.event), f.type).toMatchObject({ ok: true });
      expect((await stored(row.id)).status).toBe(f.then);
    }
  });
});
