/**
 * The reprise requests as the lists show them, on the read side (decision 021) and from the
 * workflow projection (decision 017), never from snapshots: the request tables (the State
 * services' pages, the coordinator's list) and the MDPH director's reprise panel.
 */
import { sql } from "kysely";
import type { SessionUser } from "~/modules/auth/session.server";
import { carriesTag, projectedFields, projectedOf } from "~/modules/workflow/queries.server";
import { can } from "~/utils/permissions";
import { readDb } from "~/utils/read-db.server";
import { refusal, success, type Result } from "~/utils/result";
import type { IsoDate } from "~/utils/working-days";
import type { Application } from "../../../../workflows/reprise";
import { avenantLate, nextDeadline, nextDispatchDays } from "../calendar.server";
import { isCoordinator, PAGE_FORBIDDEN, visibleRequest, visibleRequests } from "../policy.server";
import { requestRow } from "../request-tables.server";
import { listFlags } from "../workflow.server";

/** The requests with what every table shows of them: MDPH, centre of its département, state and projection. */
function tableRequests() {
  return readDb()
    .selectFrom("RepriseRequest as r")
    .innerJoin("WorkflowInstance as w", "w.id", "r.workflowId")
    .innerJoin("Organisation as o", "o.id", "r.organisationId")
    .leftJoin("Departement as d", "d.code", "o.departementCode")
    .select([
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

/**
 * The MDPH director's reprise panel: their MDPH's open or accepted requests with what each waits
 * for next, and the avenants signed whose request is still to be made (the MDPH is bound by
 * their deadline). Refused to whoever may see neither requests nor avenants.
 */
export async function mdphReprisePanel(user: SessionUser, today: IsoDate): Promise<Result<MdphReprisePanel>> {
  if (!isCoordinator(user) && !can(user, "request:reprise")) return refusal("INTERDIT", PAGE_FORBIDDEN);
  const db = readDb();
  const [requests, avenants, dispatch] = await Promise.all([
    db
      .selectFrom("RepriseRequest as r")
      .innerJoin("WorkflowInstance as w", "w.id", "r.workflowId")
      .select(["r.id", "r.reference", "r.application", "w.status", projectedFields("w.id").as("fields")])
      .where("r.organisationId", "=", user.organisationId)
      .where((eb) => eb.or([carriesTag("w.id", "ouverte"), eb("w.status", "=", "acceptee")]))
      .orderBy("r.application")
      .orderBy("r.priority")
      .execute(),
    db
      .selectFrom("AvenantSignature as s")
      .select(["s.application", "s.requestDeadline"])
      .where("s.organisationId", "=", user.organisationId)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("RepriseRequest as r")
              .select("r.id")
              .whereRef("r.organisationId", "=", "s.organisationId")
              .whereRef("r.application", "=", "s.application"),
          ),
        ),
      )
      .orderBy("s.signedOn", "desc")
      .execute(),
    nextDispatchDays(),
  ]);
  return success({
    reprises: requests.map((r) => {
      const fields = projectedOf(r.fields);
      return {
        id: r.id,
        reference: r.reference,
        status: r.status,
        next: nextDeadline(
          { application: r.application, status: r.status, replay: listFlags(fields, "last").replay, fields },
          today,
          dispatch,
        ),
      };
    }),
    // No request of the avenant's application: none can point to the avenant either.
    pendingAvenants: avenants.map((s) => ({ ...s, late: avenantLate({ ...s, requests: [] }, today) })),
  });
}

export type MdphReprisePanel = {
  reprises: { id: string; reference: string; status: string; next: ReturnType<typeof nextDeadline> }[];
  pendingAvenants: { application: string; requestDeadline: string; late: boolean }[];
};
