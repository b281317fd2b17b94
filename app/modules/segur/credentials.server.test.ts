import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/modules/auth/session.server";
import { deliverDueMails } from "~/modules/mail/sender.server";
import { runDueJobs } from "~/modules/scheduler/worker.server";
import { resetClock, setClock } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { loadReferenceData } from "../../../seeds/reference/load.server";
import { person } from "../../../test/support/people";
import { refusedAs, valueOf } from "../../../test/support/result";
import { segurPilot } from "../../../test/support/segur";
import { useSmtpServer } from "../../../test/support/smtp-fixture";
import { writeSetting } from "~/modules/settings/settings.server";
import {
  EXPIRY_REMINDER_JOB,
  changeCredentialExpiry,
  expiryReminderSetting,
  recordCredential,
} from "./credentials.server";

const smtp = useSmtpServer();
let editor: SessionUser, stranger: SessionUser;
let pilotId: string, legalEntityId: string, keeperId: string;

/** Runs the worker and the mail sender at `iso` (UTC); the mails that left, from the SMTP server. */
async function at(iso: string) {
  setClock(new Date(iso), { frozen: true });
  const before = smtp.server.messages.length;
  await runDueJobs();
  await deliverDueMails({ transport: smtp.transport });
  return smtp.server.messages.slice(before);
}

const remindersOf = (credentialId: string) =>
  prisma.scheduledJob.findMany({
    where: { kind: EXPIRY_REMINDER_JOB, idempotencyKey: { contains: credentialId } },
    select: { status: true, dueAt: true, idempotencyKey: true },
    orderBy: { dueAt: "asc" },
  });

/** A SIGN certificate of the pilot's legal entity, its password kept by the technical administrator. */
const recordSign = (issuedOn: string, replacesId: string | null = null) =>
  recordCredential(editor, pilotId, { kind: "SIGN", legalEntityId, passwordKeeperId: keeperId, issuedOn, replacesId });

beforeAll(async () => {
  setClock(new Date("2026-12-01T09:00:00Z"), { frozen: true });
  await loadReferenceData();
  ({ pilotId, legalEntityId } = await segurPilot("pe-acsea", {
    organisationCode: "acsea",
    serviceEmail: "si@acsea.example",
  }));
  await segurPilot("autre", { organisationCode: "autre" });
  keeperId = (
    await prisma.designatedPerson.create({
      data: {
        legalEntityId,
        role: "ADMINISTRATEUR_TECHNIQUE",
        firstName: "Tom",
        lastName: "Tech",
        email: "tom@acsea.example",
      },
    })
  ).id;
  editor = await person("pilote@acsea.example", "acsea", ["PILOTE_SEGUR"]);
  stranger = await person("pilote@autre.example", "autre", ["PILOTE_SEGUR"]);
});

afterAll(() => resetClock());

describe("certificates and their expiry reminders", () => {
  let certificateId: string;

  it("records an AUTH_CLI certificate valid three years, with who keeps its password, and refuses strangers", async () => {
    const input = {
      kind: "AUTH_CLI" as const,
      legalEntityId,
      passwordKeeperId: keeperId,
      issuedOn: "2026-01-10",
      reference: "AC-1",
    };
    expect(await recordCredential(stranger, pilotId, input)).toMatchObject(refusedAs("INTROUVABLE"));
    expect(await recordCredential(editor, pilotId, { ...input, passwordKeeperId: null })).toMatchObject({
      ...refusedAs("INVALIDE"),
      errors: { passwordKeeperId: "Indiquez la personne désignée qui garde le mot de passe." },
    });
    const recorded = valueOf(await recordCredential(editor, pilotId, input));
    certificateId = recorded.id;
    expect(recorded.expiresOn).toBe("2029-01-10");
    // 90, 30 and 7 days before, 08:00 in Paris (summer time in October, winter time in December).
    expect((await remindersOf(certificateId)).map((j) => [j.status, j.dueAt.toISOString()])).toEqual([
      ["PENDING", "2028-10-12T06:00:00.000Z"],
      ["PENDING", "2028-12-11T07:00:00.000Z"],
      ["PENDING", "2029-01-03T07:00:00.000Z"],
    ]);
  });

  it("sends the 30-day reminder on the right Paris day to the service address and the password keeper, once", async () => {
    expect(await at("2028-10-12T06:00:00Z")).toHaveLength(1);
    expect(await at("2028-12-11T06:59:00Z")).toEqual([]);
    const sent = await at("2028-12-11T07:00:00Z");
    expect(sent).toHaveLength(1);
    expect(sent[0].to.sort()).toEqual(["si@acsea.example", "tom@acsea.example"]);
    expect(sent[0].subject).toContain("expire le");
    expect(sent[0].text).toContain("dans 30 jours");
    expect(await at("2028-12-11T07:05:00Z")).toEqual([]);
  });

  it("sends a reminder the worker missed once when it comes back, never twice", async () => {
    const job = (await remindersOf(certificateId)).find((j) => j.idempotencyKey.endsWith(":7"))!;
    // The worker was down on the 3rd of January; it comes back two days later and runs twice.
    const late = await at("2029-01-05T10:00:00Z");
    expect(late.map((m) => m.text?.includes("dans 7 jours"))).toEqual([true]);
    // A second run of the same job (a retry after a crash past the commit) queues no second mail.
    await prisma.scheduledJob.update({ where: { idempotencyKey: job.idempotencyKey }, data: { status: "PENDING" } });
    expect(await at("2029-01-05T10:01:00Z")).toEqual([]);
  });

  it("reschedules when the expiry changes, and cancels the old reminders when the credential is replaced", async () => {
    setClock(new Date("2026-12-01T09:00:00Z"), { frozen: true });
    const { id } = valueOf(await recordSign("2026-02-01"));
    valueOf(await changeCredentialExpiry(editor, pilotId, id, "2028-06-30"));
    const changed = await remindersOf(id);
    expect(changed.filter((j) => j.status === "CANCELLED")).toHaveLength(3);
    expect(changed.filter((j) => j.status === "PENDING").map((j) => j.idempotencyKey)).toEqual([
      `${EXPIRY_REMINDER_JOB}:${id}:2028-06-30:90`,
      `${EXPIRY_REMINDER_JOB}:${id}:2028-06-30:30`,
      `${EXPIRY_REMINDER_JOB}:${id}:2028-06-30:7`,
    ]);

    const renewed = valueOf(await recordSign("2026-11-30", id));
    expect((await remindersOf(id)).every((j) => j.status === "CANCELLED")).toBe(true);
    expect((await remindersOf(renewed.id)).map((j) => j.status)).toEqual(["PENDING", "PENDING", "PENDING"]);
    expect(await at("2028-06-01T06:00:00Z")).toEqual([]);
  });

  it("reminds on the days the setting says", async () => {
    setClock(new Date("2026-12-01T09:00:00Z"), { frozen: true });
    expect(await writeSetting(expiryReminderSetting, { daysBefore: [15] }, null)).toMatchObject({ ok: true });
    const { id } = valueOf(
      await recordCredential(editor, pilotId, {
        kind: "CPX",
        legalEntityId,
        holderId: keeperId,
        issuedOn: "2026-03-01",
        expiresOn: "2029-03-01",
      }),
    );
    expect((await remindersOf(id)).map((j) => j.idempotencyKey)).toEqual([
      `${EXPIRY_REMINDER_JOB}:${id}:2029-03-01:15`,
    ]);
    await writeSetting(expiryReminderSetting, expiryReminderSetting.defaultValue, null);
  });
});
