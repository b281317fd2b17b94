import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { resetClock, setClock } from "~/utils/clock.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { runDueJobs } from "~/modules/scheduler/worker.server";
import { ensureSchedules } from "~/composition.server";
import { bodyOf, callRoute, statusOf } from "../../../test/support/routes";
import { repriseCast } from "../../../test/support/people";
import { loadReferenceData } from "../../../seeds/reference/load.server";
import { action as requestAction } from "../../routes/reprises.$id";
import { actOnRequest, recordSignature } from "./request-commands.server";
import { getRequest } from "./requests.server";
import { SHIPPED_ON_DVD, signAndSubmit } from "../../../test/support/reprise-requests";
import { REPRISE_JOBS } from "./workflow.server";
import { orRefusal } from "~/utils/intent.server";

/**
 * Deadlines that are already past when they are scheduled, or that fall due while the server
 * is down, run at once; reminders whose moment has passed are recorded as dropped (decision 014).
 */
const at = (iso: string) => setClock(new Date(iso), { frozen: true });
const jobsOf = (kind: string) => prisma.scheduledJob.findMany({ where: { kind }, orderBy: { dueAt: "asc" } });
const mails = (template: string) => prisma.outboxMail.findMany({ where: { template }, orderBy: { createdAt: "asc" } });

let coordinator: SessionUser, director53: SessionUser, director80: SessionUser, dagemo: SessionUser;
let itac53 = "";

/** The director records the reception of itac53's files through the page, at the request's current row version. */
async function receive(fields: Record<string, string>) {
  const version = orRefusal(await getRequest(director53, itac53)).workflow.rowVersion;
  return callRoute(
    requestAction,
    director53,
    `/reprises/${itac53}`,
    { id: itac53 },
    { intent: "RECEPTIONNER", rowVersion: String(version), ...fields },
  );
}

beforeAll(async () => {
  at("2026-11-02T09:00:00Z");
  await loadReferenceData();
  ({ coordinator, director53, director80, dagemo } = await repriseCast());
  await ensureSchedules(new Date("2026-11-02T09:00:00Z"));
});
afterAll(() => resetClock());

