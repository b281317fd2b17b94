/**
 * The monthly lists as their pages show them, on the read side (decision 021): the lists a State
 * service (or centre) received with its share's count and files, and the coordinator's latest.
 */
import { sql } from "kysely";
import { isoInstant, readDb } from "~/utils/read-db.server";
import type { CampaignAccess } from "../policy.server";

/** The items of list "c" in the share of `access` (a centre's, or every item). */
const itemsOfShare = (access: CampaignAccess) =>
  sql`FROM RepriseCampaignItem AS i WHERE i.campaignId = c.id${access.scope === "TOUT" ? sql`` : sql` AND i.centre = ${access.scope}`}`;

/** The lists of `access`'s application that carried at least one request of its share. */
function listsReceived(access: CampaignAccess) {
  return readDb()
    .selectFrom("RepriseCampaign as c")
    .$if(access.application !== undefined, (q) => q.where("c.application", "=", access.application!))
    .where(sql<boolean>`EXISTS (SELECT 1 ${itemsOfShare(access)})`);
}

/** What a list's row shows: its month, dispatch, answer deadline and its share's request count. */
const listColumns = (access: CampaignAccess) =>
  [
    "c.id",
    "c.month",
    "c.application",
    "c.dispatchedAt",
    "c.early",
    "c.late",
    "c.answerDeadline",
    sql<number>`(SELECT count(*) ${itemsOfShare(access)})`.as("count"),
  ] as const;

/** A list's row as the app's client returned it: an ISO instant and booleans. */
function asList<T extends { dispatchedAt: string; early: number; late: number }>(c: T) {
  return {
    ...c,
    dispatchedAt: isoInstant(c.dispatchedAt),
    early: Boolean(c.early),
    late: Boolean(c.late),
  } as Omit<T, "dispatchedAt" | "early" | "late"> & { dispatchedAt: string; early: boolean; late: boolean };
}

/** The lists in `access` that carried at least one request of its share, newest first, with that share's files; `limit`: the first ones only. */
export async function receivedCampaigns(access: CampaignAccess, limit?: number) {
  const rows = await listsReceived(access)
    .select(listColumns(access))
    .select(
      sql<string>`(SELECT json_group_array(json_object('id', f.id, 'filename', f.filename)) FROM RepriseCampaignFile AS f WHERE f.campaignId = c.id AND f.scope = ${access.scope})`.as(
        "files",
      ),
    )
    .orderBy("c.month", "desc")
    .orderBy("c.application", "asc")
    .$if(limit !== undefined, (q) => q.limit(limit!))
    .execute();
  return rows.map((c) => ({ ...asList(c), files: JSON.parse(c.files) as { id: string; filename: string }[] }));
}

/** How many lists in `access` carried at least one request of its share. */
export async function receivedCampaignCount(access: CampaignAccess) {
  const { count } = await listsReceived(access)
    .select(({ fn }) => fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  return count;
}

/** The `limit` latest lists of either application, empty ones included, with their request counts. */
export async function latestCampaigns(limit: number) {
  const rows = await readDb()
    .selectFrom("RepriseCampaign as c")
    .select(listColumns({ scope: "TOUT" }))
    .orderBy("c.month", "desc")
    .orderBy("c.application", "asc")
    .limit(limit)
    .execute();
  return rows.map(asList);
}
