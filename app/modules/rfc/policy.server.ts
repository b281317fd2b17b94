/**
 * RFC look-ups with their access rules (app/modules/groups/access.server.ts holds the rules).
 * Outside a person's scope an RFC answers 404; inside it, an action the person may not take
 * answers 403 or a French refusal.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { readableGroupIds, rfcAccess, type RfcAccess } from "~/modules/groups/policy.server";
import { forbidden, notFound } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { can } from "~/utils/permissions";

export const RFC_NUMBER = /^RFC-\d{4}-\d{3,}$/;

export async function rfcByNumber(number: string) {
  if (!RFC_NUMBER.test(number)) return null;
  return prisma.rfc.findUnique({ where: { number } });
}

/** The RFC and what the person may do on it; 404 when it does not exist or they may not read it. */
export async function requireRfc(user: SessionUser, number: string) {
  const rfc = await rfcByNumber(number);
  if (!rfc) throw notFound();
  const access = await rfcAccess(user, rfc.id);
  if (!access.read) throw notFound();
  return { rfc, access };
}

/** Pilots (of the group's pilot organisation) and the coordinator; 403 for other readers. */
export function requirePilot(
  access: RfcAccess,
  message = "Seul le pilote du groupe ou la coordination CNSA peut faire cette action.",
) {
  if (!access.pilot) throw forbidden(message);
}

/** Prisma filter of the RFCs this person may read (the same rules as rfcAccess, as a query). */
export async function readableRfcWhere(user: SessionUser) {
  if (can(user, "manage:group")) return {};
  const groupIds = await readableGroupIds(user);
  const or: object[] = [{ groupId: { in: groupIds } }];
  if (can(user, "read:rfc") && can(user, "comment:rfc"))
    or.push({ versions: { some: { invitations: { some: { organisationId: user.organisationId } } } } });
  if (can(user, "record:rfc-position") && user.organisation.kind === "MDPH") or.push({ status: "ADOPTEE" });
  return { OR: or };
}
