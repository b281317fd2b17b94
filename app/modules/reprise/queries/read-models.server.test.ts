/**
 * The reprise pages' read models (issue 10) against what the Prisma read models showed before
 * (test/support/reprise-pages-reference.ts): the same rows, order and labels, at each step of a
 * campaign driven through the services, for every person who sees the pages.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/modules/auth/session.server";
import { now, resetClock, setClock } from "~/utils/clock.server";
import { orRefusal } from "~/utils/intent.server";
import { parisDate } from "~/utils/working-days";
import { loadReferenceData } from "../../../../seeds/reference/load.server";
import { person } from "../../../../test/support/people";
import {
  dispatchBoardThroughPrisma,
  stateHomeThroughPrisma,
  dispatchPanelThroughPrisma,
  mdphReprisePanelThroughPrisma,
  nextListRowsThroughPrisma,
  receivedListsThroughPrisma,
  requestRowThroughPrisma,
} from "../../../../test/support/reprise-pages-reference";
import { repriseCastWithCentres, shipment, signAndSubmit } from "../../../../test/support/reprise-requests";
import { refusedAs } from "../../../../test/support/result";
import { runDueJobs } from "~/modules/scheduler/worker.server";
import { dispatchEarly } from "../campaign.server";
import { receivedListCount, receivedLists } from "../campaign-lists.server";
import { dispatchBoard, dispatchPanel, nextListRows } from "../dispatch-board.server";
import { actOnRequest, movePriority, recordSignature, setCoordinatorNote } from "../request-commands.server";
import { listRequests } from "../requests.server";
import { mdphReprisePanel } from "./mdph-panel.server";
import { requestTable } from "./requests.server";
import { stateHome } from "./state-home.server";

const at = (iso: string) => setClock(new Date(iso), { frozen: true });

/** The people of the campaign, by their part in it. */
const the = {} as Record<
  "coordinator" | "director53" | "director80" | "director973" | "dagemo" | "stsi" | "rennes" | "versailles" | "member",
  SessionUser
>;
const ids: Record<string, string> = {};

/** Every page's data, new and former, for each person who sees it, at the clock's time. */
async function expectSamePages() {
  const at = now();
  const today = parisDate(at);
  expect(await dispatchBoard(at)).toEqual(await dispatchBoardThroughPrisma(at));
  // One row a page, no alert named: the pages (a page beyond the last gives the last) and the counts.
  for (const view of [
    { pageSize: 1, alertsShown: 0, pages: { ITAC: 2, OPALES: 2 } },
    { pageSize: 2, alertsShown: 1, pages: { OPALES: 9 } },
  ])
    expect(await dispatchBoard(at, view), JSON.stringify(view)).toEqual(await dispatchBoardThroughPrisma(at, view));
  expect(await dispatchPanel(at)).toEqual(await dispatchPanelThroughPrisma(at));
  for (const application of ["ITAC", "OPALES"] as const)
    expect(await nextListRows(application, at)).toEqual(await nextListRowsThroughPrisma(application, at));
  for (const user of [
    the.coordinator,
    the.director53,
    the.director973,
    the.dagemo,
    the.stsi,
    the.rennes,
    the.versailles,
  ]) {
    for (const filter of [
      {},
      { tag: "attenteEtat" },
      { application: "OPALES" as const },
      { statuses: ["demandee", "transmise"] },
      { statuses: [] },
    ]) {
      const before = orRefusal(await listRequests(user, filter)).map((row) => ({
        ...requestRowThroughPrisma(row, today),
        priority: row.priority,
      }));
      expect(orRefusal(await requestTable(user, today, filter)), `${user.email} ${JSON.stringify(filter)}`).toEqual(
        before,
      );
    }
  }
  for (const user of [the.coordinator, the.dagemo, the.stsi, the.rennes, the.versailles]) {
    const before = await receivedListsThroughPrisma(user);
    expect(orRefusal(await receivedLists(user)), user.email).toEqual(before);
    expect(orRefusal(await receivedLists(user, 1))).toEqual(before.slice(0, 1));
    expect(orRefusal(await receivedListCount(user))).toBe(before.length);
  }
  for (const user of [the.dagemo, the.stsi, the.rennes, the.versailles, the.coordinator])
    expect(orRefusal(await stateHome(user, today)), user.email).toEqual(await stateHomeThroughPrisma(user, today));
  for (const user of [the.director53, the.director80, the.director973])
    expect(orRefusal(await mdphReprisePanel(user, today)), user.email).toEqual(
      await mdphReprisePanelThroughPrisma(user, today),
    );
}

