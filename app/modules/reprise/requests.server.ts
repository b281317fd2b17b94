/**
 * The reprise requests and avenants a person may see (policy.server.ts), with their workflow's
 * context, timeline and the events the page offers. Out of scope: a refusal (decision 019),
 * 404 for a request the person may not know exists.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { availableEvents, contextOf, getTimeline } from "~/modules/workflow/engine.server";
import { storedWorkflow, tagged } from "~/modules/workflow/queries.server";
import { prisma } from "~/utils/db.server";
import { can } from "~/utils/permissions";
import { refusal, success, type Result } from "~/utils/result";
import type { Application, RepriseContext, RepriseEvent } from "../../../workflows/reprise";
import { allowedEvents, isCoordinator, PAGE_FORBIDDEN, PAGE_NOT_FOUND, visibleRequests } from "./policy.server";
import { REPRISE_WORKFLOW } from "./workflow.server";

const requestInclude = {
  organisation: {
    select: {
      id: true,
      name: true,
      shortName: true,
      departement: { select: { code: true, name: true, opalesCentre: true } },
    },
  },
  workflow: { select: { status: true, rowVersion: true, ...storedWorkflow, tags: { select: { tag: true } } } },
  signature: true,
  campaignItems: {
    include: { campaign: { select: { month: true, dispatchedAt: true } } },
    orderBy: { campaign: { month: "asc" } },
  },
} as const;

function withContext<
  T extends { workflow: { type: string; machineVersion: number; snapshot: string; tags: { tag: string }[] } },
>(row: T) {
  const { snapshot: _snapshot, tags, ...workflow } = row.workflow;
  return {
    ...row,
    workflow,
    /** The state's tags, e.g. "ouverte" (workflows/reprise.ts). */
    tags: tags.map((t) => t.tag),
    context: contextOf<RepriseContext>(row.workflow),
  };
}

export type RepriseRow = ReturnType<typeof withContext<Awaited<ReturnType<typeof findRequests>>[number]>>;

function findRequests(where: object) {
  return prisma.repriseRequest.findMany({
    where,
    include: requestInclude,
    orderBy: [{ application: "asc" }, { priority: "asc" }],
  });
}

/** `statuses`: the states the person chose in a filter; `tag`: a tag of the machine's states. */
export async function listRequests(
  user: SessionUser,
  filter: { application?: Application; statuses?: string[]; tag?: string } = {},
): Promise<Result<RepriseRow[]>> {
  const scope = visibleRequests(user);
  if (!scope) return refusal("INTERDIT", PAGE_FORBIDDEN);
  const rows = await findRequests({
    AND: [
      scope,
      filter.application ? { application: filter.application } : {},
      filter.statuses ? { workflow: { type: REPRISE_WORKFLOW, status: { in: filter.statuses } } } : {},
      filter.tag ? { workflow: { type: REPRISE_WORKFLOW, ...tagged(filter.tag) } } : {},
    ],
  });
  return success(rows.map(withContext));
}

/** The request if this person may see it; 404 otherwise (its existence is not revealed). */
export async function getRequest(user: SessionUser, id: string) {
  const scope = visibleRequests(user);
  if (!scope) return refusal("INTROUVABLE", PAGE_NOT_FOUND);
  const row = await prisma.repriseRequest.findFirst({ where: { AND: [{ id }, scope] }, include: requestInclude });
  if (!row) return refusal("INTROUVABLE", "Cette demande de reprise est introuvable.");
  const allowed = allowedEvents(user, row);
  return success({
    ...withContext(row),
    timeline: await getTimeline(row.workflowId),
    allowedEvents: allowed,
    /** What the page offers: each allowed event, possible now or with the reason why not. */
    events: availableEvents(row.workflow, allowed),
  });
}

/** The avenants this person may see: every one for the coordinator, their MDPH's for a director. */
export async function listSignatures(user: SessionUser) {
  const where = isCoordinator(user)
    ? {}
    : can(user, "request:reprise")
      ? { organisationId: user.organisationId }
      : null;
  if (!where) return refusal("INTERDIT", PAGE_FORBIDDEN);
  return success(
    await prisma.avenantSignature.findMany({
      where,
      include: { organisation: { select: { name: true, departementCode: true } }, requests: { select: { id: true } } },
      orderBy: { signedOn: "desc" },
    }),
  );
}

export type { RepriseEvent };
