/**
 * The monthly lists as the State services (and the coordinator) open them: the lists a service
 * received, one list with its share of requests and files, and the files it may download.
 * Refusals are Results (decision 019): 403 outside the services, 404 for a list or file out of
 * the person's share.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { now as clockNow } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { dayLabel } from "~/utils/format";
import { refusal, success } from "~/utils/result";
import { parisDate } from "~/utils/working-days";
import { projected, projection } from "~/modules/workflow/queries.server";
import { getCampaignFile } from "./campaign.server";
import { receivedCampaignCount, receivedCampaigns } from "./queries/campaigns.server";
import { fileSets, instantLabel, SCOPE_LABELS } from "./labels";
import { campaignAccess, isCoordinator } from "./policy.server";
import { CENTRE_LABELS, monthLabel, nextMonth, ofMonth, type Month } from "./rules";
import { stateBadge } from "./state-badge";

/** A list as the State services' pages show it: its month, dispatch, answer deadline, count and files. */
export function receivedList(c: {
  id: string;
  application: string;
  month: Month;
  dispatchedAt: string;
  early: boolean;
  late: boolean;
  answerDeadline: string;
  count: number;
  files: { id: string; filename: string }[];
}) {
  return {
    id: c.id,
    application: c.application,
    monthLabel: monthLabel(c.month),
    ofMonth: ofMonth(c.month),
    planningMonthLabel: monthLabel(nextMonth(c.month)),
    dispatchedAt: instantLabel(c.dispatchedAt),
    early: c.early,
    late: c.late,
    answerDeadline: dayLabel(c.answerDeadline),
    count: c.count,
    fileSets: fileSets(c.files),
  };
}

/** The lists this service (or centre) received, newest first, with their files; `limit`: the first ones only. */
export async function receivedLists(user: SessionUser, limit?: number) {
  const allowed = campaignAccess(user);
  if (!allowed.ok) return allowed;
  return success((await receivedCampaigns(allowed.value, limit)).map(receivedList));
}

/** How many lists this service (or centre) received. */
export async function receivedListCount(user: SessionUser) {
  const allowed = campaignAccess(user);
  if (!allowed.ok) return allowed;
  return success(await receivedCampaignCount(allowed.value));
}

/** One list as this person may see it: the centre its share, the coordinator every file. */
export async function campaignDetail(user: SessionUser, id: string, today = parisDate(clockNow())) {
  const allowed = campaignAccess(user);
  if (!allowed.ok) return allowed;
  const access = allowed.value;
  const coordinator = isCoordinator(user);
  const campaign = await prisma.repriseCampaign.findFirst({
    where: { id, ...(access.application ? { application: access.application } : {}) },
    include: {
      items: {
        where: access.scope === "TOUT" ? {} : { centre: access.scope },
        orderBy: { rank: "asc" },
        include: {
          request: {
            include: {
              organisation: { select: { name: true } },
              workflow: { select: { status: true, ...projection } },
            },
          },
        },
      },
      files: {
        where: coordinator ? {} : { scope: access.scope },
        select: { id: true, filename: true, scope: true },
        orderBy: [{ scope: "asc" }, { filename: "asc" }],
      },
    },
  });
  // A centre's user does not learn that a list without its share exists.
  if (!campaign || (access.scope !== "TOUT" && campaign.items.length === 0))
    return refusal("INTROUVABLE", "Cette liste est introuvable.");
  const scopes = [...new Set(campaign.files.map((f) => f.scope))].sort((a, b) =>
    a === "TOUT" ? -1 : b === "TOUT" ? 1 : a.localeCompare(b),
  );
  return success({
    id: campaign.id,
    application: campaign.application,
    month: campaign.month,
    monthLabel: monthLabel(campaign.month),
    ofMonth: ofMonth(campaign.month),
    planningMonthLabel: monthLabel(nextMonth(campaign.month)),
    dispatchedAt: instantLabel(campaign.dispatchedAt),
    early: campaign.early,
    late: campaign.late,
    answerDeadline: dayLabel(campaign.answerDeadline),
    answerDeadlinePassed: campaign.answerDeadline < today,
    scopeLabel: access.scope === "TOUT" ? null : CENTRE_LABELS[access.scope],
    items: campaign.items.map((item) => {
      const { tags, fields } = projected(item.request.workflow);
      return {
        id: item.request.id,
        rank: item.rank,
        reference: item.request.reference,
        mdph: item.request.organisation.name,
        departement: item.request.departementCode,
        centre: item.centre ? CENTRE_LABELS[item.centre] : null,
        desiredDate: dayLabel(item.request.desiredDate),
        carriedOver: item.carriedOver,
        replay: item.replay,
        note: item.request.coordinatorNote,
        state: stateBadge(item.request.workflow.status),
        // Only the answer to this list is due from the service; later lists carry their own.
        answerDue: tags.includes("attenteEtat") && fields.campaignMonth === campaign.month,
      };
    }),
    fileGroups: scopes.map((scope) => ({
      scope,
      label: SCOPE_LABELS[scope] ?? scope,
      sets: fileSets(campaign.files.filter((f) => f.scope === scope)),
    })),
  });
}

/** The file of a list this person may download; the coordinator may download every share. */
export async function downloadableFile(user: SessionUser, campaignId: string, fileId: string) {
  const allowed = campaignAccess(user);
  if (!allowed.ok) return allowed;
  const access = allowed.value;
  const scopes = isCoordinator(user) ? ["TOUT", "RENNES", "VERSAILLES"] : [access.scope];
  for (const scope of scopes) {
    const file = await getCampaignFile(campaignId, fileId, { application: access.application, scope });
    if (file) return success(file);
  }
  return refusal("INTROUVABLE", "Ce fichier est introuvable.");
}
