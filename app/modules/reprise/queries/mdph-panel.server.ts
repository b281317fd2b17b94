/**
 * The MDPH director's reprise panel on /mdph, on the read side (decision 021) and from the
 * workflow projection (decision 017), never from snapshots.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { carriesTag, projectedFields, projectedOf } from "~/modules/workflow/queries.server";
import { can } from "~/utils/permissions";
import { compiledOnce } from "~/utils/read-db.server";
import { refusal, success, type Result } from "~/utils/result";
import type { IsoDate } from "~/utils/working-days";
import { avenantLate, nextDeadline, nextDispatchDays } from "../calendar.server";
import { isCoordinator, PAGE_FORBIDDEN } from "../policy.server";
import { listFlags } from "../workflow.server";

/** The MDPH's open or accepted requests, with their projected facts. */
const openRequests = compiledOnce((db, args: { organisationId: string }) =>
  db
    .selectFrom("RepriseRequest as r")
    .innerJoin("WorkflowInstance as w", "w.id", "r.workflowId")
    .select(["r.id", "r.reference", "r.application", "w.status", projectedFields("w.id").as("fields")])
    .where("r.organisationId", "=", args.organisationId)
    .where((eb) => eb.or([carriesTag("w.id", "ouverte"), eb("w.status", "=", "acceptee")]))
    .orderBy("r.application")
    .orderBy("r.priority"),
);

/** The MDPH's signed avenants with no request of their application yet. */
const avenantsWithoutRequest = compiledOnce((db, args: { organisationId: string }) =>
  db
    .selectFrom("AvenantSignature as s")
    .select(["s.application", "s.requestDeadline"])
    .where("s.organisationId", "=", args.organisationId)
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
    .orderBy("s.signedOn", "desc"),
);

/**
 * The MDPH director's reprise panel: their MDPH's open or accepted requests with what each waits
 * for next, and the avenants signed whose request is still to be made (the MDPH is bound by
 * their deadline). Refused to whoever may see neither requests nor avenants.
 */
export async function mdphReprisePanel(user: SessionUser, today: IsoDate): Promise<Result<MdphReprisePanel>> {
  if (!isCoordinator(user) && !can(user, "request:reprise")) return refusal("INTERDIT", PAGE_FORBIDDEN);
  const { organisationId } = user;
  const [requests, avenants, dispatch] = await Promise.all([
    openRequests({ organisationId }),
    avenantsWithoutRequest({ organisationId }),
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
