/**
 * The RFC cycles' scheduled work. Each handler re-checks the cycle inside its transaction:
 * a reminder or a close job for a deadline that has moved, or for a cycle no longer open,
 * does nothing. The daily digest is a recurring job at the configured Paris hour.
 */
import { storedWorkflow } from "~/modules/workflow/queries.server";
import { SESSION_USER_SELECT, toSessionUser, type SessionUser } from "~/modules/auth/session.server";
import { rfcAccessFrom, rfcFacts, steeringOrganisationIds } from "~/modules/groups/policy.server";
import { scheduleJob } from "~/modules/scheduler/jobs.server";
import { defineJobs } from "~/modules/scheduler/registry.server";
import { readSetting } from "~/modules/settings/settings.server";
import { applyEventInTransaction } from "~/modules/workflow/engine.server";
import { writeTransaction, type Tx } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { addCalendarDays, parisDate, parisInstant } from "~/utils/working-days";
import { COMMENT_KIND_LABELS, type CommentKind } from "./labels";
import { instantLabel, rfcMails, sendRfcMails } from "./mails.server";
import { enqueueMails, type NewMail } from "~/modules/mail/outbox.server";
import { peopleOfOrganisations } from "./recipients.server";
import { answeredOrganisationIds } from "./versions.server";
import { digestSetting } from "./settings.server";
import { cycleContext, RFC_JOBS, versionPath } from "./workflow.server";

const DAY_MS = 86_400_000;

async function cycleAt(tx: Tx, workflowId: string) {
  const version = await tx.rfcVersion.findUnique({
    where: { workflowId },
    include: { rfc: true, workflow: { select: { status: true, ...storedWorkflow } } },
  });
  if (!version) return null;
  return { version, status: version.workflow.status, context: cycleContext(version.workflow) };
}

/** Invited organisations that have not answered (no live top-level comment of theirs on the version). */
export async function silentOrganisationIds(tx: Tx, versionId: string) {
  const [invitations, answered] = await Promise.all([
    tx.rfcInvitation.findMany({ where: { versionId }, select: { organisationId: true } }),
    answeredOrganisationIds(tx, versionId),
  ]);
  return invitations.map((i) => i.organisationId).filter((id) => !answered.has(id));
}

const digestKey = (day: string) => `${RFC_JOBS.digest}:${day}`;

/** Makes sure the digest of `day` is scheduled at the configured hour; a changed hour moves it. */
export async function scheduleDigest(tx: Tx, day: string) {
  const { hour } = await readSetting(digestSetting);
  const dueAt = parisInstant(day, hour);
  await scheduleJob(tx, { kind: RFC_JOBS.digest, dueAt, payload: { day }, idempotencyKey: digestKey(day) });
  await tx.scheduledJob.updateMany({ where: { idempotencyKey: digestKey(day), status: "PENDING" }, data: { dueAt } });
}

/** The next digest day from `now`: today if its hour is still ahead, otherwise tomorrow. */
export async function nextDigestDay(tx: Tx, now: Date) {
  const { hour } = await readSetting(digestSetting);
  const today = parisDate(now);
  return parisInstant(today, hour) > now ? today : addCalendarDays(today, 1);
}

export async function ensureRfcSchedules(now: Date) {
  await writeTransaction(async (tx) => {
    const pending = await tx.scheduledJob.findFirst({ where: { kind: RFC_JOBS.digest, status: "PENDING" } });
    if (pending) {
      // Keep the pending day, at the hour now configured.
      await scheduleDigest(tx, (JSON.parse(pending.payload) as { day: string }).day);
    } else {
      await scheduleDigest(tx, await nextDigestDay(tx, now));
    }
  });
}

/** The people who opted in to the digest, as the access rules see them. */
async function digestReaders(tx: Tx): Promise<SessionUser[]> {
  const users = await tx.user.findMany({
    where: { rfcDigest: true, active: true, passwordHash: { not: null }, organisation: { active: true } },
    select: SESSION_USER_SELECT,
  });
  return users.map(toSessionUser);
}

