import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/modules/auth/session.server";
import { startWorkflow, applyEventInTransaction } from "~/modules/workflow/engine.server";
import { now as clockNow } from "~/utils/clock.server";
import { prisma, writeTransaction } from "~/utils/db.server";
import { loadReferenceData } from "../../../seeds/reference/load.server";
import { person } from "../../../test/support/people";
import { segurPilot } from "../../../test/support/segur";
import { refusedAs, valueOf } from "../../../test/support/result";
import {
  ABANDONED_PILOT,
  NO_ESTABLISHMENT,
  addObjective,
  recordObjectiveOutcome,
  type NewObjective,
  type SegurObjectiveCommand,
} from "./objectives.server";
import { SEGUR_PILOT_WORKFLOW } from "./workflow.server";

let editor: SessionUser, coordinator: SessionUser, reader: SessionUser, otherEditor: SessionUser;
let pilotId: string, legalEntityId: string, otherPilotId: string;

const useCase = (overrides: Partial<NewObjective> = {}): NewObjective => ({
  service: "INS",
  what: "Qualifier l'INS des jeunes accompagnés",
  counterpart: "Téléservice INSi",
  environment: "REEL",
  boxType: null,
  legalEntityId: null,
  ...overrides,
});

/** The objective's state, projected fields and row version, as the page reads them. */
async function objective(id: string) {
  const found = await prisma.segurObjective.findUniqueOrThrow({
    where: { id },
    select: {
      workflow: { select: { status: true, rowVersion: true, fields: { select: { name: true, value: true } } } },
    },
  });
  const fields = Object.fromEntries(found.workflow.fields.map((f) => [f.name, f.value]));
  return { status: found.workflow.status, rowVersion: found.workflow.rowVersion, fields };
}

beforeAll(async () => {
  await loadReferenceData();
  ({ pilotId, legalEntityId } = await segurPilot("obj", { organisationCode: "acsea" }));
  ({ pilotId: otherPilotId } = await segurPilot("autre", { organisationCode: "autre-essms" }));
  editor = await person("pilote@acsea.example", "acsea", ["PILOTE_SEGUR"]);
  otherEditor = await person("pilote@autre.example", "autre-essms", ["PILOTE_SEGUR"]);
  coordinator = await person("coord@cnsa.example", "cnsa", ["COORDINATEUR_CNSA"]);
  await prisma.organisation.create({
    data: { code: "ars-normandie", kind: "ARS", name: "ARS Normandie", shortName: "ARS NOR", regionCode: "28" },
  });
  reader = await person("lecteur@ars-normandie.example", "ars-normandie", ["LECTEUR_SEGUR"]);
});

describe("adding a use case", () => {
  it("opens it in progress for the pilot's only establishment", async () => {
    const { id } = valueOf(await addObjective(editor, pilotId, useCase()));
    const row = await prisma.segurObjective.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      pilotId,
      legalEntityId,
      service: "INS",
      counterpart: "Téléservice INSi",
      boxType: null,
    });
    expect(await objective(id)).toMatchObject({ status: "enCours", fields: { outcome: null } });
  });

  it("asks an MSSanté use case for its box type, and refuses one to the other services, in French", async () => {
    expect(await addObjective(editor, pilotId, useCase({ service: "MSSANTE" }))).toMatchObject({
      ...refusedAs("INVALIDE"),
      errors: { boxType: "Choisissez le type de boîte aux lettres MSSanté." },
    });
    expect(await addObjective(editor, pilotId, useCase({ boxType: "NOMINATIVE" }))).toMatchObject({
      ...refusedAs("INVALIDE"),
      errors: { boxType: "Seul un cas d'usage MSSanté a un type de boîte aux lettres." },
    });
    expect(
      await addObjective(editor, pilotId, useCase({ service: "X", what: " ", counterpart: "", environment: "" })),
    ).toMatchObject({
      ...refusedAs("INVALIDE"),
      errors: {
        service: "Choisissez le service socle.",
        what: "Décrivez le cas d'usage.",
        counterpart: "Indiquez avec qui l'échange a lieu.",
        environment: "Choisissez l'environnement visé.",
      },
    });
    const mss = valueOf(
      await addObjective(editor, pilotId, useCase({ service: "MSSANTE", boxType: "ORGANISATIONNELLE" })),
    );
    expect(await prisma.segurObjective.findUniqueOrThrow({ where: { id: mss.id } })).toMatchObject({
      boxType: "ORGANISATIONNELLE",
    });
  });

  it("refuses an establishment that is not the pilot's", async () => {
    const stranger = await prisma.legalEntity.create({ data: { name: "Association étrangère" } });
    expect(await addObjective(editor, pilotId, useCase({ legalEntityId: stranger.id }))).toMatchObject({
      ...refusedAs("INVALIDE"),
      errors: { legalEntityId: "Choisissez un établissement du pilote." },
    });
  });

  it("is refused to a reader (403) and to someone who does not see the pilot (404)", async () => {
    expect(await addObjective(coordinator, pilotId, useCase())).toMatchObject(refusedAs("INTERDIT"));
    expect(await addObjective(reader, pilotId, useCase())).toMatchObject(refusedAs("INTERDIT"));
    expect(await addObjective(otherEditor, pilotId, useCase())).toMatchObject(refusedAs("INTROUVABLE"));
  });
});

