/**
 * The monthly campaign per application: which requests go into the next list, its dispatch
 * to the State services (by the scheduler on the 25th, or early by the coordinator, once per
 * month and application), and the coordinator's board.
 */
import { actorOf, recordAudit, type Actor } from "~/modules/journal/audit.server";
import { applyEventToManyInTransaction } from "~/modules/workflow/engine.server";
import { scheduleJob } from "~/modules/scheduler/jobs.server";
import type { PackagePayload } from "./campaign-package.server";
import { notifyAfterCommit } from "~/modules/workflow/after-commit.server";
import { readSetting } from "~/modules/settings/settings.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { prisma, writeTransaction, type Tx } from "~/utils/db.server";
import { now as clockNow } from "~/utils/clock.server";
import type { Refusal } from "~/utils/result";
import { parisDate } from "~/utils/working-days";
import type { Application } from "../../../workflows/reprise";
import { coordinatorAccess } from "./policy.server";
import { sendRepriseMail } from "./mails.server";
import { dayLabel } from "~/utils/format";
import type { PackageRow } from "./package.server";
import { coordinators } from "./recipients.server";
import { ofMonth, type DispatchSettings, type Month } from "./rules";
import { campaignAnswerDeadline, dispatchDay, isLateDispatch, upcomingDispatchMonth } from "./rules.server";
import { formatDateTime } from "~/utils/format";
import { dispatchSetting } from "./settings.server";
import { field, projected, tagged } from "~/modules/workflow/queries.server";
import { listFlags, REPRISE_JOBS, REPRISE_WORKFLOW } from "./workflow.server";

export const APPLICATIONS: Application[] = ["ITAC", "OPALES"];

/**
 * Requests that month `month`'s list of `application` will carry, in priority order. Not one
 * already in that month's list, nor one whose State answer is still awaited (its deadline not
 * passed): after a catch-up list the next regular one carries only what got no answer in time.
 */
export async function eligible(tx: Tx, application: Application, today: string, month: Month) {
  const rows = await tx.repriseRequest.findMany({
    where: {
      application,
      workflow: {
        type: REPRISE_WORKFLOW,
        AND: [
          tagged("aInscrire"),
          // A binding date still ahead keeps the request out of the lists.
          { NOT: field("finalDate", { gte: today }) },
          { NOT: field("campaignMonth", month) },
          { NOT: { AND: [tagged("attenteEtat"), field("answerDeadline", { gte: today })] } },
        ],
      },
    },
    include: {
      organisation: { select: { name: true, departement: { select: { opalesCentre: true } } } },
      // Why the list carries it (again): the projected counts, never the snapshot (decision 017).
      workflow: {
        select: { status: true, fields: { where: { name: { in: ["dispatchCount", "nonConformityCount"] } } } },
      },
    },
    orderBy: [{ priority: "asc" }, { createdAt: "asc" }],
  });
  return rows.map((row) => ({
    row,
    flags: listFlags(projected({ tags: [], fields: row.workflow.fields }).fields, "next"),
  }));
}

export type DispatchResult =
  | { ok: true; campaignId: string; sent: number; skipped: string[] }
  | { ok: false; code: "DEJA_ENVOYEE"; message: string };

/**
 * Sends month `month`'s list of `application`, once. Runs in its own write transaction, or in
 * the caller's (`tx`, the scheduler's job). Sent after its planned day, it is a catch-up list
 * (decision 014): marked late, answers counted from today, the coordinator told; `missed`
 * names the earlier months whose list never left and that it replaces.
 */
