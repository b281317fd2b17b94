/**
 * The dashboards' work-group panels on the read connection (decision 021): overdue action items
 * (the first rows and their total, counted in SQL) and late mission letters. The lists read
 * the tables and the engine's projection (tags, fields), never a workflow snapshot.
 */
import { sql, type ExpressionBuilder } from "kysely";
import type { DB } from "~/generated/kysely/types";
import type { SessionUser } from "~/modules/auth/session.server";
import { readDb } from "~/utils/read-db.server";
import { can } from "~/utils/permissions";
import type { IsoDate } from "~/utils/working-days";
import { carriesTag, fieldIsNull } from "~/modules/workflow/queries.server";
import { readableGroupIds } from "../policy.server";
import { daysBetween, WORK_GROUP_STATE_LABELS } from "../labels";
import type { ActionRow, LateLetter } from "../dashboard.server";

const inFrench = new Intl.Collator("fr").compare;

/** Open action items (the machine's "ouverte" tag; ActionItem.dueOn is the engine's copy of the due day). */
function openActionItems() {
  return readDb()
    .selectFrom("ActionItem as a")
    .innerJoin("WorkflowInstance as w", "w.id", "a.workflowId")
    .where(carriesTag("a.workflowId", "ouverte"));
}

/** Open action items with what a row shows: title, due day, state, group and actors (a JSON array of short names). */
export function openActionRows() {
  return openActionItems()
    .innerJoin("WorkGroup as g", "g.id", "a.groupId")
    .select([
      "a.id",
      "a.title",
      "a.dueOn",
      "w.status",
      "g.code",
      "g.name",
      sql<string>`(SELECT json_group_array(o.shortName) FROM ActionItemOrganisation ao
                   JOIN Organisation o ON o.id = ao.organisationId WHERE ao.actionItemId = a.id)`.as("actors"),
    ]);
}

/**
 * Overdue action items are open and due before today (isOverdue() of workflows/action-item.ts in
 * SQL): every group's for the coordinator, the groups one reads for the others. The one filter of
 * overdueActions() and countOverdueActions(), on open action items ("a").
 */
async function overdueFor(user: SessionUser, today: IsoDate) {
  const groupIds = can(user, "manage:group") ? null : await readableGroupIds(user);
  return (eb: ExpressionBuilder<{ a: DB["ActionItem"] }, "a">) =>
    // "" keeps the list non-empty (SQL has no empty IN list) and matches no group.
    eb.and([eb("a.dueOn", "<", today), ...(groupIds === null ? [] : [eb("a.groupId", "in", [...groupIds, ""])])]);
}

/** The first `limit` overdue action items (all without a limit), most overdue first. */
export async function overdueActions(
  user: SessionUser,
  today: IsoDate,
  { limit }: { limit?: number } = {},
): Promise<ActionRow[]> {
  const rows = await openActionRows()
    .where(await overdueFor(user, today))
    .orderBy("a.dueOn", "asc")
    .orderBy("a.createdAt", "asc")
    .$if(limit !== undefined, (q) => q.limit(limit!))
    .execute();
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    url: `/groupes/${row.code}/actions/${row.id}`,
    group: { code: row.code, name: row.name },
    organisations: (JSON.parse(row.actors) as string[]).sort(inFrench),
    status: row.status,
    dueOn: row.dueOn,
    overdue: true,
    daysLate: daysBetween(row.dueOn, today),
  }));
}

/** How many action items overdueActions() would list. */
export async function countOverdueActions(user: SessionUser, today: IsoDate): Promise<number> {
  const row = await openActionItems()
    .where(await overdueFor(user, today))
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Groups whose mission letter was due and is still not validated: letterLate() of workflows/work-group.ts in SQL. */
export async function lateLetters(today: IsoDate): Promise<LateLetter[]> {
  const groups = await readDb()
    .selectFrom("WorkGroup as g")
    .innerJoin("WorkflowInstance as w", "w.id", "g.workflowId")
    .leftJoin("Organisation as p", "p.id", "g.pilotOrganisationId")
    .select(["g.code", "g.name", "g.letterDueOn", "w.status", "p.shortName as pilot"])
    .where("g.letterDueOn", "<", today)
    .where(carriesTag("g.workflowId", "enConstitution"))
    .where(fieldIsNull("g.workflowId", "validatedAt"))
    .orderBy("g.letterDueOn", "asc")
    .orderBy("g.name", "asc")
    .execute();
  return groups.map((g) => ({
    code: g.code,
    name: g.name,
    letterDueOn: g.letterDueOn!,
    daysLate: daysBetween(g.letterDueOn!, today),
    status: g.status,
    statusLabel: WORK_GROUP_STATE_LABELS[g.status] ?? g.status,
    pilot: g.pilot ?? null,
  }));
}
