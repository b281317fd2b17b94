import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { resetClock, setClock } from "~/utils/clock.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { runDueJobs } from "~/modules/scheduler/worker.server";
import { ensureSchedules } from "~/composition.server";
import { person, repriseCast } from "../../../test/support/people";
import { loadReferenceData } from "../../../seeds/reference/load.server";
import { campaignDetail } from "./campaign-lists.server";
import { latestCampaigns } from "./queries/campaigns.server";
import { getRequest } from "./requests.server";
import { signAndSubmit } from "../../../test/support/reprise-requests";
import { orRefusal } from "~/utils/intent.server";

/**
 * The server is down for 40 days, from 20 January to 1 March 2027, across January's (25th)
 * and February's (25th) dispatch days: no worker tick between the two clock settings.
 * Decision 014: one catch-up list per application, marked late, answers counted from the
 * actual dispatch, the coordinator told, and no request twice for one month.
 */
const at = (iso: string) => setClock(new Date(iso), { frozen: true });
const mails = (template: string) => prisma.outboxMail.findMany({ where: { template }, orderBy: { createdAt: "asc" } });
const itemsOf = (requestId: string) =>
  prisma.repriseCampaignItem.findMany({
    where: { requestId },
    include: { campaign: true },
    orderBy: { campaign: { month: "asc" } },
  });

let coordinator: SessionUser, director53: SessionUser, director80: SessionUser;
let itac53 = "",
  opales80 = "";

const request = (director: SessionUser, application: "ITAC" | "OPALES") =>
  signAndSubmit(director, {
    application,
    signedOn: "2026-12-20",
    requestDate: "2027-01-04",
    desiredDate: "2027-04-15",
  });

beforeAll(async () => {
  at("2027-01-04T09:00:00Z");
  await loadReferenceData();
  ({ coordinator, director53, director80 } = await repriseCast());
  await person("versailles@men-stsi.example", "men-stsi-versailles", ["SERVICE_ETAT"]);
  await ensureSchedules(new Date("2027-01-04T09:00:00Z"));
  itac53 = await request(director53, "ITAC");
  opales80 = await request(director80, "OPALES");
  at("2027-01-20T09:00:00Z");
  await runDueJobs(); // the last tick before the outage
});
afterAll(() => resetClock());

describe("the monthly dispatch after a 40-day outage", () => {
  it("sends one catch-up list per application, for February, marked late, instead of January's and February's lists together", async () => {
    at("2027-03-01T09:00:00Z");
    await runDueJobs();
    await runDueJobs(); // a second tick sends nothing more
    const campaigns = await prisma.repriseCampaign.findMany({
      include: { items: true },
      orderBy: { application: "asc" },
    });
    expect(
      campaigns.map((c) => ({
        application: c.application,
        month: c.month,
        late: c.late,
        early: c.early,
        answerDeadline: c.answerDeadline,
        items: c.items.length,
        at: c.dispatchedAt.toISOString(),
      })),
    ).toEqual(
      ["ITAC", "OPALES"].map((application) => ({
        application,
        month: "2027-02",
        late: true,
        early: false,
        answerDeadline: "2027-03-08",
        items: 1,
        at: "2027-03-01T09:00:00.000Z",
      })),
    );
    expect(
      await prisma.scheduledJob.findUnique({ where: { idempotencyKey: "reprise.envoi-mensuel:2027-02" } }),
    ).toBeNull();
    expect(
      (
        await prisma.scheduledJob.findUniqueOrThrow({ where: { idempotencyKey: "reprise.envoi-mensuel:2027-03" } })
      ).dueAt.toISOString(),
    ).toBe("2027-03-25T08:00:00.000Z");
    expect((await latestCampaigns(10)).map((c) => [c.application, c.month, c.late])).toEqual([
      ["ITAC", "2027-02", true],
      ["OPALES", "2027-02", true],
    ]);
    // The State services' page of the list says it left late.
    expect(orRefusal(await campaignDetail(coordinator, campaigns[0].id))).toMatchObject({
      late: true,
      early: false,
      answerDeadline: "8 mars 2027",
    });
  });

  it("counts the State services' answer deadline from the actual dispatch, in the list, the request and the MDPH's mail", async () => {
    const lists = await mails("reprise.liste-mensuelle");
    const itac = lists.find((m) => m.subject.startsWith("Reprise ITAC"))!;
    expect(itac.subject).toBe("Reprise ITAC : liste de février 2027, envoyée en retard (1 demande) — DAGEMO / MTRSS");
    expect(itac.textBody).toContain("au plus tard le 8 mars 2027 (5 jours ouvrés au moins à compter de cet envoi)");
    expect(itac.textBody).toContain("elle devait partir le 25 février 2027, mais Passerelles était indisponible");
    expect(itac.textBody).toContain("Elle remplace aussi la liste de janvier 2027, qui n'a jamais été envoyée");
    for (const mail of lists) {
      expect(mail.textBody).not.toMatch(/au plus tard le (30 janvier|28 février|4 mars)/);
    }
    expect(orRefusal(await getRequest(coordinator, itac53)).context).toMatchObject({
      campaignMonth: "2027-02",
      dispatchCount: 1,
      answerDeadline: "2027-03-08",
    });
    expect(orRefusal(await getRequest(coordinator, opales80)).context).toMatchObject({
      campaignMonth: "2027-02",
      dispatchCount: 1,
      answerDeadline: "2027-03-08",
    });
    const transmitted = (await mails("reprise.transmission")).find((m) => m.relatedId === itac53)!;
    expect(transmitted.textBody).toContain("au plus tard le 8 mars 2027");
  });

  it("tells the coordinator, once per application, which list left late, which it replaces and the new answer deadline", async () => {
    const told = await mails("reprise.liste-en-retard");
    expect(told.map((m) => m.subject)).toEqual([
      "Reprise ITAC : liste de février 2027 envoyée en retard, le 1 mars 2027",
      "Reprise OPALES : liste de février 2027 envoyée en retard, le 1 mars 2027",
    ]);
    for (const mail of told) {
      expect(JSON.parse(mail.toAddresses)).toEqual(["coord@cnsa.example"]);
      expect(mail.textBody).toContain("Elle remplace aussi la liste de janvier 2027");
      expect(mail.textBody).toContain(
        "Les services de l'État ont jusqu'au 8 mars 2027 pour répondre : le délai est compté à partir de cet envoi",
      );
    }
    const audit = await prisma.auditEntry.findMany({ where: { action: "reprise-envoi-rattrapage" } });
    expect(audit).toHaveLength(2);
  });

  it("never puts a request twice in one month's list; March's list, on time, carries over what got no answer", async () => {
    for (const id of [itac53, opales80]) expect((await itemsOf(id)).map((i) => i.campaign.month)).toEqual(["2027-02"]);
    at("2027-03-25T08:00:30Z");
    await runDueJobs();
    for (const id of [itac53, opales80]) {
      const items = await itemsOf(id);
      expect(items.map((i) => [i.campaign.month, i.campaign.late, i.carriedOver])).toEqual([
        ["2027-02", true, false],
        ["2027-03", false, true],
      ]);
    }
    // On time again: the circulaire's deadlines, from the 25th.
    expect(orRefusal(await getRequest(coordinator, itac53)).context).toMatchObject({
      campaignMonth: "2027-03",
      dispatchCount: 2,
      answerDeadline: "2027-03-30",
    });
    expect(await prisma.outboxMail.count({ where: { template: "reprise.liste-en-retard" } })).toBe(2);
  });
});