const excerpt = (text: string, max = 240) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** One mail per opted-in person listing the comments of [from, to) on the cycles they may read. */
export async function sendDigest(tx: Tx, from: Date, to: Date, day: string, now: Date) {
  const comments = await tx.rfcComment.findMany({
    where: { createdAt: { gte: from, lt: to }, deletedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: {
      organisation: { select: { name: true } },
      author: { select: { firstName: true, lastName: true } },
      version: { select: { number: true, rfc: { select: { id: true, number: true, title: true } } } },
    },
  });
  if (comments.length === 0) return 0;
  const rfcIds = [...new Set(comments.map((c) => c.version.rfc.id))];
  // The access facts are loaded once; the rule is then applied to each reader in memory.
  const [facts, steering] = await Promise.all([rfcFacts(rfcIds), steeringOrganisationIds()]);
  let sent = 0;
  const mails: NewMail[] = [];
  for (const reader of await digestReaders(tx)) {
    const readable = new Set(rfcIds.filter((id) => rfcAccessFrom(reader, facts.get(id)!, steering).read));
    const mine = comments.filter((c) => readable.has(c.version.rfc.id) && c.authorId !== reader.id);
    if (mine.length === 0) continue;
    const groups = new Map<string, typeof mine>();
    for (const c of mine) {
      const key = `${c.version.rfc.number}|${c.version.number}`;
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    const paragraphs = [
      `${mine.length === 1 ? "1 nouveau commentaire a été déposé" : `${mine.length} nouveaux commentaires ont été déposés`} depuis le ${instantLabel(
        from,
      )} sur les appels à commentaires que vous suivez.`,
    ];
    for (const list of groups.values()) {
      const { rfc, number } = list[0].version;
      paragraphs.push(
        [
          `${rfc.number} — ${rfc.title} (version ${number}) :`,
          ...list.map(
            (c) =>
              `• ${c.organisation.name}, ${c.author.firstName} ${c.author.lastName}${c.kind ? ` (${COMMENT_KIND_LABELS[c.kind as CommentKind] ?? c.kind})` : " (réponse)"}${
                c.anchorQuote ? ` sur « ${excerpt(c.anchorQuote, 80)} »` : ""
              } : ${excerpt(c.body)}`,
          ),
          `Lire : ${env().appUrl}${versionPath(rfc.number, number)}`,
        ].join("\n"),
      );
    }
    paragraphs.push(
      "Vous recevez ce récapitulatif parce que vous l'avez demandé. Pour ne plus le recevoir : Mon compte, puis Notifications.",
    );
    mails.push(
      ...rfcMails({
        template: "recapitulatif",
        to: [reader.email],
        subject: `Récapitulatif des commentaires : ${mine.length === 1 ? "1 nouveau commentaire" : `${mine.length} nouveaux commentaires`}`,
        paragraphs,
        link: { label: "Voir les appels à commentaires", path: "/rfc" },
        key: `${RFC_JOBS.digest}:${day}:${reader.id}`,
      }),
    );
    sent += 1;
  }
  // Every reader's digest in one batch: the job holds the write lock briefly.
  await enqueueMails(tx, mails, () => now);
  return sent;
}

export const rfcJobs = defineJobs((job) => {
  job(RFC_JOBS.reminder, "reminder", async (tx, payload, { now }) => {
    const { workflowId, deadline, days } = payload as { workflowId: string; deadline: string; days: number };
    const found = await cycleAt(tx, workflowId);
    if (!found || found.status !== "ouvert" || found.context.deadline !== deadline || now.toISOString() >= deadline)
      return;
    const silent = await silentOrganisationIds(tx, found.version.id);
    const { version } = found;
    await sendRfcMails(tx, {
      template: "rappel",
      to: await peopleOfOrganisations(tx, silent),
      subject: `Rappel : commentaires attendus avant le ${instantLabel(deadline)}`,
      paragraphs: [
        `Votre organisation est invitée à commenter « ${version.rfc.title} » (${version.rfc.number}, version ${version.number}) et n'a pas encore répondu.`,
        `Le cycle se clôt le ${instantLabel(
          deadline,
        )} (heure de Paris) ; après cette échéance, plus aucun commentaire n'est accepté. Si votre organisation n'a rien à ajouter, un commentaire de soutien suffit.`,
      ],
      rfc: { id: version.rfc.id, number: version.rfc.number, title: version.rfc.title },
      link: { label: "Lire et commenter", path: versionPath(version.rfc.number, version.number) },
      key: `${RFC_JOBS.reminder}:${version.id}:${deadline}:${days}`,
      now,
    });
  });

  job(RFC_JOBS.close, "deadline", async (tx, payload, { now }) => {
    const { workflowId, deadline } = payload as { workflowId: string; deadline: string };
    const found = await cycleAt(tx, workflowId);
    // Extended or already closed: the job of the current deadline does it.
    if (!found || found.status !== "ouvert" || found.context.deadline !== deadline) return;
    await applyEventInTransaction(tx, { workflowId, event: { type: "ECHEANCE" }, actor: null, now });
  });

  job(RFC_JOBS.digest, "routine", async (tx, payload, { now, job }) => {
    const { day } = payload as { day: string };
    const to = job.dueAt;
    await sendDigest(tx, new Date(to.getTime() - DAY_MS), to, day, now);
    await scheduleDigest(tx, addCalendarDays(day, 1));
  });
});
