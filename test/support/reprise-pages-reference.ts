/**
 * The reprise pages' data as the Prisma read models computed it before decision 021 moved them
 * to the read side (issue 10): kept only as the oracle the read models' tests compare with.
 * The code is the former one, from the snapshots (contextOf) and through Prisma.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { contextOf } from "~/modules/workflow/engine.server";
import { field, projected, projection, statesTagged, tagged } from "~/modules/workflow/queries.server";
import { readSetting } from "~/modules/settings/settings.server";
import { now as clockNow } from "~/utils/clock.server";
import { prisma, type Tx } from "~/utils/db.server";
import { dayLabel } from "~/utils/format";
import { orRefusal } from "~/utils/intent.server";
import { parisDate, type IsoDate } from "~/utils/working-days";
import { addWorkingDays } from "~/utils/working-days.server";
import type { Application, RepriseContext } from "../../workflows/reprise";
import { avenantLate, deadlineFactsOf, nextDeadline, nextDispatchDays } from "~/modules/reprise/calendar.server";
import { APPLICATIONS } from "~/modules/reprise/campaign.server";
import { countdownText, fileSets, instantLabel, weekdayLabel } from "~/modules/reprise/labels";
import type { PackageRow } from "~/modules/reprise/package.server";
import { campaignAccess } from "~/modules/reprise/policy.server";
import { listRequests, listSignatures, type RepriseRow } from "~/modules/reprise/requests.server";
import { CENTRE_LABELS, monthLabel, nextMonth, ofMonth, SERVICE_LABELS, type Month } from "~/modules/reprise/rules";
import { dispatchInstant, shiftReason, upcomingDispatchMonth } from "~/modules/reprise/rules.server";
import { dispatchSetting } from "~/modules/reprise/settings.server";
import { stateBadge } from "~/modules/reprise/state-badge";
import { REPRISE_WORKFLOW } from "~/modules/reprise/workflow.server";

/**
 * Requests that month `month`'s list of `application` will carry, in priority order. Not one
 * already in that month's list, nor one whose State answer is still awaited (its deadline not
 * passed): after a catch-up list the next regular one carries only what got no answer in time.
 */
async function eligible(tx: Tx, application: Application, today: string, month: Month) {
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
    include: { organisation: { include: { departement: true } }, workflow: true },
    orderBy: [{ priority: "asc" }, { createdAt: "asc" }],
  });
  return rows.map((row) => ({ row, context: contextOf<RepriseContext>(row.workflow) }));
}

/** Everything the coordinator's campaign board shows. */
async function campaignBoard(now = clockNow()) {
  const settings = await readSetting(dispatchSetting);
  const today = parisDate(now);
  const month = upcomingDispatchMonth(now, settings);
  const soon = addWorkingDays(today, 5);
  const boards = [];
  for (const application of APPLICATIONS) {
    const dispatched = await prisma.repriseCampaign.findUnique({
      where: { month_application: { month, application } },
    });
    const next = await eligible(prisma, application, today, month);
    const open = await prisma.workflowInstance.groupBy({
      by: ["status"],
      where: { type: REPRISE_WORKFLOW, ...tagged("ouverte"), repriseRequest: { application } },
      _count: { _all: true },
    });
    const counts: Record<string, number> = Object.fromEntries(open.map((g) => [g.status, g._count._all]));
    /** Requests in a state tagged `tag` whose projected date `name` matches `day`. */
    const dueBy = async (tag: string, name: string, day: { lt: string } | { lte: string }) => {
      const rows = await prisma.repriseRequest.findMany({
        where: { application, workflow: { type: REPRISE_WORKFLOW, AND: [tagged(tag), field(name, day)] } },
        include: { organisation: { select: { name: true } }, workflow: { select: projection } },
      });
      return rows.map((r) => ({
        id: r.id,
        reference: r.reference,
        mdph: r.organisation.name,
        deadline: projected(r.workflow).fields[name]!,
      }));
    };
    boards.push({
      application,
      month,
      dispatchAt: dispatchInstant(month, settings).toISOString(),
      dispatchedAt: dispatched?.dispatchedAt.toISOString() ?? null,
      // After an early dispatch, what waits for the following month's list (new requests,
      // and carry-overs from earlier lists), not what this month's list just carried.
      next: next.map(({ row, context }) => ({
        id: row.id,
        reference: row.reference,
        mdph: row.organisation.name,
        departement: row.departementCode,
        centre: application === "OPALES" ? (row.organisation.departement?.opalesCentre ?? null) : null,
        desiredDate: row.desiredDate,
        requestDate: row.requestDate,
        priority: row.priority,
        note: row.coordinatorNote,
        carriedOver: context.dispatchCount > 0 && context.nonConformities.length === 0,
        replay: context.nonConformities.length > 0,
        status: row.workflow.status,
      })),
      counts,
      overdueAnswers: await dueBy("attenteEtat", "answerDeadline", { lt: today }),
      windowsEndingSoon: await dueBy("attenteValidation", "validationDeadline", { lte: soon }),
    });
  }
  const unassigned = await prisma.departement.findMany({ where: { opalesCentre: null }, orderBy: { code: "asc" } });
  return { today, boards, unassigned: unassigned.map((d) => ({ code: d.code, name: d.name })) };
}