export async function dispatchCampaign({
  application,
  month,
  actor,
  early = false,
  missed = [],
  now = clockNow(),
  tx: outer,
}: {
  application: Application;
  month: Month;
  actor: Actor;
  early?: boolean;
  missed?: Month[];
  now?: Date;
  tx?: Tx;
}): Promise<DispatchResult> {
  const work = async (tx: Tx): Promise<DispatchResult> => {
    const existing = await tx.repriseCampaign.findUnique({ where: { month_application: { month, application } } });
    if (existing) {
      return {
        ok: false,
        code: "DEJA_ENVOYEE",
        message: `La liste ${application} ${ofMonth(month)} a déjà été envoyée le ${formatDateTime(existing.dispatchedAt)} : elle ne part qu'une fois par mois.`,
      };
    }
    const settings = await readSetting(dispatchSetting);
    const today = parisDate(now);
    const late = isLateDispatch(month, today, settings);
    const deadline = campaignAnswerDeadline(application, month, today, settings);
    const campaign = await tx.repriseCampaign.create({
      data: {
        month,
        application,
        dispatchedAt: now,
        dispatchedById: actor?.id ?? null,
        early,
        late,
        answerDeadline: deadline,
      },
    });
    const rows: PackageRow[] = [];
    const skipped: string[] = [];
    const candidates = (await eligible(tx, application, today, month)).map(({ row, flags }) => ({
      row,
      flags,
      centre: application === "OPALES" ? (row.organisation.departement?.opalesCentre ?? null) : null,
    }));
    // An OPALES request whose département has no centre waits; the others take ENVOYER together.
    const sendable = candidates.filter((c) => application !== "OPALES" || c.centre);
    const applied = await applyEventToManyInTransaction(tx, {
      workflowIds: sendable.map((c) => c.row.workflowId),
      event: { type: "ENVOYER", campaignMonth: month, answerDeadline: deadline },
      actor,
      now,
    });
    const outcome = new Map(sendable.map((c, i) => [c.row.id, applied[i]]));
    const items = [];
    for (const { row, flags, centre } of candidates) {
      const result = outcome.get(row.id);
      if (!result) {
        skipped.push(`${row.reference} (${row.organisation.name})`);
        continue;
      }
      if (!result.ok) {
        skipped.push(`${row.reference} (${result.message})`);
        continue;
      }
      const item = { rank: rows.length + 1, ...flags, centre };
      items.push({ campaignId: campaign.id, requestId: row.id, ...item });
      rows.push({
        ...item,
        reference: row.reference,
        departementCode: row.departementCode,
        mdph: row.organisation.name,
        requestDate: row.requestDate,
        desiredDate: row.desiredDate,
        contactName: row.contactName,
        contactFunction: row.contactFunction,
        contactPhone: row.contactPhone,
        contactEmail: row.contactEmail,
        note: row.coordinatorNote,
      });
    }
    if (items.length > 0) await tx.repriseCampaignItem.createMany({ data: items });
    const cnsa = await coordinators(tx);
    // The files and the mails that carry them: a job after this transaction commits.
    if (rows.length > 0) {
      const payload: PackagePayload = {
        campaignId: campaign.id,
        lateNotice: late ? lateNotice(month, missed, settings) : null,
      };
      await scheduleJob(tx, {
        kind: REPRISE_JOBS.listPackage,
        dueAt: now,
        payload,
        idempotencyKey: `${REPRISE_JOBS.listPackage}:${campaign.id}`,
      });
    }
    if (skipped.length > 0) {
      await sendRepriseMail(tx, {
        template: "liste-incomplete",
        to: cnsa,
        subject: `Reprise ${application} : demandes non envoyées dans la liste de ${month}`,
        paragraphs: [
          "Ces demandes n'ont pas pu partir dans la liste du mois. Pour OPALES, rattachez d'abord le département à un centre d'exploitation (Rennes ou Versailles) :",
          skipped.join("\n"),
        ],
        link: { label: "Ouvrir le tableau de bord des reprises", path: "/cnsa/reprises" },
        now,
      });
    }
    if (late) {
      await sendRepriseMail(tx, {
        template: "liste-en-retard",
        to: cnsa,
        subject: `Reprise ${application} : liste ${ofMonth(month)} envoyée en retard, le ${dayLabel(today)}`,
        paragraphs: [
          lateNotice(month, missed, settings),
          rows.length > 0
            ? `Elle porte ${rows.length} demande${rows.length > 1 ? "s" : ""}, chacune une seule fois. Les services de l'État ont jusqu'au ${dayLabel(deadline)} pour répondre : le délai est compté à partir de cet envoi, non de la date prévue.`
            : "Aucune demande n'était à envoyer : rien n'est parti vers les services de l'État.",
          "Les demandes sans réponse dans ce délai seront reportées dans la liste du mois suivant, comme d'habitude. Prévenez si besoin les services de l'État et les MDPH concernées.",
        ],
        link: { label: "Ouvrir le tableau de bord des reprises", path: "/cnsa/reprises" },
        idempotencyKey: `reprise.liste-en-retard:${campaign.id}`,
        now,
      });
    }
    await recordAudit(
      tx,
      {
        actor,
        action: early ? "reprise-envoi-anticipe" : late ? "reprise-envoi-rattrapage" : "reprise-envoi-mensuel",
        entityType: "CampagneReprise",
        entityId: campaign.id,
        data: {
          application,
          month,
          demandes: rows.length,
          nonEnvoyees: skipped,
          ...(late ? { enRetard: true, listesManquees: missed } : {}),
        },
      },
      now,
    );
    return { ok: true, campaignId: campaign.id, sent: rows.length, skipped };
  };
  if (outer) return work(outer);
  const result = await writeTransaction(work);
  if (result.ok) notifyAfterCommit();
  return result;
}

/** Why a list leaves late, for the State services and the coordinator alike. */
function lateNotice(month: Month, missed: Month[], settings: DispatchSettings) {
  const names = missed.map(ofMonth);
  const listed = names.length > 1 ? `${names.slice(0, -1).join(", ")} et ${names.at(-1)}` : names.join("");
  const replaced =
    missed.length > 0
      ? ` Elle remplace aussi ${missed.length > 1 ? "les listes" : "la liste"} ${listed}, qui n'${missed.length > 1 ? "ont" : "a"} jamais été envoyée${missed.length > 1 ? "s" : ""} : une seule liste de rattrapage part, chaque demande n'y figure qu'une fois.`
      : "";
  return `Cette liste part en retard : elle devait partir le ${dayLabel(dispatchDay(month, settings))}, mais Passerelles était indisponible.${replaced}`;
}

/** The coordinator sends a list before the 25th; the scheduled dispatch then skips it. */
export async function dispatchEarly(user: SessionUser, application: Application): Promise<DispatchResult | Refusal> {
  const allowed = coordinatorAccess(user);
  if (!allowed.ok) return allowed;
  const now = clockNow();
  const month = upcomingDispatchMonth(now, await readSetting(dispatchSetting));
  return dispatchCampaign({ application, month, actor: actorOf(user), early: true, now });
}

export async function getCampaignFile(
  campaignId: string,
  fileId: string,
  filter: { application?: Application; scope: string },
) {
  return prisma.repriseCampaignFile.findFirst({
    where: {
      id: fileId,
      campaignId,
      scope: filter.scope,
      campaign: filter.application ? { application: filter.application } : {},
    },
  });
}