describe("reprise deadlines that are already past", () => {
  it("a signature recorded after its request deadline tells the CNSA at once and records its reminders as dropped, not sent", async () => {
    // Signed on 10 September: the request was due by 31 October, already past on 2 November.
    expect(
      await recordSignature(director80, {
        application: "ITAC",
        signedOn: "2026-09-10",
        signatoryName: "Julien Lefèvre",
        signatoryFunction: "Directeur",
        designatedByCommission: "oui",
      }),
    ).toMatchObject({ ok: true });
    await runDueJobs();
    const overdue = await jobsOf(REPRISE_JOBS.signatureOverdue);
    expect(overdue.map((j) => j.status)).toEqual(["DONE"]);
    const told = await mails("reprise.signature-sans-demande");
    expect(told).toHaveLength(1);
    expect(JSON.parse(told[0].toAddresses)).toEqual(
      expect.arrayContaining(["coord@cnsa.example", "dir80@mdph.example"]),
    );
    const reminders = await jobsOf(REPRISE_JOBS.signatureReminder);
    expect(reminders.map((j) => j.status)).toEqual(["DROPPED", "DROPPED"]);
    expect(reminders[0].lastError).toContain("Rappel non envoyé");
    expect(await mails("reprise.rappel-signature")).toEqual([]);
  });

  it("after a downtime across the State service's answer deadline, the overdue notice leaves at restart and the missed reminder is dropped", async () => {
    itac53 = await signAndSubmit(director53, {
      signedOn: "2026-10-20",
      signatoryName: "Claire Moreau",
      requestDate: "2026-11-02",
      desiredDate: "2026-12-10",
    });
    at("2026-11-25T08:00:30Z");
    await runDueJobs();
    expect(orRefusal(await getRequest(coordinator, itac53)).context.answerDeadline).toBe("2026-11-30");
    // Down from the 26th to 3 December: the reminder (28th) and the overdue notice (1st) fell due meanwhile.
    at("2026-12-03T09:00:00Z");
    await runDueJobs();
    expect((await jobsOf(REPRISE_JOBS.answerReminder)).map((j) => j.status)).toEqual(["DROPPED"]);
    expect(await mails("reprise.rappel-reponse")).toEqual([]);
    expect((await jobsOf(REPRISE_JOBS.answerOverdue)).map((j) => j.status)).toEqual(["DONE"]);
    const late = await mails("reprise.reponse-en-retard");
    expect(late).toHaveLength(1);
    expect(late[0].textBody).toContain("la réponse était attendue le 30 novembre 2026");
  });

  it("asks the director to confirm a reception date whose validation window is already over, keeping the date typed, and records nothing until then", async () => {
    expect(await actOnRequest(dagemo, itac53, { type: "CONFIRMER_DATE" })).toMatchObject({ ok: true, status: "datee" });
    at("2026-12-10T09:00:00Z");
    expect(await actOnRequest(dagemo, itac53, { type: "EXTRAIRE", date: "2026-12-10" })).toMatchObject({ ok: true });
    expect(await actOnRequest(dagemo, itac53, SHIPPED_ON_DVD)).toMatchObject({ ok: true, status: "expediee" });
    // The director records on 20 January a reception of 14 December: the window ended on 6 January.
    at("2027-01-20T10:00:00Z");
    const events = await prisma.workflowEvent.count();
    const asked = await receive({ date: "2026-12-14" });
    expect(statusOf(asked)).toBe(422);
    expect(bodyOf(asked)).toMatchObject({
      intent: "RECEPTIONNER",
      confirm: "2026-12-14",
      values: { date: "2026-12-14" },
      errors: {
        date: expect.stringContaining(
          "le délai de validation de 15 jours ouvrés s'est terminé le 6 janvier 2027 : les fichiers seront acceptés tacitement dès l'enregistrement",
        ),
      },
    });
    // A confirmation holds for the date confirmed, not for another one typed afterwards.
    const other = await receive({ date: "2026-12-15", confirmationReception: "2026-12-14" });
    expect(statusOf(other)).toBe(422);
    expect(bodyOf(other)).toMatchObject({ confirm: "2026-12-15", values: { date: "2026-12-15" } });
    expect(await prisma.workflowEvent.count()).toBe(events);
    expect(orRefusal(await getRequest(director53, itac53)).workflow.status).toBe("expediee");
  });

  it("once confirmed, the files are accepted tacitly at once, with the reception and acceptance mails and the dropped reminders recorded", async () => {
    const done = await receive({ date: "2026-12-14", confirmationReception: "2026-12-14" });
    expect(done).toBeInstanceOf(Response);
    expect((done as Response).headers.get("Location")).toBe(`/reprises/${itac53}?fait=RECEPTIONNER`);
    await runDueJobs();
    const accepted = orRefusal(await getRequest(director53, itac53));
    expect(accepted.workflow.status).toBe("acceptee");
    expect(accepted.context).toMatchObject({
      receivedOn: "2026-12-14",
      validationDeadline: "2027-01-06",
      acceptance: "tacite",
      acceptedOn: "2027-01-20",
    });
    expect(accepted.timeline.at(-1)).toMatchObject({
      eventLabel: "Fin du délai de validation",
      actorLabel: "Planificateur",
      toLabel: "Acceptée",
    });
    const [reception] = await mails("reprise.reception");
    expect(reception.textBody).toContain(
      "s'est terminé le 6 janvier 2027 : faute de réclamation dans ce délai, les fichiers sont réputés conformes et acceptés tacitement",
    );
    const [acceptance] = await mails("reprise.acceptation");
    expect(acceptance.subject).toContain("Fichiers acceptés tacitement");
    expect(JSON.parse(acceptance.toAddresses)).toEqual(
      expect.arrayContaining(["dir53@mdph.example", "paul.martin@mdph.example"]),
    );
    expect((await jobsOf(REPRISE_JOBS.validationReminder)).map((j) => j.status)).toEqual(["DROPPED", "DROPPED"]);
    expect(await mails("reprise.rappel-validation")).toEqual([]);
  });
});