beforeAll(async () => {
  at("2026-11-02T09:00:00Z");
  await loadReferenceData();
  Object.assign(the, await repriseCastWithCentres());
  the.stsi = await person("opales@men-stsi.example", "men-stsi", ["SERVICE_ETAT"]);
  the.director973 = await person("dir973@mdph.example", "mdph-973", ["DIRECTEUR_MDPH"]);
  the.member = await person("membre@cnaf.example", "cnaf", ["MEMBRE_GT"]);
  const submit = (director: SessionUser, application: "ITAC" | "OPALES", desiredDate: string) =>
    signAndSubmit(director, { application, signedOn: "2026-10-20", requestDate: "2026-11-02", desiredDate });
  ids.itac53 = await submit(the.director53, "ITAC", "2026-12-10");
  ids.opales53 = await submit(the.director53, "OPALES", "2026-12-14");
  ids.opales80 = await submit(the.director80, "OPALES", "2026-12-15");
  // Guyane has no OPALES centre: its request waits, flagged on the board.
  ids.opales973 = await submit(the.director973, "OPALES", "2027-01-04");
  // The Somme signed its ITAC avenant but has not asked for its date yet.
  expect(
    await recordSignature(the.director80, {
      application: "ITAC",
      signedOn: "2026-10-01",
      signatoryName: "Jean Lenoir",
      signatoryFunction: "Directeur",
      designatedByCommission: "oui",
    }),
  ).toMatchObject({ ok: true });
  expect(await setCoordinatorNote(the.coordinator, ids.opales80, "Bascule prévue en janvier")).toMatchObject({
    ok: true,
  });
});
afterAll(() => resetClock());

