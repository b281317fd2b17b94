/**
 * The State service's home (/etat) on the read side (decision 021): its organisation, the
 * départements its OPALES centre serves, and the requests awaiting its answer with only what the
 * panel shows of them, overdue first, counted and ordered in SQL.
 */
import { sql } from "kysely";
import type { SessionUser } from "~/modules/auth/session.server";
import { carriesTag } from "~/modules/workflow/queries.server";
import { dayLabel } from "~/utils/format";
import { readDb } from "~/utils/read-db.server";
import { success } from "~/utils/result";
import type { IsoDate } from "~/utils/working-days";
import { receivedListCount, receivedLists } from "../campaign-lists.server";
import { serviceOf, visibleRequest, type Service } from "../policy.server";
import { requestsWithMdph } from "./requests.server";

/** The organisation's name, code and parent's name. */
function organisationHeading(organisationId: string) {
  return readDb()
    .selectFrom("Organisation as o")
    .leftJoin("Organisation as p", "p.id", "o.parentId")
    .select(["o.code", "o.name", "p.name as parent"])
    .where("o.id", "=", organisationId)
    .executeTakeFirstOrThrow();
}

/** The départements whose OPALES base the centre ("RENNES" | "VERSAILLES") serves, by code. */
function departementsServedBy(centre: string) {
  return readDb()
    .selectFrom("Departement")
    .select(["code", "name"])
    .where("opalesCentre", "=", centre)
    .orderBy("code")
    .execute();
}

/** The requests awaiting this service's answer: their answer deadline, the overdue ones first, then in the CNSA's order. */
async function awaitingAnswer(user: SessionUser, today: IsoDate) {
  const deadline = sql<
    string | null
  >`(SELECT f.value FROM WorkflowField AS f WHERE f.workflowId = w.id AND f.name = 'answerDeadline')`;
  const rows = await requestsWithMdph()
    .select(["r.id", "r.reference", "o.name as mdph", "r.desiredDate", deadline.as("answerDeadline")])
    .where(visibleRequest(user))
    .where(carriesTag("w.id", "attenteEtat"))
    .orderBy(sql`coalesce(${deadline} < ${today}, 0)`, "desc")
    .orderBy("r.application")
    .orderBy("r.priority")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    mdph: r.mdph,
    desiredDate: dayLabel(r.desiredDate),
    answerDeadline: r.answerDeadline ? dayLabel(r.answerDeadline) : null,
    answerOverdue: r.answerDeadline != null && r.answerDeadline < today,
  }));
}

/** What a service of the reprise sees of it: its centre's départements, its lists, the requests awaiting its answer. */
async function serviceShare(user: SessionUser, service: Service, today: IsoDate) {
  const [departements, lists, listTotal, awaiting] = await Promise.all([
    service.centre ? departementsServedBy(service.centre) : [],
    receivedLists(user, 5),
    receivedListCount(user),
    awaitingAnswer(user, today),
  ]);
  if (!lists.ok) return lists;
  if (!listTotal.ok) return listTotal;
  return success({ departements, lists: lists.value, listTotal: listTotal.value, awaiting });
}

/**
 * Everything /etat shows to a State service's person (only DAGEMO, MEN-STSI and its centres take
 * part in the reprise); refused as its lists are, to whom they are refused.
 */
export async function stateHome(user: SessionUser, today: IsoDate) {
  const organisation = await organisationHeading(user.organisationId);
  const service = serviceOf(organisation.code);
  const share: Awaited<ReturnType<typeof serviceShare>> = service
    ? await serviceShare(user, service, today)
    : success({ departements: [], lists: [], listTotal: 0, awaiting: [] });
  if (!share.ok) return share;
  return success({
    organisation: { name: organisation.name, parent: organisation.parent },
    application: service?.application ?? null,
    ...share.value,
  });
}
