/**
 * The coordinator's read models of the monthly dispatch: the campaign board and home panel,
 * the rows of the next list (for its export), and the preview of the dispatch settings.
 */
import { PAGE_SIZE, pageWindow } from "~/components/pagination";
import { readSetting } from "~/modules/settings/settings.server";
import { now as clockNow } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { dayLabel, formatDateTime } from "~/utils/format";
import { parisDate, type IsoDate } from "~/utils/working-days";
import { addWorkingDays } from "~/utils/working-days.server";
import type { Application } from "../../../workflows/reprise";
import { departementsWithoutOpalesCentre } from "~/modules/organisations/queries/overview.server";
import { statesTagged } from "~/modules/workflow/queries.server";
import { APPLICATIONS } from "./campaign.server";
import { latestCampaigns } from "./queries/campaigns.server";
import {
  dispatchBoardFacts,
  dispatchPanelFacts,
  nextListWithContacts,
  type BoardFacts,
  type BoardView,
} from "./queries/dispatch-board.server";
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

/** The month whose lists are due next, today in Paris and the day five working days on. */
async function dispatchMoment(now: Date) {
  const settings = await readSetting(dispatchSetting);
  const today = parisDate(now);
  return { settings, today, month: upcomingDispatchMonth(now, settings), soon: addWorkingDays(today, 5) };
}

/** When `application`'s list of `month` leaves, or left (`sent`), and when the one after it leaves. */
function dispatchTimes(
  application: Application,
  month: Month,
  sent: { id: string; early: boolean; late: boolean; dispatchedAt: string } | null,
  settings: DispatchSettings,
  now: Date,
) {
  const dispatchAt = dispatchInstant(month, settings);
  // Once this month's list left early, the next automatic one is next month's.
  const nextMonthOfApp = sent ? nextMonth(month) : month;
  const nextAt = sent ? dispatchInstant(nextMonthOfApp, settings) : dispatchAt;
  return {
    application,
    service: SERVICE_LABELS[application],
    month,
    monthLabel: monthLabel(month),
    ofMonth: ofMonth(month),
    dispatchAtLabel: instantLabel(dispatchAt),
    shiftNote: shiftReason(month, settings),
    countdown: countdownText(now, dispatchAt),
    sent: sent ? { id: sent.id, early: sent.early, late: sent.late, atLabel: instantLabel(sent.dispatchedAt) } : null,
    nextDispatch: {
      month: nextMonthOfApp,
      monthLabel: monthLabel(nextMonthOfApp),
      ofMonth: ofMonth(nextMonthOfApp),
      atLabel: instantLabel(nextAt),
      countdown: countdownText(now, nextAt),
    },
  };
}

/** The open requests per state of the machine (a badge and a count each) and their total. */
function openStates(counts: Record<string, number>) {
  return {
    counts: statesTagged(REPRISE_WORKFLOW, "ouverte").map((status) => ({
      ...stateBadge(status),
      count: counts[status] ?? 0,
    })),
    openTotal: Object.values(counts).reduce((sum, n) => sum + n, 0),
  };
}

/** Rows per page of a next list, and requests named per alert list (the rest is counted, with a link). */
export const BOARD_VIEW: BoardView = { pages: {}, pageSize: PAGE_SIZE, alertsShown: 10 };

/** The coordinator's board: per application, the next dispatch, a page of its list and the alerts. */
export async function dispatchBoard(now = clockNow(), view: Partial<BoardView> = {}) {
  const shown = { ...BOARD_VIEW, ...view };
  const moment = await dispatchMoment(now);
  const [facts, unassigned, recent] = await Promise.all([
    dispatchBoardFacts(moment.today, moment.month, moment.soon, shown),
    departementsWithoutOpalesCentre(),
    latestCampaigns(6),
  ]);
  return boardOf(now, moment, facts, unassigned, recent, shown);
}

/** The board from what its read models return (exported for its test, which feeds it the former ones' rows too). */
export function boardOf(
  now: Date,
  { settings, today, month }: { settings: DispatchSettings; today: IsoDate; month: Month },
  facts: (application: Application) => BoardFacts,
  unassigned: { code: string; name: string }[],
  recent: Awaited<ReturnType<typeof latestCampaigns>>,
  view: BoardView,
) {
  const applications = APPLICATIONS.map((application) => {
    const b = facts(application);
    const { page, pageCount } = pageWindow(view.pages[application] ?? 1, b.nextTotal, view.pageSize);
    return {
      ...dispatchTimes(application, month, b.sent, settings, now),
      nextTotal: b.nextTotal,
      page,
      pageCount,
      // Only what a row shows: about 200 rows at national scale, each sent as data and as HTML.
      next: b.next.map((r) => ({
        id: r.id,
        rank: r.rank,
        reference: r.reference,
        mdph: r.mdph,
        departement: r.departement,
        centre: r.centre ? CENTRE_LABELS[r.centre] : null,
        desiredDate: dayLabel(r.desiredDate),
        note: r.note ?? "",
        carriedOver: r.carriedOver,
        replay: r.replay,
        status: r.status,
      })),
      ...openStates(b.counts),
      overdueAnswers: b.overdueAnswers.shown.map((r) => ({ ...r, deadlineLabel: dayLabel(r.deadline) })),
      overdueAnswerCount: b.overdueAnswers.total,
      windowsEndingSoon: b.windowsEndingSoon.shown.map((r) => ({ ...r, deadlineLabel: dayLabel(r.deadline) })),
      windowsEndingSoonCount: b.windowsEndingSoon.total,
    };
  });
  return {
    today,
    todayLabel: weekdayLabel(today),
    settings,
    applications,
    unassigned,
    recent: recent.map((c) => ({
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

/** The coordinator's home panel of the campaign: per application, the next dispatch and its figures. */
export async function dispatchPanel(now = clockNow()) {
  const { settings, today, month, soon } = await dispatchMoment(now);
  const facts = await dispatchPanelFacts(today, month, soon);
  return APPLICATIONS.map((application) => {
    const p = facts(application);
    const times = dispatchTimes(application, month, p.sent, settings, now);
    const open = openStates(p.counts);
    return {
      application,
      monthLabel: times.monthLabel,
      ofMonth: times.ofMonth,
      sent: times.sent ? { atLabel: times.sent.atLabel, early: times.sent.early } : null,
      dispatchAtLabel: times.dispatchAtLabel,
      countdown: times.countdown,
      nextDispatch: times.nextDispatch,
      nextCount: p.nextCount,
      openTotal: open.openTotal,
      counts: open.counts.filter((c) => c.count > 0),
      overdueAnswers: p.overdueAnswers,
      windowsEndingSoon: p.windowsEndingSoon,
    };
  });
}

/** The rows the next list of `application` will carry, as the package's rows (for an export). */
export async function nextListRows(application: Application, now = clockNow()): Promise<PackageRow[]> {
  const { today, month } = await dispatchMoment(now);
  return (await nextListWithContacts(application, today, month)).map((r, index) => ({ ...r, rank: index + 1 }));
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
