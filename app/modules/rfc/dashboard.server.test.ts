/**
 * The RFC panels of the dashboards on the read connection: on the demo world and more cycles
 * written through the services (open to every MDPH with some answers, closed with comments
 * waiting for a disposition, drafts), for each kind of person, the same rows in the same order
 * as the Prisma read models gave (test/support/rfc-dashboard-reference.ts).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SessionUser } from "~/modules/auth/session.server";
import { runDueJobs } from "~/modules/scheduler/worker.server";
import { resetClock, setClock } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { demoPerson, loadDemoWorld, type DemoPeople } from "../../../test/support/demo";
import {
  awaitingAnswerThroughPrisma,
  pilotCyclesThroughPrisma,
  positionsToRecordThroughPrisma,
  responseRatesThroughPrisma,
} from "../../../test/support/rfc-dashboard-reference";
import { paragraphs } from "../../../test/support/rfc";
import { valueOf } from "../../../test/support/result";
import { postComment } from "./comments.server";
import { openCycle } from "./cycle-commands.server";
import { awaitingAnswer, pilotCycles, positionsToRecord, responseRates } from "./dashboard.server";
import { createRfc } from "./rfc-commands.server";

const START = new Date("2026-11-24T09:00:00Z");
let demo: DemoPeople;
let director80: SessionUser;

/** An RFC of `group` opened until `deadline` to every MDPH, and to the group's members with `members`. */
async function openedRfc(group: string, title: string, deadline: string, members = false) {
  const { number } = valueOf(await createRfc(demo.coordinator, group, { title, document: paragraphs(title) }));
  const organisations = members
    ? await prisma.workGroupMember.findMany({ where: { group: { code: group } }, select: { organisationId: true } })
    : [];
  const version = await prisma.rfcVersion.findFirstOrThrow({ where: { rfc: { number } }, include: { workflow: true } });
  valueOf(
    await openCycle(demo.coordinator, number, 1, {
      deadline: new Date(deadline),
      organisationIds: organisations.map((o) => o.organisationId),
      allMdph: true,
      allConseils: false,
      expectedRowVersion: version.workflow.rowVersion,
    }),
  );
  return number;
}

beforeAll(async () => {
  demo = await loadDemoWorld(START);
  director80 = await demoPerson("julien.lefevre@mdph80.example");
  // Closes before the others: its comments wait for a disposition.
  const soon = await openedRfc("groupe-technique", "Pièces jointes", "2026-12-04T17:00:00Z");
  valueOf(await postComment(demo.director53, soon, 1, { kind: "FOND", body: "Et les PDF/A ?" }));
  valueOf(await postComment(director80, soon, 1, { kind: "SOUTIEN", body: "D'accord." }));
  const national = await openedRfc("groupe-technique", "Nomenclature", "2026-12-20T17:00:00Z", true);
  valueOf(await postComment(director80, national, 1, { kind: "QUESTION", body: "Quel calendrier ?" }));
  await openedRfc("refonte-formulaire", "Accusé de réception", "2026-12-18T17:00:00Z", true);
  valueOf(await createRfc(demo.coordinator, "groupe-technique", { title: "Brouillon", document: paragraphs("x") }));
});

afterAll(() => resetClock());

/** Each panel, for each person, answers as the Prisma read model did. */
async function sameAsBefore(at: Date) {
  const everybody = [demo.coordinator, demo.director53, director80, demo.pilotFT, demo.cnaf, demo.dgefp];
  for (const user of everybody) {
    expect(await awaitingAnswer(user, at), `awaiting, ${user.email}`).toEqual(
      await awaitingAnswerThroughPrisma(user, at),
    );
    expect(await pilotCycles(user, at), `cycles, ${user.email}`).toEqual(await pilotCyclesThroughPrisma(user, at));
    expect(await positionsToRecord(user), `positions, ${user.email}`).toEqual(
      await positionsToRecordThroughPrisma(user),
    );
  }
  expect(await responseRates(at)).toEqual(await responseRatesThroughPrisma(at));
}

describe("the RFC panels of the dashboards on the read connection", () => {
  test("list, count and order what the Prisma read models did, for every kind of person", async () => {
    const at = new Date("2026-11-25T09:00:00Z");
    await sameAsBefore(at);
    // Not empty: the comparison compares something.
    expect((await responseRates(at)).length).toBeGreaterThan(100);
    expect((await pilotCycles(demo.coordinator, at)).map((c) => c.status)).toContain("brouillon");
    expect(await awaitingAnswer(demo.director53, at)).not.toEqual([]);
    expect(await positionsToRecord(director80)).toEqual([]);
  });

  test("after a deadline: the closed cycle first among the pilot's, no longer awaited nor counted", async () => {
    const at = new Date("2026-12-05T09:00:00Z");
    setClock(at, { frozen: true });
    await runDueJobs();
    await sameAsBefore(at);
    const cycles = await pilotCycles(demo.coordinator, at);
    expect(cycles[0]).toMatchObject({ title: "Pièces jointes", status: "clos", comments: 2, undisposed: 2 });
  });
});
