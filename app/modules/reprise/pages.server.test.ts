import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refusedAs } from "../../../test/support/result";
import { prisma } from "~/utils/db.server";
import { person } from "../../../test/support/people";
import { now, resetClock, setClock } from "~/utils/clock.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { writeSetting } from "~/modules/settings/settings.server";
import { loadReferenceData } from "../../../seeds/reference/load.server";
import { visibleCampaigns } from "./policy.server";
import { dispatchEarly, getCampaignFile } from "./campaign.server";
import { campaignDetail, downloadableFile, receivedLists } from "./campaign-lists.server";
import { countdownText, packageFileLabel } from "./labels";
import { shiftReason } from "./rules.server";
import { dispatchBoard, nextListRows, pendingDispatchJob, upcomingDispatches } from "./dispatch-board.server";
import { parseLeadTimes } from "./forms.server";
import { rescheduleDispatch } from "./jobs.server";
import { signatureRows } from "./request-tables.server";
import { ofMonth } from "./rules";
import { movePriority } from "./request-commands.server";
import { repriseCastWithCentres, signAndSubmit } from "../../../test/support/reprise-requests";
import { dispatchSetting } from "./settings.server";
import { runDueJobs } from "~/modules/scheduler/worker.server";
import { ensureRepriseSchedules } from "./jobs.server";
import { orRefusal } from "~/utils/intent.server";
import { coordinatorAccess, stateServiceAccess } from "./policy.server";

const paris = (local: string) => new Date(`${local}+01:00`);

describe("countdown text", () => {
  const from = paris("2026-11-20T05:00:00");
  it("says days and hours, rounded down", () => {
    expect(countdownText(from, paris("2026-11-23T09:59:00"))).toBe("dans 3 jours et 4 heures");
    expect(countdownText(from, paris("2026-11-21T06:00:00"))).toBe("dans 1 jour et 1 heure");
  });
  it("leaves out a zero part and agrees in number", () => {
    expect(countdownText(from, paris("2026-11-22T05:30:00"))).toBe("dans 2 jours");
    expect(countdownText(from, paris("2026-11-21T05:00:00"))).toBe("dans 1 jour");
    expect(countdownText(from, paris("2026-11-20T10:00:00"))).toBe("dans 5 heures");
    expect(countdownText(from, paris("2026-11-20T06:59:59"))).toBe("dans 1 heure");
  });
  it("says less than an hour, then that the time has passed", () => {
    expect(countdownText(from, paris("2026-11-20T05:59:00"))).toBe("dans moins d'une heure");
    expect(countdownText(from, from)).toBe("heure dépassée");
    expect(countdownText(from, paris("2026-11-19T05:00:00"))).toBe("heure dépassée");
  });
  it("counts elapsed time across the October clock change (25 hours that day)", () => {
    expect(countdownText(new Date("2026-10-24T10:00:00+02:00"), new Date("2026-10-26T10:00:00+01:00"))).toBe(
      "dans 2 jours et 1 heure",
    );
  });
});

describe("reminder lead times", () => {
  it("reads comma-separated whole numbers, largest first, without repeats", () => {
    expect(parseLeadTimes("3, 10")).toEqual({ ok: true, value: [10, 3] });
    expect(parseLeadTimes(" 5 ;1, 5 ")).toEqual({ ok: true, value: [5, 1] });
    expect(parseLeadTimes("")).toEqual({ ok: true, value: [] });
  });
  it("refuses anything else with a French message", () => {
    expect(parseLeadTimes("5, deux")).toMatchObject({ ok: false, message: expect.stringContaining("nombres entiers") });
    expect(parseLeadTimes("-1")).toMatchObject({ ok: false });
    expect(parseLeadTimes("1.5")).toMatchObject({ ok: false });
    expect(parseLeadTimes("61")).toMatchObject({ ok: false, message: expect.stringContaining("entre 0 et 60") });
    expect(parseLeadTimes("1,2,3,4,5,6")).toMatchObject({ ok: false, message: "Cinq rappels au plus." });
  });
});