describe("recording an outcome", () => {
  /** Records `command` on the objective as `user` (the editor), at its current row version unless one is given. */
  async function record(id: string, command: SegurObjectiveCommand, user = editor, pilot = pilotId, version?: number) {
    return recordObjectiveOutcome(user, pilot, id, command, version ?? (await objective(id)).rowVersion);
  }
  const added = async (overrides: Partial<NewObjective>) =>
    valueOf(await addObjective(editor, pilotId, useCase(overrides))).id;

  it("records a result in test, then promotes it to the real environment, keeping the test date", async () => {
    const id = await added({ what: "Transmettre à la PMI" });
    valueOf(await record(id, { type: "ATTEINT_EN_TEST", reachedOn: "2022-05-02", note: "Message reçu en recette" }));
    expect(await objective(id)).toMatchObject({
      status: "atteintTest",
      fields: { outcome: "ATTEINT_TEST", reachedInTestOn: "2022-05-02", note: "Message reçu en recette" },
    });
    valueOf(await record(id, { type: "ATTEINT_EN_REEL", reachedOn: "2022-06-10", note: "" }));
    expect(await objective(id)).toMatchObject({
      status: "atteintReel",
      fields: { outcome: "ATTEINT_REEL", reachedInTestOn: "2022-05-02", reachedInRealOn: "2022-06-10" },
    });
  });

  it("records a use case not reached with its reason, and takes it up again", async () => {
    const id = await added({ service: "DMP", what: "Alimenter le DMP" });
    expect(await record(id, { type: "NON_ATTEINT", reason: " " })).toMatchObject({
      ...refusedAs("INVALIDE"),
      errors: { reason: "Indiquez pourquoi l'objectif n'est pas atteint." },
    });
    valueOf(await record(id, { type: "NON_ATTEINT", reason: "DMP non testable" }));
    expect(await objective(id)).toMatchObject({
      status: "nonAtteint",
      fields: { outcome: "NON_ATTEINT", notReachedReason: "DMP non testable" },
    });
    valueOf(await record(id, { type: "REPRENDRE" }));
    expect(await objective(id)).toMatchObject({ status: "enCours", fields: { outcome: null } });
  });

  it("answers a future date and an outcome the state does not take in French", async () => {
    const id = await added({ service: "PSC", what: "Se connecter par PSC" });
    expect(await record(id, { type: "ATTEINT_EN_REEL", reachedOn: "2999-01-01", note: "" })).toMatchObject({
      ...refusedAs("INVALIDE"),
      errors: { reachedOn: "La date ne peut pas être dans le futur." },
    });
    valueOf(await record(id, { type: "ATTEINT_EN_REEL", reachedOn: "2022-06-01", note: "" }));
    expect(await record(id, { type: "REPRENDRE" })).toMatchObject({
      ...refusedAs("REFUSE"),
      message: expect.stringContaining("n'est pas possible"),
    });
  });

  it("refuses a stale row version: the second of two people at once changes nothing", async () => {
    const id = await added({ what: "Qualifier l'INS (bis)" });
    const shown = (await objective(id)).rowVersion;
    valueOf(await record(id, { type: "NON_ATTEINT", reason: "Pas encore" }));
    const late = await record(
      id,
      { type: "ATTEINT_EN_TEST", reachedOn: "2022-05-02", note: "" },
      editor,
      pilotId,
      shown,
    );
    expect(late).toMatchObject(refusedAs("PERIME"));
    expect((await objective(id)).status).toBe("nonAtteint");
  });

  it("refuses another pilot's objective as not found, and a reader (403) or a stranger (404) by form post", async () => {
    const id = await added({ what: "Qualifier l'INS (ter)" });
    const reached = { type: "ATTEINT_EN_TEST", reachedOn: "2022-05-02", note: "" } as const;
    expect(await record(id, reached, otherEditor, otherPilotId)).toMatchObject(refusedAs("INTROUVABLE"));
    expect(await record(id, reached, otherEditor)).toMatchObject(refusedAs("INTROUVABLE"));
    expect(await record(id, reached, reader)).toMatchObject(refusedAs("INTERDIT"));
    expect((await objective(id)).status).toBe("enCours");
  });

  it("refuses every change once the pilot is abandoned", async () => {
    const id = await added({ what: "Qualifier l'INS (quater)" });
    const coordinatorActor = { id: coordinator.id, label: "Coordinateur" };
    const now = clockNow();
    await writeTransaction(async (tx) => {
      const pilot = await startWorkflow(tx, {
        type: SEGUR_PILOT_WORKFLOW,
        input: { plannedStartOn: "2022-03-01", plannedEndOn: "2022-07-08" },
        actor: coordinatorActor,
        now,
      });
      await tx.segurPilot.update({ where: { id: pilotId }, data: { workflowId: pilot.id } });
      const applied = await applyEventInTransaction(tx, {
        workflowId: pilot.id,
        event: { type: "ABANDONNER", reason: "Éditeur retiré" },
        actor: coordinatorActor,
        now,
      });
      expect(applied.ok).toBe(true);
    });
    expect(await record(id, { type: "NON_ATTEINT", reason: "Arrêt" })).toMatchObject({
      ...refusedAs("REFUSE"),
      message: ABANDONED_PILOT,
    });
    expect(await addObjective(editor, pilotId, useCase())).toMatchObject({
      ...refusedAs("REFUSE"),
      message: ABANDONED_PILOT,
    });
  });
});

describe("a pilot without sites", () => {
  it("has no establishment: adding a use case says so, in French", async () => {
    const { pilotId: bare } = await segurPilot("sans-site", { organisationCode: "acsea", sites: [] });
    expect(await addObjective(editor, bare, useCase())).toMatchObject({
      ...refusedAs("REFUSE"),
      message: NO_ESTABLISHMENT,
    });
    expect(await prisma.segurObjective.count({ where: { pilotId: bare } })).toBe(0);
  });
});
