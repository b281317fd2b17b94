/**
 * The version page's header as the Prisma read model computed it before it moved to the read
 * connection (app/modules/rfc/read-models.server.ts, versionView): the oracle of its test.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { parseRichText } from "~/modules/richtext/render.server";
import { cycleEventsFor } from "~/modules/rfc/policy.server";
import { timeLeftLabel } from "~/modules/rfc/labels";
import { rfcSummary } from "~/modules/rfc/read-models.server";
import { answeredOrganisationIds, versionInScope } from "~/modules/rfc/versions.server";
import { availableEvents, getTimeline } from "~/modules/workflow/engine.server";
import { now as clockNow } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { can } from "~/utils/permissions";
import { success } from "~/utils/result";
import { RFC_CYCLE_STATE_LABELS } from "../../workflows/rfc-cycle";

/** One version with its cycle: what the version page shows, beside the comments. */
export async function versionViewThroughPrisma(
  user: SessionUser,
  number: string,
  versionNumber: number,
  now = clockNow(),
) {
  const found = await versionInScope(user, number, versionNumber);
  if (!found.ok) return found;
  const { rfc, access, version } = found.value;
  const [group, invitations, versionCount, answered, timeline] = await Promise.all([
    prisma.workGroup.findUniqueOrThrow({ where: { id: rfc.groupId }, select: { id: true, code: true, name: true } }),
    prisma.rfcInvitation.findMany({
      where: { versionId: version.id },
      include: { organisation: { select: { id: true, name: true, shortName: true, kind: true } } },
    }),
    prisma.rfcVersion.count({ where: { rfcId: rfc.id } }),
    answeredOrganisationIds(prisma, version.id),
    getTimeline(version.workflowId),
  ]);
  const invited = invitations.some((i) => i.organisationId === user.organisationId) && can(user, "comment:rfc");
  const at = now.toISOString();
  const open = version.status === "ouvert" && version.context.deadline !== null && at < version.context.deadline;
  const content = version.content;
  return success({
    rfc: rfcSummary(rfc),
    group,
    access,
    version: {
      id: version.id,
      number: version.number,
      /** The stored text, for the cached rendering of the version page (version-text.server.ts). */
      content,
      /** Parsed on demand: the version page serves its cached rendering and never needs it. */
      get document() {
        return parseRichText(content) ?? { type: "doc" as const, content: [] };
      },
      changeNote: version.changeNote,
      updatedAt: version.updatedAt.toISOString(),
      status: version.status,
      statusLabel: RFC_CYCLE_STATE_LABELS[version.status] ?? version.status,
      workflowRowVersion: version.workflow.rowVersion,
      context: version.context,
      timeLeft: version.status === "ouvert" ? timeLeftLabel(version.context.deadline, now) : null,
      isLatest: version.number === versionCount,
      latest: versionCount,
    },
    /** The cycle events this person may send, possible now or not and why (the engine's answer). */
    events: availableEvents(version.workflow, cycleEventsFor(access), now),
    invitations: invitations
      .map((i) => ({
        id: i.organisationId,
        name: i.organisation.name,
        kind: i.organisation.kind,
        answered: answered.has(i.organisationId),
      }))
      .sort((a, b) => a.name.localeCompare(b.name, "fr")),
    /** The person may post: their organisation is invited and the cycle takes comments now. */
    canComment: invited && open,
    invited,
    acceptingComments: open,
    timeline,
  });
}