describe("dispatch days", () => {
  const shifted = { hour: "09:00", shift: "jour-ouvre-precedent" } as const;
  it("explains why the list leaves before the 25th", () => {
    expect(shiftReason("2026-12", shifted)).toBe("Le 25 est férié (Noël) : la liste part le dernier jour ouvré avant.");
    expect(shiftReason("2027-09", shifted)).toBe("Le 25 tombe un samedi : la liste part le dernier jour ouvré avant.");
    expect(shiftReason("2026-11", shifted)).toBeNull();
    expect(shiftReason("2027-09", { hour: "09:00", shift: "le-25" })).toBeNull();
  });
  it("lists the coming three dispatches under each setting", () => {
    const now = paris("2026-12-01T10:00:00");
    expect(upcomingDispatches(now, shifted).map((d) => d.atLabel)).toEqual([
      "jeudi 24 décembre 2026 à 09:00",
      "lundi 25 janvier 2027 à 09:00",
      "jeudi 25 février 2027 à 09:00",
    ]);
    const le25 = upcomingDispatches(now, { hour: "14:30", shift: "le-25" });
    expect(le25[0]).toMatchObject({
      month: "2026-12",
      atLabel: "vendredi 25 décembre 2026 à 14:30",
      shiftNote: null,
      countdown: "dans 24 jours et 4 heures",
    });
  });
});

describe("package files and avenants", () => {
  it("says « de novembre » but « d'octobre »", () => {
    expect(ofMonth("2026-11")).toBe("de novembre 2026");
    expect(ofMonth("2026-10")).toBe("d'octobre 2026");
    expect(ofMonth("2027-04")).toBe("d'avril 2027");
    expect(ofMonth("2027-08")).toBe("d'août 2027");
  });

  it("names a package file by what it holds and its format", () => {
    expect(packageFileLabel("liste-priorisee-OPALES-2026-11-rennes.xlsx")).toEqual({
      what: "Liste priorisée des demandes",
      format: "XLSX",
    });
    expect(packageFileLabel("planning-previsionnel-ITAC-2026-11.pdf")).toEqual({
      what: "Planning prévisionnel d'arrêt des services",
      format: "PDF",
    });
  });

  it("flags an avenant without a request after its deadline, and files received before the tool", () => {
    const base = {
      application: "ITAC",
      signedOn: "2026-09-10",
      requestDeadline: "2026-10-31",
      signatoryName: "A",
      organisation: { name: "MDPH", departementCode: "53" },
    };
    const context = (receivedOn: string | null) => ({ receivedOn }) as never;
    const rows = signatureRows(
      [
        { ...base, id: "late", consultationToolDeliveredOn: null, requests: [] },
        { ...base, id: "onTime", requestDeadline: "2026-12-31", consultationToolDeliveredOn: null, requests: [] },
        { ...base, id: "noTool", consultationToolDeliveredOn: null, requests: [{ id: "r1" }] },
        { ...base, id: "toolAfter", consultationToolDeliveredOn: "2026-11-20", requests: [{ id: "r2" }] },
        { ...base, id: "toolSameDay", consultationToolDeliveredOn: "2026-11-12", requests: [{ id: "r3" }] },
      ],
      [
        { id: "r1", signatureId: "noTool", context: context("2026-11-12") },
        { id: "r2", signatureId: "toolAfter", context: context("2026-11-12") },
        { id: "r3", signatureId: "toolSameDay", context: context("2026-11-12") },
      ],
      "2026-11-15",
    );
    expect(rows.map((r) => [r.id, r.requestLate, r.toolLate])).toEqual([
      ["late", true, false],
      ["onTime", false, false],
      ["noTool", false, true],
      ["toolAfter", false, true],
      ["toolSameDay", false, false],
    ]);
    expect(rows[2]).toMatchObject({ filesReceivedOn: "12 novembre 2026", toolDeliveredOn: null });
  });
});

// ---------------------------------------------------------------------------------------------

const at = (iso: string) => setClock(new Date(iso), { frozen: true });

