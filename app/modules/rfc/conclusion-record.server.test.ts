/**
 * What a concluded cycle leaves on the RFC record is written by the concluding command, in the
 * transaction of its event (decision 003: the workflow's effect only writes the mails): the
 * RFC's status, its adoption date, and for a new version its draft.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/modules/auth/session.server";
import { actorOf } from "~/modules/journal/audit.server";
import { runDueJobs } from "~/modules/scheduler/worker.server";
import { applyEvent } from "~/modules/workflow/engine.server";
import { resetClock, setClock } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { GROUP, openToCnaf, paragraphs, rfcCast, versionRow } from "../../../test/support/rfc";
import { concludeCycle } from "./cycle-commands.server";
import { createRfc } from "./rfc-commands.server";

let pilot: SessionUser;
const at = (iso: string) => setClock(new Date(iso), { frozen: true });
const rfcRow = (number: string) => prisma.rfc.findUniqueOrThrow({ where: { number } });

async function newRfc(title: string) {
  const created = await createRfc(pilot, GROUP, { title, document: paragraphs(`Texte de « ${title} ».`) });
  if (!created.ok) throw new Error(created.message);
  return created.value.number;
}

/** An RFC whose v1 cycle opened on 2 November and closed by itself on 1 December, with no comment. */
async function closedRfc(title: string) {
  at("2026-11-02T09:00:00Z");
  const number = await newRfc(title);
  const opened = await openToCnaf(pilot, number, "2026-12-01T17:00:00Z");
  if (!opened.ok) throw new Error(opened.message);
  at("2026-12-01T17:00:00Z");
  await runDueJobs();
  expect((await versionRow(number)).workflow.status).toBe("clos");
  return number;
}

const conclude = async (number: string, outcome: "adoption" | "nouvelle-version" | "retrait", conclusion: string) =>
  concludeCycle(pilot, number, 1, {
    outcome,
    conclusion,
    expectedRowVersion: (await versionRow(number)).workflow.rowVersion,
  });

beforeAll(async () => {
  ({ pilot } = await rfcCast());
});
afterAll(() => resetClock());

describe("the RFC record after its cycle's conclusion", () => {
  it("is adopted, with the day of the adoption, when the pilot adopts the version", async () => {
    const number = await closedRfc("Format d'échange");
    at("2026-12-03T10:00:00Z");
    expect(await conclude(number, "adoption", "Adoptée par le groupe.")).toEqual({ ok: true, value: { next: null } });
    expect(await rfcRow(number)).toMatchObject({ status: "ADOPTEE", adoptedAt: new Date("2026-12-03T10:00:00Z") });
    expect(await prisma.rfcVersion.count({ where: { rfc: { number } } })).toBe(1);
  });

  it("is withdrawn, without an adoption date, when the pilot withdraws a draft", async () => {
    at("2026-11-02T09:00:00Z");
    const number = await newRfc("Pièces justificatives");
    expect(await conclude(number, "retrait", "Sujet repris ailleurs.")).toEqual({ ok: true, value: { next: null } });
    expect(await rfcRow(number)).toMatchObject({ status: "RETIREE", adoptedAt: null });
  });

  it("stays in progress, with a draft v2 copying v1 and the announced changes as its note, for a new version", async () => {
    const number = await closedRfc("Calendrier des échanges");
    at("2026-12-04T08:00:00Z");
    expect(await conclude(number, "nouvelle-version", "Ajouter le calendrier.")).toEqual({
      ok: true,
      value: { next: 2 },
    });
    expect(await rfcRow(number)).toMatchObject({ status: "EN_COURS", adoptedAt: null });
    const [v1, v2] = [await versionRow(number, 1), await versionRow(number, 2)];
    expect(v2).toMatchObject({ content: v1.content, changeNote: "Ajouter le calendrier." });
    expect(v2.workflow.status).toBe("brouillon");
  });

  it("is not touched by the workflow's effect: the event alone writes the mails, not the RFC's status", async () => {
    at("2026-11-02T09:00:00Z");
    const number = await newRfc("Effet seul");
    const mails = await prisma.outboxMail.count();
    const applied = await applyEvent({
      workflowId: (await versionRow(number)).workflowId,
      event: { type: "RETIRER", conclusion: "Retrait sans la commande." },
      actor: actorOf(pilot),
    });
    expect(applied.ok).toBe(true);
    expect((await versionRow(number)).workflow.status).toBe("conclu");
    expect(await rfcRow(number)).toMatchObject({ status: "EN_COURS" });
    expect(await prisma.outboxMail.count()).toBeGreaterThan(mails);
  });
});
