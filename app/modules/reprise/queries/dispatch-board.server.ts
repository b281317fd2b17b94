/**
 * The monthly dispatch as the coordinator's board and home panel show it, on the read side
 * (decision 021) and from the workflow projection (decision 017): this month's lists already
 * sent, the requests the next lists will carry, the open requests per state and the alerts.
 */
import { sql } from "kysely";
import { carriesTag, projectedFields, projectedOf } from "~/modules/workflow/queries.server";
import { isoInstant, readDb } from "~/utils/read-db.server";
import type { IsoDate } from "~/utils/working-days";
import type { Application } from "../../../../workflows/reprise";
import type { Month } from "../rules";
import { listFlags } from "../workflow.server";
import { requestsWithMdph } from "./requests.server";

/**
 * The requests (aliased "r", workflow "w") that month `month`'s list will carry: the rule of the
 * dispatch's `eligible` (campaign.server.ts), in SQL. Not one already in that month's list, nor
 * one whose State answer is still awaited, nor one whose binding date is still ahead.
 */
function awaitingList(today: IsoDate, month: Month) {
  const fieldIs = (name: string, condition: ReturnType<typeof sql>) =>
    sql`EXISTS (SELECT 1 FROM WorkflowField AS f WHERE f.workflowId = w.id AND f.name = ${name} AND f.value ${condition})`;
  return requestsWithMdph()
    .where(carriesTag("w.id", "aInscrire"))
    .where(sql<boolean>`NOT ${fieldIs("finalDate", sql`>= ${today}`)}`)
    .where(sql<boolean>`NOT ${fieldIs("campaignMonth", sql`= ${month}`)}`)
    .where(sql<boolean>`NOT (${carriesTag("w.id", "attenteEtat")} AND ${fieldIs("answerDeadline", sql`>= ${today}`)})`);
}

/** The requests the next lists will carry with their MDPH and its centre, in each application's priority order. */
function nextListsInOrder(today: IsoDate, month: Month) {
  return awaitingList(today, month)
    .select([
      "r.id",
      "r.application",
      "r.reference",
      "o.name as mdph",
      "d.opalesCentre",
      "r.desiredDate",
      "r.requestDate",
      "r.coordinatorNote as note",
      projectedFields("w.id").as("fields"),
    ])
    .orderBy("r.application")
    .orderBy("r.priority")
    .orderBy("r.createdAt");
}

/** A next list's row: the centre that receives it (OPALES) and why it is listed again. */
function listed<T extends { application: string; opalesCentre: string | null; fields: string }>({
  opalesCentre,
  fields,
  ...r
}: T) {
  return {
    ...r,
    centre: r.application === "OPALES" ? opalesCentre : null,
    ...listFlags(projectedOf(fields), "next"),
  };
}

/** Which page of each application's next list the board shows, and how many rows a page and an alert list hold. */
export type BoardView = { pages: Partial<Record<Application, number>>; pageSize: number; alertsShown: number };

/** A whole number for a window's bounds, written into the statement (a page number is parsed, never typed text). */
const whole = (n: number) => sql.lit(Math.max(1, Math.trunc(n)));

/**
 * One page of each application's next list, in priority order, with its rank and the list's
 * length; a page beyond the last gives the last (rows moved away while the page was open).
 */
async function nextLists(today: IsoDate, month: Month, view: BoardView) {
  const size = whole(view.pageSize);
  const ranked = nextListsInOrder(today, month)
    .clearOrderBy()
    .select([
      "r.departementCode as departement",
      "w.status",
      sql<number>`row_number() OVER (PARTITION BY r.application ORDER BY r.priority, r.createdAt)`.as("rank"),
      sql<number>`count(*) OVER (PARTITION BY r.application)`.as("total"),
    ]);
  const page = sql`min(CASE n.application WHEN 'OPALES' THEN ${whole(view.pages.OPALES ?? 1)} ELSE ${whole(view.pages.ITAC ?? 1)} END, (n.total + ${size} - 1) / ${size})`;
  const rows = await readDb()
    .selectFrom(ranked.as("n"))
    .selectAll()
    .where(sql<boolean>`n.rank > (${page} - 1) * ${size} AND n.rank <= ${page} * ${size}`)
    .orderBy("n.application")
    .orderBy("n.rank")
    .execute();
  return rows.map(listed);
}

/** The requests `application`'s next list will carry, in priority order, as its package lists them (contacts included). */
export async function nextListWithContacts(application: Application, today: IsoDate, month: Month) {
  const rows = await nextListsInOrder(today, month)
    .select(["r.departementCode", "r.contactName", "r.contactFunction", "r.contactPhone", "r.contactEmail"])
    .where("r.application", "=", application)
    .execute();
  return rows.map((row) => {
    const { id: _id, application: _application, ...packageRow } = listed(row);
    return packageRow;
  });
}

/** How many requests each application's next list will carry. */
export async function nextListCounts(today: IsoDate, month: Month) {
  const rows = await awaitingList(today, month)
    .select(["r.application", ({ fn }) => fn.countAll<number>().as("count")])
    .groupBy("r.application")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.application, r.count])) as Partial<Record<Application, number>>;
}

/** This month's lists already sent, per application. */
async function sentThisMonth(month: Month) {
  const rows = await readDb()
    .selectFrom("RepriseCampaign")
    .select(["id", "application", "dispatchedAt", "early", "late"])
    .where("month", "=", month)
    .execute();
  return new Map(
    rows.map((c) => [
      c.application,
      { id: c.id, dispatchedAt: isoInstant(c.dispatchedAt), early: Boolean(c.early), late: Boolean(c.late) },
    ]),
  );
}

