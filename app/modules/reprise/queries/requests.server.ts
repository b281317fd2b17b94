/**
 * The reprise requests as the lists show them, on the read side (decision 021) and from the
 * workflow projection (decision 017), never from snapshots: the request tables (the State
 * services' pages, the coordinator's list).
 */
import { sql } from "kysely";
import type { SessionUser } from "~/modules/auth/session.server";
import { carriesTag, projectedFields, projectedOf } from "~/modules/workflow/queries.server";
import { readDb } from "~/utils/read-db.server";
import { refusal, success } from "~/utils/result";
import type { IsoDate } from "~/utils/working-days";
import type { Application } from "../../../../workflows/reprise";
import { PAGE_FORBIDDEN, visibleRequest, visibleRequests } from "../policy.server";
import { requestRow } from "../request-tables.server";

/** Reprise requests ("r") with their workflow ("w"), MDPH ("o") and its département ("d"), on the read connection. */
export function requestsWithMdph() {
  return readDb()
    .selectFrom("RepriseRequest as r")
    .innerJoin("WorkflowInstance as w", "w.id", "r.workflowId")
    .innerJoin("Organisation as o", "o.id", "r.organisationId")
    .leftJoin("Departement as d", "d.code", "o.departementCode");
}

/** The requests with what every table shows of them: MDPH, centre of its département, state and projection. */
function tableRequests() {
  return requestsWithMdph().select([
    "r.id",
    "r.reference",
    "r.application",
    "r.departementCode",
    "r.requestDate",
    "r.desiredDate",
    "r.priority",
    "o.name as mdph",
    "d.opalesCentre",
    "w.status",
    projectedFields("w.id").as("fields"),
  ]);
}

export type TableRequest = Omit<
  Awaited<ReturnType<ReturnType<typeof tableRequests>["execute"]>>[number],
  "fields" | "priority"
> & { fields: Record<string, string | null> };

/**
 * The requests this person sees as the tables show them (requestRow), in the CNSA's order;
 * `statuses`: the states chosen in a filter; `tag`: a tag of the machine's states.
 */
export async function requestTable(
  user: SessionUser,
  today: IsoDate,
  filter: { application?: Application; statuses?: string[]; tag?: string } = {},
) {
  if (!visibleRequests(user)) return refusal("INTERDIT", PAGE_FORBIDDEN);
  const { application, statuses, tag } = filter;
  const rows = await tableRequests()
    .where(visibleRequest(user))
    .$if(application !== undefined, (q) => q.where("r.application", "=", application!))
    .$if(statuses !== undefined, (q) =>
      statuses!.length > 0 ? q.where("w.status", "in", statuses!) : q.where(sql<boolean>`0 = 1`),
    )
    .$if(tag !== undefined, (q) => q.where(carriesTag("w.id", tag!)))
    .orderBy("r.application")
    .orderBy("r.priority")
    .execute();
  return success(
    rows.map(({ priority, fields, ...row }) => ({
      ...requestRow({ ...row, fields: projectedOf(fields) }, today),
      priority,
    })),
  );
}