describe("the lists as each person sees them", () => {
  let coordinator: SessionUser,
    director53: SessionUser,
    director80: SessionUser,
    dagemo: SessionUser,
    stsi: SessionUser,
    rennes: SessionUser,
    versailles: SessionUser;
  let opales53: string, opales80: string;

  beforeAll(async () => {
    at("2026-11-02T09:00:00Z");
    await loadReferenceData();
    ({ coordinator, director53, director80, dagemo, rennes, versailles } = await repriseCastWithCentres());
    stsi = await person("opales@men-stsi.example", "men-stsi", ["SERVICE_ETAT"]);
    for (const [director, application] of [
      [director53, "OPALES"],
      [director80, "OPALES"],
      [director53, "ITAC"],
    ] as const) {
      const id = await signAndSubmit(director, {
        application,
        signedOn: "2026-10-20",
        requestDate: "2026-11-02",
        desiredDate: "2026-12-10",
      });
      if (application === "OPALES") director === director53 ? (opales53 = id) : (opales80 = id);
    }
  });
  afterAll(() => resetClock());

  it("lets only the coordinator open the board, and only a State service its pages", () => {
    expect(coordinatorAccess(coordinator)).toMatchObject({ ok: true });
    expect(coordinatorAccess(rennes)).toMatchObject({ ok: false, code: "INTERDIT" });
    expect(stateServiceAccess(rennes)).toEqual({ ok: true, value: { application: "OPALES", centre: "RENNES" } });
    expect(stateServiceAccess(director53)).toMatchObject({ ok: false, code: "INTERDIT" });
  });

  it("shows the next list in priority order, with a countdown, and follows a move", async () => {
    let board = await dispatchBoard();
    const opales = board.applications.find((a) => a.application === "OPALES")!;
    expect(opales).toMatchObject({
      month: "2026-11",
      dispatchAtLabel: "mercredi 25 novembre 2026 à 09:00",
      countdown: "dans 22 jours et 23 heures",
      sent: null,
    });
    expect(opales.next.map((r) => [r.reference, r.centre, r.rank])).toEqual([
      ["OPALES-053-001", "Rennes", 1],
      ["OPALES-080-001", "Versailles", 2],
    ]);
    expect(await movePriority(coordinator, opales80, "haut")).toMatchObject({ ok: true });
    board = await dispatchBoard();
    expect(board.applications.find((a) => a.application === "OPALES")!.next.map((r) => r.reference)).toEqual([
      "OPALES-080-001",
      "OPALES-053-001",
    ]);
    expect((await nextListRows("OPALES")).map((r) => [r.rank, r.reference, r.contactEmail])).toEqual([
      [1, "OPALES-080-001", "paul.martin@mdph.example"],
      [2, "OPALES-053-001", "paul.martin@mdph.example"],
    ]);
    await movePriority(coordinator, opales80, "bas");
  });

  it("a centre's user cannot fetch the other centre's file nor the full list", async () => {
    expect((await dispatchEarly(coordinator, "OPALES")).ok).toBe(true);
    expect((await dispatchEarly(coordinator, "ITAC")).ok).toBe(true);
    await runDueJobs(); // the lists' packages, a job of their own once each dispatch committed
    const campaign = await prisma.repriseCampaign.findFirstOrThrow({
      where: { application: "OPALES" },
      include: { files: true },
    });
    const fileOf = (scope: string) =>
      campaign.files.find((f) => f.scope === scope && f.filename.endsWith(".xlsx") && f.filename.startsWith("liste"))!;
    const rennesScope = visibleCampaigns(rennes)!;
    expect(rennesScope).toEqual({ application: "OPALES", scope: "RENNES" });
    expect(await getCampaignFile(campaign.id, fileOf("VERSAILLES").id, rennesScope)).toBeNull();
    expect(await getCampaignFile(campaign.id, fileOf("TOUT").id, rennesScope)).toBeNull();
    expect((await getCampaignFile(campaign.id, fileOf("RENNES").id, rennesScope))?.filename).toBe(
      "liste-priorisee-OPALES-2026-11-rennes.xlsx",
    );
    await expect(downloadableFile(rennes, campaign.id, fileOf("VERSAILLES").id)).resolves.toMatchObject(
      refusedAs("INTROUVABLE"),
    );
    await expect(downloadableFile(versailles, campaign.id, fileOf("RENNES").id)).resolves.toMatchObject(
      refusedAs("INTROUVABLE"),
    );
    await expect(downloadableFile(dagemo, campaign.id, fileOf("TOUT").id)).resolves.toMatchObject(
      refusedAs("INTROUVABLE"),
    );
    await expect(downloadableFile(director53, campaign.id, fileOf("RENNES").id)).resolves.toMatchObject(
      refusedAs("INTERDIT"),
    );
    expect(orRefusal(await downloadableFile(stsi, campaign.id, fileOf("TOUT").id)).scope).toBe("TOUT");
    await expect(downloadableFile(stsi, campaign.id, fileOf("RENNES").id)).resolves.toMatchObject(
      refusedAs("INTROUVABLE"),
    );
    // The coordinator may download every share.
    for (const scope of ["TOUT", "RENNES", "VERSAILLES"])
      expect(orRefusal(await downloadableFile(coordinator, campaign.id, fileOf(scope).id)).scope).toBe(scope);
  });

  it("shows each centre its share of the list, and nothing of another application's list", async () => {
    const lists = orRefusal(await receivedLists(rennes));
    expect(lists.map((l) => [l.application, l.count])).toEqual([["OPALES", 1]]);
    expect(lists[0].fileSets.map((set) => [set.what, set.files.map((f) => f.filename)])).toEqual([
      [
        "Liste priorisée des demandes",
        [
          "liste-priorisee-OPALES-2026-11-rennes.xlsx",
          "liste-priorisee-OPALES-2026-11-rennes.csv",
          "liste-priorisee-OPALES-2026-11-rennes.pdf",
        ],
      ],
      [
        "Planning prévisionnel d'arrêt des services",
        [
          "planning-previsionnel-OPALES-2026-11-rennes.xlsx",
          "planning-previsionnel-OPALES-2026-11-rennes.csv",
          "planning-previsionnel-OPALES-2026-11-rennes.pdf",
        ],
      ],
    ]);
    const campaign = await prisma.repriseCampaign.findFirstOrThrow({ where: { application: "OPALES" } });
    const itac = await prisma.repriseCampaign.findFirstOrThrow({ where: { application: "ITAC" } });
    const detail = orRefusal(await campaignDetail(rennes, campaign.id));
    expect(detail.items.map((i) => i.id)).toEqual([opales53]);
    expect(detail.fileGroups.map((g) => g.scope)).toEqual(["RENNES"]);
    expect(orRefusal(await campaignDetail(versailles, campaign.id)).items.map((i) => i.id)).toEqual([opales80]);
    expect(orRefusal(await campaignDetail(coordinator, campaign.id)).fileGroups.map((g) => g.scope)).toEqual([
      "TOUT",
      "RENNES",
      "VERSAILLES",
    ]);
    await expect(campaignDetail(rennes, itac.id)).resolves.toMatchObject({ ok: false, code: "INTROUVABLE" });
    expect(orRefusal(await receivedLists(dagemo)).map((l) => l.application)).toEqual(["ITAC"]);
  });

  it("says the list already left early and counts down to next month's", async () => {
    const board = await dispatchBoard();
    const itac = board.applications.find((a) => a.application === "ITAC")!;
    expect(itac.sent).toMatchObject({ early: true, atLabel: "lundi 2 novembre 2026 à 10:00" });
    expect(itac.next).toEqual([]);
    expect(itac.nextDispatch).toMatchObject({ month: "2026-12", atLabel: "jeudi 24 décembre 2026 à 09:00" });
    expect(itac.counts.find((c) => c.status === "transmise")?.count).toBe(1);
  });

  it("moves the pending monthly job when the dispatch setting changes", async () => {
    await ensureRepriseSchedules(now());
    expect((await pendingDispatchJob())?.dueAtLabel).toBe("mercredi 25 novembre 2026 à 09:00");
    expect((await writeSetting(dispatchSetting, { hour: "14:30", shift: "le-25" }, null)).ok).toBe(true);
    await rescheduleDispatch();
    expect(await pendingDispatchJob()).toMatchObject({
      month: "2026-11",
      dueAtLabel: "mercredi 25 novembre 2026 à 14:30",
    });
  });
});