/** The open requests of each application, counted per state. */
async function openCounts() {
  const rows = await readDb()
    .selectFrom("RepriseRequest as r")
    .innerJoin("WorkflowInstance as w", "w.id", "r.workflowId")
    .select(["r.application", "w.status", ({ fn }) => fn.countAll<number>().as("count")])
    .where(carriesTag("w.id", "ouverte"))
    .groupBy(["r.application", "w.status"])
    .execute();
  const counts: Record<string, Record<string, number>> = {};
  for (const r of rows) (counts[r.application] ??= {})[r.status] = r.count;
  return counts;
}

/** State answers overdue (due before `today`) and validation windows ending by `soon`, in the CNSA's order. */
function alertRows(today: IsoDate, soon: IsoDate) {
  return readDb()
    .selectFrom("RepriseRequest as r")
    .innerJoin("WorkflowTag as t", "t.workflowId", "r.workflowId")
    .innerJoin("WorkflowField as f", "f.workflowId", "r.workflowId")
    .where((eb) =>
      eb.or([
        eb.and([eb("t.tag", "=", "attenteEtat"), eb("f.name", "=", "answerDeadline"), eb("f.value", "<", today)]),
        eb.and([
          eb("t.tag", "=", "attenteValidation"),
          eb("f.name", "=", "validationDeadline"),
          eb("f.value", "<=", soon),
        ]),
      ]),
    );
}

const OVERDUE_ANSWER = "attenteEtat";

/** The board's alerts, per application and kind: the first `shown` requests in the CNSA's order, and how many there are. */
async function alerts(today: IsoDate, soon: IsoDate, shown: number) {
  const ranked = alertRows(today, soon)
    .innerJoin("Organisation as o", "o.id", "r.organisationId")
    .select([
      "r.id",
      "r.application",
      "r.reference",
      "o.name as mdph",
      "t.tag",
      "f.value as deadline",
      sql<number>`row_number() OVER (PARTITION BY r.application, t.tag ORDER BY r.priority)`.as("position"),
      sql<number>`count(*) OVER (PARTITION BY r.application, t.tag)`.as("total"),
    ]);
  const rows = await readDb()
    .selectFrom(ranked.as("a"))
    .selectAll()
    .where("a.position", "<=", whole(shown))
    .orderBy("a.application")
    .orderBy("a.position")
    .execute();
  // Each kind's first row comes back even when none is named: it carries the count.
  return rows.map(({ deadline, ...r }) => ({ ...r, deadline: deadline!, shown: r.position <= shown }));
}

/** The alerts of `application`: its overdue answers, or its validation windows ending soon, and their count. */
function alertsOf(due: Awaited<ReturnType<typeof alerts>>, application: Application, overdue: boolean) {
  const rows = due.filter((r) => r.application === application && (r.tag === OVERDUE_ANSWER) === overdue);
  return {
    shown: rows.filter((r) => r.shown).map(({ id, reference, mdph, deadline }) => ({ id, reference, mdph, deadline })),
    total: rows[0]?.total ?? 0,
  };
}

/** The board's alerts, per application, counted. */
async function alertCounts(today: IsoDate, soon: IsoDate) {
  return alertRows(today, soon)
    .select(["r.application", "t.tag", ({ fn }) => fn.countAll<number>().as("count")])
    .groupBy(["r.application", "t.tag"])
    .execute();
}

/** What the coordinator's board shows of each application's dispatch of month `month`. */
export type BoardFacts = {
  sent: { id: string; dispatchedAt: string; early: boolean; late: boolean } | null;
  next: {
    id: string;
    reference: string;
    mdph: string;
    departement: string;
    centre: string | null;
    desiredDate: string;
    requestDate: string;
    note: string | null;
    status: string;
    carriedOver: boolean;
    replay: boolean;
    rank: number;
  }[];
  /** How many requests the whole next list carries (`next` is one page of it). */
  nextTotal: number;
  counts: Record<string, number>;
  overdueAnswers: Alerts;
  windowsEndingSoon: Alerts;
};

/** The first alerts of a kind, and how many there are in all. */
type Alerts = { shown: { id: string; reference: string; mdph: string; deadline: string }[]; total: number };

export async function dispatchBoardFacts(
  today: IsoDate,
  month: Month,
  soon: IsoDate,
  view: BoardView,
): Promise<(application: Application) => BoardFacts> {
  const [sent, next, counts, due] = await Promise.all([
    sentThisMonth(month),
    nextLists(today, month, view),
    openCounts(),
    alerts(today, soon, view.alertsShown),
  ]);
  return (application: Application) => {
    const page = next.filter((r) => r.application === application);
    return {
      sent: sent.get(application) ?? null,
      next: page,
      nextTotal: page[0]?.total ?? 0,
      counts: counts[application] ?? {},
      overdueAnswers: alertsOf(due, application, true),
      windowsEndingSoon: alertsOf(due, application, false),
    };
  };
}

/** What the coordinator's home shows of each application's dispatch of month `month`: counts only. */
export async function dispatchPanelFacts(today: IsoDate, month: Month, soon: IsoDate) {
  const [sent, nextCounts, counts, due] = await Promise.all([
    sentThisMonth(month),
    nextListCounts(today, month),
    openCounts(),
    alertCounts(today, soon),
  ]);
  const dueCount = (application: Application, overdue: boolean) =>
    due
      .filter((r) => r.application === application && (r.tag === OVERDUE_ANSWER) === overdue)
      .reduce((sum, r) => sum + r.count, 0);
  return (application: Application) => ({
    sent: sent.get(application) ?? null,
    nextCount: nextCounts[application] ?? 0,
    counts: counts[application] ?? {},
    overdueAnswers: dueCount(application, true),
    windowsEndingSoon: dueCount(application, false),
  });
}
