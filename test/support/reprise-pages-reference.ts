/**
 * The reprise pages' data as the Prisma read models computed it before decision 021 moved them
 * to the read side (issue 10): kept only as the oracle the read models' tests compare with.
 * The code is the former one, from the snapshots (contextOf) and through Prisma.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { contextOf } from "~/modules/workflow/engine.server";
import { field, projected, projection, tagged } from "~/modules/workflow/queries.server";
import { readSetting } from "~/modules/settings/settings.server";
import { now as clockNow } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { orRefusal } from "~/utils/intent.server";
import { parisDate, type IsoDate } from "~/utils/working-days";
import { addWorkingDays } from "~/utils/working-days.server";
import type { Application, RepriseContext } from "../../workflows/reprise";
import { avenantLate, deadlineFactsOf, nextDeadline, nextDispatchDays } from "~/modules/reprise/calendar.server";
import { receivedList } from "~/modules/reprise/campaign-lists.server";
import { APPLICATIONS, eligible } from "~/modules/reprise/campaign.server";
import { pageWindow } from "~/components/pagination";
import { BOARD_VIEW, boardOf } from "~/modules/reprise/dispatch-board.server";
import type { BoardView } from "~/modules/reprise/queries/dispatch-board.server";
import type { PackageRow } from "~/modules/reprise/package.server";
import { campaignAccess, serviceOf } from "~/modules/reprise/policy.server";
import { requestRow } from "~/modules/reprise/request-tables.server";
import { listRequests, listSignatures, type RepriseRow } from "~/modules/reprise/requests.server";
import type { Month } from "~/modules/reprise/rules";
import { dispatchInstant, upcomingDispatchMonth } from "~/modules/reprise/rules.server";
import { dispatchSetting } from "~/modules/reprise/settings.server";
import { REPRISE_WORKFLOW } from "~/modules/reprise/workflow.server";

/** The dispatch's eligible requests with their context read from the snapshot, as the former board read them. */
async function eligibleWithContext(application: Application, today: string, month: Month) {
  const rows = await eligible(prisma, application, today, month);
  const workflows = await prisma.workflowInstance.findMany({
    where: { id: { in: rows.map((r) => r.row.workflowId) } },
  });
  const byId = new Map(workflows.map((w) => [w.id, w]));
  return rows.map(({ row }) => ({ row, context: contextOf<RepriseContext>(byId.get(row.workflowId)!) }));
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
    const next = await eligibleWithContext(application, today, month);
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

/**
 * The coordinator's board from the former campaignBoard and listCampaigns (Prisma, snapshots),
 * cut as the board now shows it: one page of each next list, the first alerts and their count.
 */
export async function dispatchBoardThroughPrisma(now = clockNow(), given: Partial<BoardView> = {}) {
  const view = { ...BOARD_VIEW, ...given };
  const [board, settings, recent] = await Promise.all([
    campaignBoard(now),
    readSetting(dispatchSetting),
    listCampaigns({ scope: "TOUT" }),
  ]);
  const month = upcomingDispatchMonth(now, settings);
  const sent = await prisma.repriseCampaign.findMany({ where: { month } });
  const facts = (application: Application) => {
    const b = board.boards.find((x) => x.application === application)!;
    const s = sent.find((c) => c.application === application);
    const { skip, take } = pageWindow(view.pages[application] ?? 1, b.next.length, view.pageSize);
    const firstOf = (alerts: typeof b.overdueAnswers) => ({
      shown: alerts.slice(0, view.alertsShown),
      total: alerts.length,
    });
    return {
      ...b,
      sent: s ? { id: s.id, early: s.early, late: s.late, dispatchedAt: s.dispatchedAt.toISOString() } : null,
      next: b.next.map((r, index) => ({ ...r, rank: index + 1 })).slice(skip, skip + take),
      nextTotal: b.next.length,
      overdueAnswers: firstOf(b.overdueAnswers),
      windowsEndingSoon: firstOf(b.windowsEndingSoon),
    };
  };
  return boardOf(now, { settings, today: board.today, month }, facts, board.unassigned, recent.slice(0, 6), view);
}

/** A request as the tables show it, from the former read model's row (Prisma, the snapshot's context). */
export function requestRowThroughPrisma(row: RepriseRow, today: IsoDate) {
  const c = row.context;
  const fields = {
    ...c,
    campaignMonth: c.campaignMonth,
    dispatchCount: String(c.dispatchCount),
    nonConformityCount: String(c.nonConformities.length),
  } as unknown as Record<string, string | null>;
  return requestRow(
    {
      id: row.id,
      reference: row.reference,
      application: row.application,
      departementCode: row.departementCode,
      requestDate: row.requestDate,
      desiredDate: row.desiredDate,
      mdph: row.organisation.name,
      opalesCentre: row.organisation.departement?.opalesCentre ?? null,
      status: row.workflow.status,
      fields,
    },
    today,
  );
}

/** The lists this service (or centre) received, newest first, with their files (the former receivedLists). */
export async function receivedListsThroughPrisma(user: SessionUser) {
  const campaigns = await listCampaigns(orRefusal(campaignAccess(user)));
  return campaigns.filter((c) => c.count > 0).map((c) => receivedList(c as Parameters<typeof receivedList>[0]));
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

/** What /etat showed, as its loader computed it through Prisma and the former request rows. */
export async function stateHomeThroughPrisma(user: SessionUser, today: IsoDate) {
  const organisation = await prisma.organisation.findUniqueOrThrow({
    where: { id: user.organisationId },
    include: { parent: true },
  });
  const service = serviceOf(organisation.code);
  const departements = service?.centre
    ? await prisma.departement.findMany({ where: { opalesCentre: service.centre }, orderBy: { code: "asc" } })
    : [];
  const lists = service ? await receivedListsThroughPrisma(user) : [];
  const awaiting = service
    ? orRefusal(await listRequests(user, { tag: "attenteEtat" }))
        .map((row) => requestRowThroughPrisma(row, today))
        .sort((a, b) => Number(b.answerOverdue) - Number(a.answerOverdue))
    : [];
  return {
    organisation: { name: organisation.name, parent: organisation.parent?.name ?? null },
    departements: departements.map((d) => ({ code: d.code, name: d.name })),
    application: service?.application ?? null,
    lists: lists.slice(0, 5),
    listTotal: lists.length,
    awaiting: awaiting.map((r) => ({
      id: r.id,
      reference: r.reference,
      mdph: r.mdph,
      desiredDate: r.desiredDate,
      answerDeadline: r.answerDeadline,
      answerOverdue: r.answerOverdue,
    })),
  };
}