describe("the reprise pages' read models", () => {
  it("refuse exactly whom the former ones refused", async () => {
    const today = parisDate(now());
    await expect(requestTable(the.member, today)).resolves.toMatchObject(refusedAs("INTERDIT"));
    await expect(mdphReprisePanel(the.dagemo, today)).resolves.toMatchObject(refusedAs("INTERDIT"));
    await expect(mdphReprisePanel(the.member, today)).resolves.toMatchObject(refusedAs("INTERDIT"));
    await expect(receivedLists(the.director53)).resolves.toMatchObject(refusedAs("INTERDIT"));
    await expect(receivedListCount(the.director53)).resolves.toMatchObject(refusedAs("INTERDIT"));
  });

  it("show what the Prisma read models showed before any list left, and after a move", async () => {
    await expectSamePages();
    expect(await movePriority(the.coordinator, ids.opales80, "haut")).toMatchObject({ ok: true });
    await expectSamePages();
    const paged = await dispatchBoard(now(), { pageSize: 1, pages: { ITAC: 5, OPALES: 2 } });
    expect(
      paged.applications.map((b) => [b.page, b.pageCount, b.nextTotal, b.next.map((r) => [r.rank, r.reference])]),
    ).toEqual([
      [1, 1, 1, [[1, "ITAC-053-001"]]],
      [2, 3, 3, [[2, "OPALES-053-001"]]],
    ]);
  });

  it("show the same after the lists left, with the State services' answers awaited then overdue", async () => {
    expect(await dispatchEarly(the.coordinator, "OPALES")).toMatchObject({ ok: true, sent: 2 });
    expect(await dispatchEarly(the.coordinator, "ITAC")).toMatchObject({ ok: true, sent: 1 });
    await runDueJobs();
    await expectSamePages();
    at("2026-11-10T09:00:00Z");
    expect(await actOnRequest(the.rennes, ids.opales53, { type: "PROPOSER_DATE", date: "2026-12-21" })).toMatchObject({
      ok: true,
      status: "contreProposition",
    });
    expect(await actOnRequest(the.dagemo, ids.itac53, { type: "CONFIRMER_DATE" })).toMatchObject({ ok: true });
    at("2026-11-24T09:00:00Z");
    await expectSamePages();
    const opales = (await dispatchBoard()).applications.find((b) => b.application === "OPALES")!;
    expect(opales.next.map((r) => [r.reference, r.centre])).toEqual([["OPALES-973-001", null]]);
    // The answer to November's OPALES list was due on 2 December.
    at("2026-12-03T09:00:00Z");
    await expectSamePages();
    expect((await dispatchBoard()).applications[1].overdueAnswers.map((r) => r.reference)).toEqual(["OPALES-080-001"]);
    expect((await dispatchBoard(now(), { alertsShown: 0 })).applications[1]).toMatchObject({
      overdueAnswers: [],
      overdueAnswerCount: 1,
    });
  });

  it("show the same through a carry-over, a replay, a validation window ending and an acceptance", async () => {
    // November's answer never came for the Somme: December's list carries it over.
    expect(await dispatchEarly(the.coordinator, "OPALES")).toMatchObject({ ok: true });
    await runDueJobs();
    expect(await actOnRequest(the.coordinator, ids.opales53, { type: "FIXER_DATE", date: "2026-12-21" })).toMatchObject(
      {
        ok: true,
      },
    );
    at("2026-12-10T09:00:00Z");
    expect(await actOnRequest(the.dagemo, ids.itac53, { type: "EXTRAIRE", date: "2026-12-10" })).toMatchObject({
      ok: true,
    });
    expect(await actOnRequest(the.dagemo, ids.itac53, shipment("2026-12-10"))).toMatchObject({ ok: true });
    at("2026-12-14T09:00:00Z");
    expect(await actOnRequest(the.director53, ids.itac53, { type: "RECEPTIONNER", date: "2026-12-14" })).toMatchObject({
      ok: true,
      status: "enValidation",
    });
    await expectSamePages();
    at("2026-12-21T09:00:00Z");
    expect(await actOnRequest(the.rennes, ids.opales53, { type: "EXTRAIRE", date: "2026-12-21" })).toMatchObject({
      ok: true,
    });
    expect(await actOnRequest(the.rennes, ids.opales53, shipment("2026-12-21", "Clé USB", "RAR 77"))).toMatchObject({
      ok: true,
    });
    expect(
      await actOnRequest(the.coordinator, ids.opales53, {
        type: "ENVOYER_MOT_DE_PASSE",
        date: "2026-12-21",
        reference: "R",
      }),
    ).toMatchObject({ ok: true });
    at("2026-12-22T09:00:00Z");
    expect(
      await actOnRequest(the.director53, ids.opales53, { type: "RECEPTIONNER", date: "2026-12-22" }),
    ).toMatchObject({
      ok: true,
    });
    expect(
      await actOnRequest(the.director53, ids.opales53, { type: "SIGNALER_NON_CONFORMITE", text: "Archive illisible" }),
    ).toMatchObject({ ok: true, status: "demandee" });
    await expectSamePages();
    at("2027-01-04T09:00:00Z");
    await expectSamePages();
    const board = await dispatchBoard();
    expect(board.applications[0].windowsEndingSoon.map((r) => r.reference)).toEqual(["ITAC-053-001"]);
    expect(board.applications[1].next.map((r) => [r.reference, r.replay, r.carriedOver])).toEqual([
      ["OPALES-053-001", true, false],
      ["OPALES-973-001", false, false],
    ]);
    const carried = orRefusal(await requestTable(the.stsi, parisDate(now()))).find((r) => r.id === ids.opales80);
    expect(carried).toMatchObject({ carriedOver: true, replay: false, campaignMonth: "décembre 2026" });
    at("2027-01-07T00:30:00+01:00");
    await runDueJobs();
    await expectSamePages();
  });
});
