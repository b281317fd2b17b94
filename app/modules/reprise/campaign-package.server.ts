/**
 * A monthly list's package (docs/decisions/030-dispatch-package-after-commit.md): the XLSX, CSV and PDF files of each
 * share (the whole list, and each OPALES centre's part) and the mails that carry them, written by
 * a job that runs after the dispatch committed, so the dispatch's transaction stays short. The
 * job is idempotent: files already stored for a share are reused, never built twice, and each
 * share's mail has its idempotency key, so a second run (or a run resumed after a crash between
 * building and queueing) queues no second mail.
 */
import { prisma, type Tx } from "~/utils/db.server";
import { dayLabel } from "~/utils/format";
import type { Application } from "../../../workflows/reprise";
import { sendRepriseMail } from "./mails.server";
import { buildPackage, type PackageFile, type PackageRow } from "./package.server";
import { coordinators, serviceRecipients } from "./recipients.server";
import { CENTRE_LABELS, ofMonth, SERVICE_LABELS } from "./rules";
import { LATE_ANSWER_WORKING_DAYS } from "./rules.server";

export type PackagePayload = { campaignId: string; lateNotice: string | null };

const SCOPES = ["TOUT", "RENNES", "VERSAILLES"] as const;

/** The campaign's rows in rank order and the shares that get a package: the whole list, each centre with requests. */
async function sharesOf(campaignId: string) {
  const campaign = await prisma.repriseCampaign.findUnique({
    where: { id: campaignId },
    include: {
      items: {
        orderBy: { rank: "asc" },
        include: { request: { include: { organisation: { select: { name: true } } } } },
      },
      files: { select: { scope: true } },
    },
  });
  if (!campaign) return null;
  const rows: PackageRow[] = campaign.items.map(({ request, ...item }) => ({
    rank: item.rank,
    carriedOver: item.carriedOver,
    replay: item.replay,
    centre: item.centre,
    reference: request.reference,
    departementCode: request.departementCode,
    mdph: request.organisation.name,
    requestDate: request.requestDate,
    desiredDate: request.desiredDate,
    contactName: request.contactName,
    contactFunction: request.contactFunction,
    contactPhone: request.contactPhone,
    contactEmail: request.contactEmail,
    note: request.coordinatorNote,
  }));
  const shares =
    rows.length === 0
      ? []
      : SCOPES.map((scope) => ({
          scope,
          rows: scope === "TOUT" ? rows : rows.filter((r) => r.centre === scope),
        })).filter((share) => share.scope === "TOUT" || (campaign.application === "OPALES" && share.rows.length > 0));
  return { campaign, shares, stored: new Set(campaign.files.map((f) => f.scope)) };
}

/** Builds the files of every share not stored yet (outside any transaction: the worker's `prepare`). */
export async function preparePackage(payload: unknown): Promise<Record<string, PackageFile[]>> {
  const found = await sharesOf((payload as PackagePayload).campaignId);
  const built: Record<string, PackageFile[]> = {};
  if (!found) return built;
  const { campaign, shares, stored } = found;
  for (const share of shares)
    if (!stored.has(share.scope))
      built[share.scope] = await buildPackage(share.rows, {
        application: campaign.application,
        month: campaign.month,
        scope: share.scope,
        generatedAt: campaign.dispatchedAt,
      });
  return built;
}

/**
 * In the job's transaction: stores each share's files unless stored already (built by
 * `prepare`, or here when it did not run), then queues each share's mail with its files.
 */
export async function storeAndSendPackage(
  tx: Tx,
  payload: unknown,
  { now, prepared }: { now: Date; prepared?: unknown },
) {
  const { campaignId, lateNotice } = payload as PackagePayload;
  const found = await sharesOf(campaignId);
  if (!found) return;
  const { campaign, shares, stored } = found;
  const application = campaign.application as Application;
  const built = (prepared ?? {}) as Record<string, PackageFile[] | undefined>;
  const cnsa = await coordinators(tx);
  for (const share of shares) {
    if (!stored.has(share.scope)) {
      const files =
        built[share.scope] ??
        (await buildPackage(share.rows, {
          application,
          month: campaign.month,
          scope: share.scope,
          generatedAt: campaign.dispatchedAt,
        }));
      await tx.repriseCampaignFile.createMany({
        data: files.map((file) => ({
          campaignId,
          scope: share.scope,
          filename: file.filename,
          contentType: file.contentType,
          content: new Uint8Array(file.content),
        })),
      });
    }
    const files = await tx.repriseCampaignFile.findMany({
      where: { campaignId, scope: share.scope },
      orderBy: { id: "asc" },
      select: { filename: true, contentType: true, content: true },
    });
    const to =
      share.scope === "TOUT"
        ? await serviceRecipients(tx, application, null)
        : await serviceRecipients(tx, "OPALES", share.scope, { headOffice: false });
    const where =
      share.scope === "TOUT" ? SERVICE_LABELS[application] : `Centre d'exploitation de ${CENTRE_LABELS[share.scope]}`;
    const { month, late, answerDeadline: deadline } = campaign;
    const count = share.rows.length;
    await sendRepriseMail(tx, {
      template: "liste-mensuelle",
      to,
      cc: cnsa,
      subject: `Reprise ${application} : liste ${ofMonth(month)}${late ? ", envoyée en retard" : ""} (${count} demande${count > 1 ? "s" : ""}) — ${where}`,
      paragraphs: [
        ...(late && lateNotice ? [lateNotice] : []),
        `Vous trouverez ci-joint la liste priorisée des demandes de reprise ${application} que la CNSA vous transmet pour planification le mois suivant, ainsi que le tableau de planification prévisionnelle d'arrêt des services applicatifs (XLSX, CSV et PDF).`,
        `Merci de confirmer ou de proposer une date de mise à disposition pour chaque demande au plus tard le ${dayLabel(deadline)}${late ? ` (${LATE_ANSWER_WORKING_DAYS} jours ouvrés au moins à compter de cet envoi)` : ""}, directement dans Passerelles.`,
        "Seules les listes envoyées par la CNSA sont à prendre en compte.",
      ],
      link: { label: "Voir la liste dans Passerelles", path: `/etat/reprises/campagnes/${campaign.id}` },
      attachments: files.map((file) => ({ ...file, content: Buffer.from(file.content) })),
      idempotencyKey: `reprise.liste:${campaign.id}:${share.scope}`,
      now,
    });
  }
}
