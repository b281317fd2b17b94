import { describe, expect, it } from "vitest";
import { retryFailedMail } from "~/modules/mail/admin.server";
import { retryFailedJob } from "~/modules/scheduler/admin.server";
import { now } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";

const admin = { id: "admin-id", firstName: "Alice", lastName: "Admin" };
const lastAudit = () => prisma.auditEntry.findFirstOrThrow({ orderBy: { seq: "desc" } });

describe("an administrator retrying a failed mail or job", () => {
  it("puts a failed mail back in the outbox with its audit line, and refuses it once it is no longer failed", async () => {
    const mail = await prisma.outboxMail.create({
      data: {
        messageId: "<renvoi@passerelles.test>",
        template: "essai",
        toAddresses: '["a@example.test"]',
        subject: "Relance du groupe",
        textBody: "Texte",
        htmlBody: "<p>Texte</p>",
        status: "FAILED",
        attempts: 8,
        nextAttemptAt: now(),
        createdAt: now(),
      },
    });
    expect(await retryFailedMail(admin, mail.id)).toEqual({ ok: true, value: undefined });
    expect(await prisma.outboxMail.findUniqueOrThrow({ where: { id: mail.id } })).toMatchObject({
      status: "PENDING",
      attempts: 0,
    });
    expect(await lastAudit()).toMatchObject({
      action: "courriel-renvoye",
      entityType: "Courriel",
      entityId: mail.id,
      actorId: admin.id,
      data: JSON.stringify({ objet: "Relance du groupe" }),
    });
    const audits = await prisma.auditEntry.count();
    expect(await retryFailedMail(admin, mail.id)).toEqual({
      ok: false,
      code: "REFUSE",
      message: "Ce courriel n'est plus en échec : il n'y a rien à renvoyer.",
    });
    expect(await prisma.auditEntry.count()).toBe(audits);
  });

  it("puts a failed job back in the queue with its audit line, and refuses it once it is no longer failed", async () => {
    const job = await prisma.scheduledJob.create({
      data: {
        kind: "essai.tache",
        dueAt: now(),
        payload: "{}",
        idempotencyKey: "essai-1",
        status: "FAILED",
        attempts: 8,
      },
    });
    expect(await retryFailedJob(admin, job.id)).toEqual({ ok: true, value: { kind: "essai.tache" } });
    expect(await prisma.scheduledJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
      status: "PENDING",
      attempts: 0,
    });
    expect(await lastAudit()).toMatchObject({
      action: "tache-relancee",
      entityType: "Tache",
      entityId: job.id,
      data: JSON.stringify({ type: "essai.tache" }),
    });
    expect(await retryFailedJob(admin, job.id)).toMatchObject({
      ok: false,
      code: "REFUSE",
      message: "Cette tâche n'est plus en échec : il n'y a rien à relancer.",
    });
  });
});
