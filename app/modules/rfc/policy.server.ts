/**
 * RFC look-ups with their access rules (app/modules/groups/policy.server.ts holds the rules).
 * Outside a person's scope an RFC is INTROUVABLE (404); inside it, an action the person may not
 * take is INTERDIT (403) or a French refusal. Refusals are Results (decision 019): the route
 * turns them into HTTP answers.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { readableGroupIds, rfcAccess, type RfcAccess } from "~/modules/groups/policy.server";
import type { Rfc } from "~/generated/prisma/client";
import { readDb } from "~/utils/read-db.server";
import { can } from "~/utils/permissions";
import { refusal, success, type Result } from "~/utils/result";

export const RFC_NUMBER = /^RFC-\d{4}-\d{3,}$/;

/** The words of every RFC record the person may not know of (as the 404 page has always said). */
export const NOT_FOUND = "Page introuvable.";
export const notFound = () => refusal("INTROUVABLE", NOT_FOUND);

export const PILOT_ONLY = "Seul le pilote du groupe ou la coordination CNSA peut faire cette action.";

/** The RFC of this number, as the app's client returns it, read on the read connection (every RFC page asks it first). */
export async function rfcByNumber(number: string): Promise<Rfc | null> {
  if (!RFC_NUMBER.test(number)) return null;
  const row = await readDb().selectFrom("Rfc").selectAll().where("number", "=", number).executeTakeFirst();
  return row ? rfcOfRow(row) : null;
}

/** An Rfc row read raw, as the app's client gives it: its DateTime columns (ISO text or epoch milliseconds) as Dates. */
export function rfcOfRow(
  row: Omit<Rfc, "adoptedAt" | "createdAt" | "updatedAt"> & {
    adoptedAt: string | number | null;
    createdAt: string | number;
    updatedAt: string | number;
  },
): Rfc {
  const { adoptedAt, createdAt, updatedAt } = row;
  return {
    ...row,
    adoptedAt: adoptedAt === null ? null : new Date(adoptedAt),
    createdAt: new Date(createdAt),
    updatedAt: new Date(updatedAt),
  };
}

export type ReadableRfc = { rfc: NonNullable<Awaited<ReturnType<typeof rfcByNumber>>>; access: RfcAccess };

/** The RFC and what the person may do on it; INTROUVABLE when it does not exist or they may not read it. */
export async function readableRfc(user: SessionUser, number: string): Promise<Result<ReadableRfc>> {
  const rfc = await rfcByNumber(number);
  if (!rfc) return notFound();
  const access = await rfcAccess(user, rfc.id);
  if (!access.read) return notFound();
  return success({ rfc, access });
}

/** Pilots (of the group's pilot organisation) and the coordinator; INTERDIT for other readers. */
export function pilotOnly(access: RfcAccess, message = PILOT_ONLY): Result {
  return access.pilot ? success() : refusal("INTERDIT", message);
}

/** The readable RFC, when the person pilots it too (INTROUVABLE, then INTERDIT, otherwise). */
export async function pilotedRfc(
  user: SessionUser,
  number: string,
  message = PILOT_ONLY,
): Promise<Result<ReadableRfc>> {
  const found = await readableRfc(user, number);
  if (!found.ok) return found;
  const pilot = pilotOnly(found.value.access, message);
  return pilot.ok ? found : pilot;
}

/** The cycle events a person may send on the RFC's versions: its pilots all of them, others none. */
export function cycleEventsFor(access: RfcAccess): string[] {
  return access.pilot ? ["OUVRIR", "PROLONGER", "CONCLURE", "RETIRER"] : [];
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