async function listCampaigns(filter: { application?: Application; scope: string }) {
  const campaigns = await prisma.repriseCampaign.findMany({
    where: filter.application ? { application: filter.application } : {},
    include: {
      items: { select: { centre: true } },
      files: { where: { scope: filter.scope }, select: { id: true, filename: true, contentType: true } },
    },
    orderBy: [{ month: "desc" }, { application: "asc" }],
  });
  return campaigns.map((c) => ({
    id: c.id,
    month: c.month,
    application: c.application,
    dispatchedAt: c.dispatchedAt.toISOString(),
    early: c.early,
    late: c.late,
    answerDeadline: c.answerDeadline,
    count: filter.scope === "TOUT" ? c.items.length : c.items.filter((i) => i.centre === filter.scope).length,
    files: c.files,
  }));
}

/** The coordinator's board: per application, the next dispatch, its list and the alerts. */
export async function dispatchBoardThroughPrisma(now = clockNow()) {
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

/** A request as the tables show it. */
export function requestRowThroughPrisma(row: RepriseRow, today: IsoDate) {
  const c = row.context as RepriseContext;
  const awaitingAnswer = row.workflow.status === "transmise";
  return {
    id: row.id,
    reference: row.reference,
    application: row.application,
    mdph: row.organisation.name,
    departement: row.departementCode,
    centre: row.organisation.departement?.opalesCentre
      ? CENTRE_LABELS[row.organisation.departement.opalesCentre]
      : null,
    state: stateBadge(row.workflow.status),
    requestDate: dayLabel(row.requestDate),
    desiredDate: dayLabel(row.desiredDate),
    finalDate: dayLabel(c.finalDate),
    proposedDate: c.proposedDate ? dayLabel(c.proposedDate) : null,
    campaignMonth: c.campaignMonth ? monthLabel(c.campaignMonth) : null,
    answerDeadline: awaitingAnswer && c.answerDeadline ? dayLabel(c.answerDeadline) : null,
    answerOverdue: awaitingAnswer && c.answerDeadline !== null && c.answerDeadline < today,
    carriedOver: c.dispatchCount > 1 && c.nonConformities.length === 0,
    replay: c.nonConformities.length > 0,
  };
}

/** The lists this service (or centre) received, newest first, with their files (the former receivedLists). */
export async function receivedListsThroughPrisma(user: SessionUser) {
  const campaigns = await listCampaigns(orRefusal(campaignAccess(user)));
  return campaigns
    .filter((c) => c.count > 0)
    .map((c) => ({
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
    }));
}

/** The MDPH director's reprise panel as the /mdph loader computed it. */
export async function mdphReprisePanelThroughPrisma(user: SessionUser, today: IsoDate) {
  const [requests, signatures, dispatch] = await Promise.all([
    listRequests(user).then(orRefusal),
    listSignatures(user).then(orRefusal),
    nextDispatchDays(),
  ]);
  const own = requests.filter((r) => r.organisationId === user.organisationId);
  return {
    reprises: own
      .filter((r) => r.tags.includes("ouverte") || r.workflow.status === "acceptee")
      .map((r) => ({
        id: r.id,
        reference: r.reference,
        status: r.workflow.status,
        next: nextDeadline(deadlineFactsOf(r), today, dispatch),
      })),
    pendingAvenants: signatures
      .filter((s) => s.organisationId === user.organisationId && !own.some((r) => r.application === s.application))
      .map((s) => ({ application: s.application, requestDeadline: s.requestDeadline, late: avenantLate(s, today) })),
  };
}

/** The /cnsa panel of the campaign as its loader derived it from the board. */
export async function dispatchPanelThroughPrisma(at: Date) {
  const board = await dispatchBoardThroughPrisma(at);
  return board.applications.map((b) => ({
    application: b.application,
    monthLabel: b.monthLabel,
    ofMonth: b.ofMonth,
    sent: b.sent ? { atLabel: b.sent.atLabel, early: b.sent.early } : null,
    dispatchAtLabel: b.dispatchAtLabel,
    countdown: b.countdown,
    nextDispatch: b.nextDispatch,
    nextCount: b.next.length,
    openTotal: b.openTotal,
    counts: b.counts.filter((c) => c.count > 0),
    overdueAnswers: b.overdueAnswers.length,
    windowsEndingSoon: b.windowsEndingSoon.length,
  }));
}
/** The rows the next list of `application` will carry, as the package's rows (for an export). */
export async function nextListRowsThroughPrisma(application: Application, now = clockNow()): Promise<PackageRow[]> {
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
