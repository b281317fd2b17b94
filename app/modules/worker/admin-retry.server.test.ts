import { describe, expect, it } from "vitest";
import { retryFailedMail } from "~/modules/mail/admin.server";
import { retryFailedJob } from "~/modules/scheduler/admin.server";
import { now } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";

const admin = { id: "admin-id", firstName: "Alice", lastName: "Admin" };
const lastAudit = () => prisma.auditEntry.findFirstOrThrow({ orderBy: { seq: "desc" } });

describe("an administrator retrying a failed mail or job", () => {
  it.each([
    {
      what: "a failed mail back in the outbox",
      failed: () =>
        prisma.outboxMail.create({
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
        }),
      retry: retryFailedMail,
      reread: (id: string) => prisma.outboxMail.findUniqueOrThrow({ where: { id } }),
      retried: undefined,
      audit: {
        action: "courriel-renvoye",
        entityType: "Courriel",
        data: JSON.stringify({ objet: "Relance du groupe" }),
      },
      refusal: "Ce courriel n'est plus en échec : il n'y a rien à renvoyer.",
    },
    {
      what: "a failed job back in the queue",
      failed: () =>
        prisma.scheduledJob.create({
          data: {
            kind: "essai.tache",
            dueAt: now(),
            payload: "{}",
            idempotencyKey: "essai-1",
            status: "FAILED",
            attempts: 8,
          },
        }),
      retry: retryFailedJob,
      reread: (id: string) => prisma.scheduledJob.findUniqueOrThrow({ where: { id } }),
      retried: { kind: "essai.tache" },
      audit: { action: "tache-relancee", entityType: "Tache", data: JSON.stringify({ type: "essai.tache" }) },
      refusal: "Cette tâche n'est plus en échec : il n'y a rien à relancer.",
    },
  ])(
    "puts $what with its audit line, and refuses it once it is no longer failed",
    async ({ failed, retry, reread, retried, audit, refusal }) => {
      const { id } = await failed();
      expect(await retry(admin, id)).toEqual({ ok: true, value: retried });
      expect(await reread(id)).toMatchObject({ status: "PENDING", attempts: 0 });
      expect(await lastAudit()).toMatchObject({ ...audit, entityId: id, actorId: admin.id });
      const audits = await prisma.auditEntry.count();
      expect(await retry(admin, id)).toEqual({ ok: false, code: "REFUSE", message: refusal });
      expect(await prisma.auditEntry.count()).toBe(audits);
    },
  );
});
