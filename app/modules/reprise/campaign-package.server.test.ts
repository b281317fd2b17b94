import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma, writeTransaction } from "~/utils/db.server";
import { now, resetClock, setClock } from "~/utils/clock.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { deliverDueMails } from "~/modules/mail/sender.server";
import { createTransport } from "~/modules/mail/transport.server";
import { runDueJobs } from "~/modules/scheduler/worker.server";
import { person } from "../../../test/support/people";
import { loadReferenceData } from "../../../seeds/reference/load.server";
import { repriseCastWithCentres, signAndSubmit } from "../../../test/support/reprise-requests";
import { startSmtpServer } from "../../../test/support/smtp-server";
import { dispatchEarly } from "./campaign.server";
import { preparePackage, storeAndSendPackage } from "./campaign-package.server";
import { REPRISE_JOBS } from "./workflow.server";
import { packageFilenames } from "../../../test/support/package-files";

/**
 * The monthly list's files and the mails that carry them are a job of their own, run after the
 * dispatch committed (docs/decisions/030-dispatch-package-after-commit.md). Run twice, or resumed after a crash
 * between building the files and queueing the mails, it leaves one set of files and one mail
 * per share, each received once by a real SMTP server.
 */
const at = (iso: string) => setClock(new Date(iso), { frozen: true });

let coordinator: SessionUser;
let opalesCampaign = "";
let itacCampaign = "";

const packageJob = (campaignId: string) =>
  prisma.scheduledJob.findUniqueOrThrow({ where: { idempotencyKey: `${REPRISE_JOBS.listPackage}:${campaignId}` } });
const filesOf = (campaignId: string) =>
  prisma.repriseCampaignFile.findMany({ where: { campaignId }, select: { scope: true, filename: true } });
const listMails = () =>
  prisma.outboxMail.findMany({ where: { template: "reprise.liste-mensuelle" }, include: { attachments: true } });

beforeAll(async () => {
  at("2026-11-02T09:00:00Z");
  await loadReferenceData();
  const cast = await repriseCastWithCentres();
  coordinator = cast.coordinator;
  await person("opales@men-stsi.example", "men-stsi", ["SERVICE_ETAT"]);
  for (const [director, application] of [
    [cast.director53, "OPALES"],
    [cast.director80, "OPALES"],
    [cast.director53, "ITAC"],
  ] as const)
    await signAndSubmit(director, {
      application,
      signedOn: "2026-10-20",
      requestDate: "2026-11-02",
      desiredDate: "2026-12-10",
    });
  at("2026-11-10T09:00:00Z");
  const opales = await dispatchEarly(coordinator, "OPALES");
  const itac = await dispatchEarly(coordinator, "ITAC");
  if (!opales.ok || !itac.ok) throw new Error("dispatch refused");
  opalesCampaign = opales.campaignId;
  itacCampaign = itac.campaignId;
});
afterAll(() => resetClock());

describe("the package of a monthly list, after the dispatch", () => {
  it("commits the dispatch without files or list mails, and leaves them to a job due at once", async () => {
    expect(await filesOf(opalesCampaign)).toEqual([]);
    expect(await listMails()).toEqual([]);
    const job = await packageJob(opalesCampaign);
    expect(job).toMatchObject({ status: "PENDING", kind: REPRISE_JOBS.listPackage });
    expect(job.dueAt.toISOString()).toBe("2026-11-10T09:00:00.000Z");
  });

  it("resumed after a crash between building the files and queueing the mails, stores and sends them once", async () => {
    // The ITAC job built its files (the worker's preparation, outside any transaction), then the
    // process died before its transaction: nothing was written, the job is still pending.
    const built = await preparePackage({ campaignId: itacCampaign, lateNotice: null });
    expect(Object.keys(built)).toEqual(["TOUT"]);
    expect(await filesOf(itacCampaign)).toEqual([]);
    expect(await runDueJobs()).toMatchObject({ done: 2, failed: 0 });
    expect((await packageJob(itacCampaign)).status).toBe("DONE");
    expect((await filesOf(itacCampaign)).map((f) => f.filename).sort()).toEqual(packageFilenames("ITAC-2026-11"));
    // OPALES: the whole list and each centre's share, six files each.
    const scopes = (await filesOf(opalesCampaign)).map((f) => f.scope);
    expect(["TOUT", "RENNES", "VERSAILLES"].map((s) => scopes.filter((x) => x === s).length)).toEqual([6, 6, 6]);
  });

  it("run again (a retry, or files built twice), adds no file and no mail", async () => {
    const filesBefore = await prisma.repriseCampaignFile.count();
    const mailsBefore = await listMails();
    expect(mailsBefore).toHaveLength(4);
    for (const campaignId of [opalesCampaign, itacCampaign]) {
      const payload = { campaignId, lateNotice: null };
      // With freshly built files, as a worker that prepared again would hand them over.
      const prepared = await preparePackage(payload);
      expect(prepared).toEqual({});
      await writeTransaction((tx) => storeAndSendPackage(tx, payload, { now: now(), prepared }));
      await writeTransaction((tx) => storeAndSendPackage(tx, payload, { now: now() }));
    }
    expect(await prisma.repriseCampaignFile.count()).toBe(filesBefore);
    const mailsAfter = await listMails();
    expect(mailsAfter.map((m) => m.id).sort()).toEqual(mailsBefore.map((m) => m.id).sort());
  });

  it("each share's mail reaches the SMTP server once, with its six files", async () => {
    const smtp = await startSmtpServer();
    const transport = createTransport(smtp.url)!;
    try {
      await deliverDueMails({ transport });
      await deliverDueMails({ transport });
      const lists = smtp.messages.filter((m) => m.subject?.includes("liste de novembre 2026"));
      expect(lists.map((m) => m.subject!.replace(/^.*— /, "")).sort()).toEqual([
        "Centre d'exploitation de Rennes",
        "Centre d'exploitation de Versailles",
        "DAGEMO / MTRSS",
        "MEN-STSI",
      ]);
      for (const mail of lists) expect(mail.attachments).toHaveLength(6);
      const rennes = lists.find((m) => m.subject!.endsWith("Rennes"))!;
      expect(rennes.attachments.map((a) => a.filename)).toContain("liste-priorisee-OPALES-2026-11-rennes.xlsx");
      expect(rennes.subject).toContain("(1 demande)");
    } finally {
      transport.close();
      await smtp.close();
    }
  });
});
