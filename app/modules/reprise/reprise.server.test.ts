import ExcelJS from "exceljs";
import { refusedAs } from "../../../test/support/result";
import { beforeAll, afterAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { person } from "../../../test/support/people";
import { resetClock, setClock } from "~/utils/clock.server";
import { loadReferenceData } from "../../../seeds/reference/load.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { runDueJobs } from "~/modules/scheduler/worker.server";
import { ensureSchedules } from "~/composition.server";
import { actOnRequest, submitRequest } from "./request-commands.server";
import { getRequest, listRequests } from "./requests.server";
import {
  signAndSubmit,
  contact,
  repriseCastWithCentres,
  shipment,
  SHIPPED_ON_DVD,
} from "../../../test/support/reprise-requests";
import { dispatchEarly } from "./campaign.server";
import { dispatchBoard } from "./dispatch-board.server";
import { orRefusal } from "~/utils/intent.server";
import { packageFilenames } from "../../../test/support/package-files";

const at = (iso: string) => setClock(new Date(iso), { frozen: true });

let coordinator: SessionUser,
  director53: SessionUser,
  director80: SessionUser,
  director973: SessionUser,
  dagemo: SessionUser,
  rennes: SessionUser,
  versailles: SessionUser;

beforeAll(async () => {
  at("2026-11-02T09:00:00Z");
  await loadReferenceData();
  ({ coordinator, director53, director80, dagemo, rennes, versailles } = await repriseCastWithCentres());
  director973 = await person("dir973@mdph.example", "mdph-973", ["DIRECTEUR_MDPH"]);
});
afterAll(() => resetClock());

const signAndRequest = (director: SessionUser, application: "ITAC" | "OPALES", desiredDate = "2026-12-10") =>
  signAndSubmit(director, { application, signedOn: "2026-10-20", requestDate: "2026-11-02", desiredDate });

describe("reprise requests and monthly campaigns", () => {
  let itac53: string, opales53: string, opales80: string, opales973: string;

  it("refuses a second open request for the same MDPH and application", async () => {
    itac53 = await signAndRequest(director53, "ITAC");
    const second = await submitRequest(director53, {
      application: "ITAC",
      requestDate: "2026-11-02",
      desiredDate: "2026-12-12",
      ...contact,
    });
    expect(second).toMatchObject({
      ok: false,
      field: "application",
      message: expect.stringContaining("une seule demande ouverte"),
    });
    opales53 = await signAndRequest(director53, "OPALES");
    opales80 = await signAndRequest(director80, "OPALES", "2026-12-14");
    opales973 = await signAndRequest(director973, "OPALES", "2026-12-15");
  });

  it("lets a director see and act on their own MDPH's requests only, by id or by action", async () => {
    expect(orRefusal(await listRequests(director80)).map((r) => r.id)).toEqual([opales80]);
    await expect(getRequest(director80, itac53)).resolves.toMatchObject({ ok: false, code: "INTROUVABLE" });
    await expect(actOnRequest(director80, itac53, { type: "ANNULER", reason: "malveillance" })).resolves.toMatchObject(
      refusedAs("INTROUVABLE"),
    );
    await expect(actOnRequest(dagemo, itac53, { type: "CONFIRMER_DATE" })).resolves.toMatchObject(
      refusedAs("INTROUVABLE"),
    ); // not dispatched yet
    expect(orRefusal(await getRequest(director53, itac53)).reference).toBe("ITAC-053-001");
  });

  it("refuses, with a clear message and no change, an event the request cannot take in its state", async () => {
    const before = await prisma.workflowEvent.count();
    const result = await actOnRequest(director53, itac53, { type: "VALIDER" });
    expect(result).toMatchObject({
      ok: false,
      code: "REFUSE",
      message:
        "L'action « Valider les fichiers » n'est pas possible dans l'état actuel du dossier (Demandée, en attente d'envoi).",
    });
    expect(await prisma.workflowEvent.count()).toBe(before);
  });

  it("runs a dispatch missed during downtime once on restart, routes OPALES by centre and holds back an unassigned département", async () => {
    await ensureSchedules(new Date("2026-11-02T09:00:00Z"));
    const job = await prisma.scheduledJob.findUniqueOrThrow({
      where: { idempotencyKey: "reprise.envoi-mensuel:2026-11" },
    });
    expect(job.dueAt.toISOString()).toBe("2026-11-25T08:00:00.000Z");
    // The server was down at 09:00 on the 25th; it restarts at 11:00 the same day, so the list
    // is not late (a later restart is a catch-up list: late-dispatch.server.test.ts). Two workers tick at once.
    at("2026-11-25T10:00:00Z");
    await Promise.all([runDueJobs(), runDueJobs()]);
    await runDueJobs(); // each list's package, a job of its own once the dispatch committed
    const campaigns = await prisma.repriseCampaign.findMany({ include: { items: true } });
    expect(campaigns.map((c) => [c.application, c.month, c.items.length]).sort()).toEqual([
      ["ITAC", "2026-11", 1],
      ["OPALES", "2026-11", 2],
    ]);
    expect(
      (
        await prisma.scheduledJob.findUniqueOrThrow({ where: { idempotencyKey: "reprise.envoi-mensuel:2026-12" } })
      ).dueAt.toISOString(),
    ).toBe("2026-12-24T08:00:00.000Z");
    // Guyane (973) has no OPALES centre in the circulaire: its request waits, the coordinator is told.
    expect(orRefusal(await getRequest(coordinator, opales973)).workflow.status).toBe("demandee");
    expect(await prisma.outboxMail.count({ where: { subject: { contains: "demandes non envoyées" } } })).toBe(1);
    // Each centre sees its share only.
    expect(orRefusal(await listRequests(rennes)).map((r) => r.id)).toEqual([opales53]);
    expect(orRefusal(await listRequests(versailles)).map((r) => r.id)).toEqual([opales80]);
    expect(orRefusal(await listRequests(dagemo)).map((r) => r.id)).toEqual([itac53]);
  });

  it("sends the package: the XLSX opens and holds the prioritised rows; each centre gets its share", async () => {
    const mails = await prisma.outboxMail.findMany({
      where: { template: "reprise.liste-mensuelle" },
      include: { attachments: true },
    });
    const byTo: Record<string, (typeof mails)[number]> = Object.fromEntries(
      mails.map((m) => [JSON.parse(m.toAddresses).sort().join(","), m]),
    );
    expect(Object.keys(byTo).sort()).toEqual([
      "itac@dagemo.example,reprises-itac@dagemo.example",
      "opales-rennes@men-stsi.example,rennes@men-stsi.example",
      "opales-versailles@men-stsi.example,versailles@men-stsi.example",
      "reprises-opales@men-stsi.example",
    ]);
    const rennesMail = byTo["opales-rennes@men-stsi.example,rennes@men-stsi.example"];
    expect(rennesMail.attachments.map((a) => a.filename).sort()).toEqual(packageFilenames("OPALES-2026-11-rennes"));
    const xlsx = byTo["reprises-opales@men-stsi.example"].attachments.find(
      (a) => a.filename === "liste-priorisee-OPALES-2026-11.xlsx",
    )!;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx.content) as never);
    const sheet = workbook.worksheets[0];
    const rows = sheet
      .getSheetValues()
      .filter(Boolean)
      .map((row) => (row as unknown[]).slice(1, 5));
    expect(rows).toEqual([
      ["Priorité", "Référence", "Département", "MDPH"],
      [1, "OPALES-053-001", "53", "MDPH de la Mayenne"],
      [2, "OPALES-080-001", "80", "MDPH de la Somme"],
    ]);
  });

  it("refuses a second early dispatch of the same month", async () => {
    at("2026-12-01T09:00:00Z");
    const first = await dispatchEarly(coordinator, "ITAC");
    expect(first).toMatchObject({ ok: true, sent: 1 });
    const second = await dispatchEarly(coordinator, "ITAC");
    expect(second).toMatchObject({ ok: false, code: "DEJA_ENVOYEE" });
    // The request was carried over into December's list (not answered in November).
    const item = await prisma.repriseCampaignItem.findFirstOrThrow({
      where: { requestId: itac53, campaign: { month: "2026-12" } },
    });
    expect(item.carriedOver).toBe(true);
    await expect(dispatchEarly(director53, "ITAC")).resolves.toMatchObject({ ok: false, code: "INTERDIT" });
  });

  it("goes through dates, shipment, reception and tacit acceptance after 15 working days with holidays in the window", async () => {
    at("2026-12-02T09:00:00Z");
    expect(await actOnRequest(dagemo, itac53, { type: "CONFIRMER_DATE" })).toMatchObject({ ok: true, status: "datee" });
    at("2026-12-10T09:00:00Z");
    expect(await actOnRequest(dagemo, itac53, { type: "EXTRAIRE", date: "2026-12-10" })).toMatchObject({ ok: true });
    expect(
      await actOnRequest(dagemo, itac53, { type: "EXPEDIER", medium: "Clé USB", date: "2026-12-10", reference: "R1" }),
    ).toMatchObject({
      ok: false,
      code: "INVALIDE",
      errors: { medium: "Choisissez le support d'expédition : CD-ROM ou DVD." },
    });
    expect(
      await actOnRequest(dagemo, itac53, { type: "EXPEDIER", medium: "DVD", date: "2026-12-11", reference: "R1" }),
    ).toMatchObject({ ok: false, errors: { date: "La date d'expédition ne peut pas être dans le futur." } });
    expect(await actOnRequest(dagemo, itac53, SHIPPED_ON_DVD)).toMatchObject({ ok: true, status: "expediee" });
    at("2026-12-14T09:00:00Z");
    await expect(actOnRequest(dagemo, itac53, { type: "RECEPTIONNER", date: "2026-12-14" })).resolves.toMatchObject(
      refusedAs("INTERDIT"),
    );
    expect(await actOnRequest(director53, itac53, { type: "RECEPTIONNER", date: "2026-12-14" })).toMatchObject({
      ok: true,
      status: "enValidation",
    });
    const request = orRefusal(await getRequest(director53, itac53));
    expect(request.context.validationDeadline).toBe("2027-01-06");
    // Nothing happens on the last day of the window…
    at("2027-01-06T20:00:00Z");
    await runDueJobs();
    expect(orRefusal(await getRequest(director53, itac53)).workflow.status).toBe("enValidation");
    // …and the request is accepted tacitly at midnight.
    at("2027-01-07T00:30:00+01:00");
    await runDueJobs();
    const accepted = orRefusal(await getRequest(director53, itac53));
    expect(accepted.workflow.status).toBe("acceptee");
    expect(accepted.context.acceptance).toBe("tacite");
    expect(accepted.timeline.at(-1)).toMatchObject({
      eventLabel: "Fin du délai de validation",
      actorLabel: "Planificateur",
      toLabel: "Acceptée",
    });
    const told = await prisma.outboxMail.findFirstOrThrow({
      where: { template: "reprise.acceptation", relatedId: itac53 },
    });
    expect(JSON.parse(told.toAddresses)).toEqual(
      expect.arrayContaining(["dir53@mdph.example", "paul.martin@mdph.example"]),
    );
  });

  it("sends a request with a technical non-conformity back into planning as a replay", async () => {
    const act = (who: SessionUser, event: Parameters<typeof actOnRequest>[2]) => actOnRequest(who, opales53, event);
    at("2027-01-08T09:00:00Z");
    // December's list carried the OPALES requests over (no answer in November).
    expect(orRefusal(await getRequest(rennes, opales53)).context).toMatchObject({
      campaignMonth: "2026-12",
      dispatchCount: 2,
    });
    expect(await act(rennes, { type: "CONFIRMER_DATE" })).toMatchObject(refusedAs("REFUSE")); // the desired date has passed
    expect(
      await act(rennes, { type: "PROPOSER_DATE", date: "2027-01-12", comment: "Première date libre" }),
    ).toMatchObject({ ok: true, status: "contreProposition" });
    await expect(act(rennes, { type: "FIXER_DATE", date: "2027-01-12" })).resolves.toMatchObject(refusedAs("INTERDIT"));
    expect(await act(coordinator, { type: "FIXER_DATE", date: "2027-01-12" })).toMatchObject({
      ok: true,
      status: "datee",
    });
    at("2027-01-12T09:00:00Z");
    await expect(act(versailles, { type: "EXTRAIRE", date: "2027-01-12" })).resolves.toMatchObject(
      refusedAs("INTROUVABLE"),
    );
    expect(await act(rennes, { type: "EXTRAIRE", date: "2027-01-12" })).toMatchObject({ ok: true });
    expect(await act(rennes, shipment("2027-01-12", "Clé USB", "RAR 77"))).toMatchObject({ ok: true });
    expect(
      await act(coordinator, { type: "ENVOYER_MOT_DE_PASSE", date: "2027-01-12", reference: "RAR 78" }),
    ).toMatchObject({ ok: true, status: "expediee" });
    at("2027-01-14T09:00:00Z");
    expect(await act(director53, { type: "RECEPTIONNER", date: "2027-01-14" })).toMatchObject({ ok: true });
    expect(
      await act(director53, { type: "SIGNALER_NON_CONFORMITE", text: "Archive chiffrée illisible" }),
    ).toMatchObject({ ok: true, status: "demandee" });
    const pending = await prisma.scheduledJob.count({
      where: { status: "PENDING", idempotencyKey: { startsWith: "reprise.echeance-validation:" } },
    });
    expect(pending).toBe(0);
    // January's list carries it again, flagged as a replay.
    at("2027-01-25T09:00:00Z");
    await runDueJobs();
    const item = await prisma.repriseCampaignItem.findFirstOrThrow({
      where: { requestId: opales53, campaign: { month: "2027-01" } },
    });
    expect(item).toMatchObject({ replay: true, carriedOver: false, centre: "RENNES" });
  });

  it("board shows a carried-over request and the unassigned départements", async () => {
    const board = await dispatchBoard();
    expect(board.unassigned.map((d) => d.code)).toEqual(["973", "976"]);
  });
});
