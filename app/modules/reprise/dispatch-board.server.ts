/**
 * The coordinator's read models of the monthly dispatch: the campaign board and home panel,
 * the rows of the next list (for its export), and the preview of the dispatch settings.
 */
import { readSetting } from "~/modules/settings/settings.server";
import { now as clockNow } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { dayLabel, formatDateTime } from "~/utils/format";
import type { Application } from "../../../workflows/reprise";
import { statesTagged } from "~/modules/workflow/queries.server";
import { campaignBoard, listCampaigns } from "./campaign.server";
import { countdownText, instantLabel, weekdayLabel } from "./labels";
import type { PackageRow } from "./package.server";
import {
  CENTRE_LABELS,
  monthLabel,
  nextMonth,
  ofMonth,
  SERVICE_LABELS,
  type DispatchSettings,
  type Month,
} from "./rules";
import { dispatchInstant, upcomingDispatchMonth, shiftReason } from "./rules.server";
import { dispatchSetting } from "./settings.server";
import { stateBadge } from "./state-badge";
import { REPRISE_JOBS, REPRISE_WORKFLOW } from "./workflow.server";

export type CampaignBoard = Awaited<ReturnType<typeof dispatchBoard>>;

/** The coordinator's board: per application, the next dispatch, its list and the alerts. */
export async function dispatchBoard(now = clockNow()) {
  const [board, settings, recent] = await Promise.all([
    campaignBoard(now),
    readSetting(dispatchSetting),
    listCampaigns({ scope: "TOUT" }),
  ]);
  const applications = await Promise.all(
    board.boards.map(async (b) => {
      const sent = b.dispatchedAt
        ? await prisma.repriseCampaign.findUnique({
            where: { month_application: { month: b.month, application: b.application } },
            select: { id: true, early: true, late: true, dispatchedAt: true },
          })
        : null;
      // Once this month's list left early, the next automatic one is next month's.
      const nextMonthOfApp = sent ? nextMonth(b.month) : b.month;
      const nextAt = sent ? dispatchInstant(nextMonthOfApp, settings) : new Date(b.dispatchAt);
      return {
        application: b.application,
        service: SERVICE_LABELS[b.application],
        month: b.month,
        monthLabel: monthLabel(b.month),
        ofMonth: ofMonth(b.month),
        dispatchAtLabel: instantLabel(b.dispatchAt),
        shiftNote: shiftReason(b.month, settings),
        countdown: countdownText(now, new Date(b.dispatchAt)),
        sent: sent
          ? { id: sent.id, early: sent.early, late: sent.late, atLabel: instantLabel(sent.dispatchedAt) }
          : null,
        nextDispatch: {
          month: nextMonthOfApp,
          monthLabel: monthLabel(nextMonthOfApp),
          ofMonth: ofMonth(nextMonthOfApp),
          atLabel: instantLabel(nextAt),
          countdown: countdownText(now, nextAt),
        },
        next: b.next.map((r, index) => ({
          id: r.id,
          rank: index + 1,
          reference: r.reference,
          mdph: r.mdph,
          departement: r.departement,
          centre: r.centre ? CENTRE_LABELS[r.centre] : null,
          missingCentre: b.application === "OPALES" && !r.centre,
          desiredDate: dayLabel(r.desiredDate),
          requestDate: dayLabel(r.requestDate),
          note: r.note ?? "",
          carriedOver: r.carriedOver,
          replay: r.replay,
          state: stateBadge(r.status),
          first: index === 0,
          last: index === b.next.length - 1,
        })),
        counts: statesTagged(REPRISE_WORKFLOW, "ouverte").map((status) => ({
          ...stateBadge(status),
          count: b.counts[status] ?? 0,
        })),
        openTotal: Object.values(b.counts).reduce((sum, n) => sum + n, 0),
        overdueAnswers: b.overdueAnswers.map((r) => ({ ...r, deadlineLabel: dayLabel(r.deadline) })),
        windowsEndingSoon: b.windowsEndingSoon.map((r) => ({ ...r, deadlineLabel: dayLabel(r.deadline) })),
      };
    }),
  );
  return {
    today: board.today,
    todayLabel: weekdayLabel(board.today),
    settings,
    applications,
    unassigned: board.unassigned,
    recent: recent.slice(0, 6).map((c) => ({
      id: c.id,
      application: c.application,
      monthLabel: monthLabel(c.month),
      ofMonth: ofMonth(c.month),
      count: c.count,
      early: c.early,
      late: c.late,
      dispatchedAt: instantLabel(c.dispatchedAt),
      answerDeadline: dayLabel(c.answerDeadline),
    })),
  };
}

/** The rows the next list of `application` will carry, as the package's rows (for an export). */
export async function nextListRows(application: Application, now = clockNow()): Promise<PackageRow[]> {
  const board = await campaignBoard(now);
  const next = board.boards.find((b) => b.application === application)?.next ?? [];
  const details = await prisma.repriseRequest.findMany({
    where: { id: { in: next.map((r) => r.id) } },
    include: { organisation: { select: { name: true } } },
  });
  const byId = new Map(details.map((d) => [d.id, d]));
  return next.flatMap((r, index) => {
    const d = byId.get(r.id);
    if (!d) return [];
    return [
      {
        rank: index + 1,
        reference: d.reference,
        departementCode: d.departementCode,
        mdph: d.organisation.name,
        centre: r.centre,
        requestDate: d.requestDate,
        desiredDate: d.desiredDate,
        contactName: d.contactName,
        contactFunction: d.contactFunction,
        contactPhone: d.contactPhone,
        contactEmail: d.contactEmail,
        carriedOver: r.carriedOver,
        replay: r.replay,
        note: d.coordinatorNote,
      },
    ];
  });
}

/** The next `count` dispatch instants under `settings`, starting with the upcoming one. */
export function upcomingDispatches(now: Date, settings: DispatchSettings, count = 3) {
  const out = [];
  let month = upcomingDispatchMonth(now, settings);
  for (let i = 0; i < count; i += 1) {
    const at = dispatchInstant(month, settings);
    out.push({
      month,
      monthLabel: monthLabel(month),
      ofMonth: ofMonth(month),
      atLabel: instantLabel(at),
      shiftNote: shiftReason(month, settings),
      countdown: countdownText(now, at),
    });
    month = nextMonth(month);
  }
  return out;
}

/** The pending monthly dispatch job, if any: when it will run. */
export async function pendingDispatchJob() {
  const job = await prisma.scheduledJob.findFirst({
    where: { kind: REPRISE_JOBS.monthlyDispatch, status: "PENDING" },
    orderBy: { dueAt: "asc" },
  });
  if (!job) return null;
  const { month } = JSON.parse(job.payload) as { month: Month };
  return {
    month,
    monthLabel: monthLabel(month),
    ofMonth: ofMonth(month),
    dueAtLabel: instantLabel(job.dueAt),
    dueAt: formatDateTime(job.dueAt),
  };
}
