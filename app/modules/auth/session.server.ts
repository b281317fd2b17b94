/**
 * Sessions as Lucia's author now recommends (lucia-auth.com, "Sessions"): the cookie holds
 * `<id>.<secret>`, the database only SHA-256(secret); an idle expiry that slides with use,
 * a hard limit, and invalidation of one, all or all-but-one sessions of a person.
 */
import { sql } from "kysely";
import { prisma } from "~/utils/db.server";
import { compiledOnce, isoInstant } from "~/utils/read-db.server";
import { inAWorkGroup } from "~/modules/groups/policy.server";
import { now as clockNow } from "~/utils/clock.server";
import { env } from "~/utils/env.server";
import { newToken, secretMatches, splitToken } from "./tokens.server";
import { isRole, type Role } from "~/utils/roles";

/** The organisation a signed-in person acts for, as the pages and the access rules need it. */
export type SessionOrganisation = {
  id: string;
  code: string;
  kind: string;
  name: string;
  shortName: string;
  departementCode: string | null;
  /** The region an ARS or a GRADeS serves (null for other kinds): what its people read by region. */
  regionCode: string | null;
};

export type SessionUser = {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  organisationId: string;
  organisation: SessionOrganisation;
  roles: Role[];
  totpEnabled: boolean;
};

export type AuthSession = {
  id: string;
  userId: string;
  expiresAt: Date;
  absoluteExpiresAt: Date;
  twoFactorVerified: boolean;
  /** When the person last confirmed their identity for a sensitive action (decision 015). */
  reauthenticatedAt: Date | null;
};

/** Only refresh the idle expiry once a minute, not on every request. */
const SLIDE_GRANULARITY_MS = 60_000;

/** The columns a SessionUser is built from (toSessionUser). */
export const SESSION_USER_SELECT = {
  id: true,
  email: true,
  firstName: true,
  lastName: true,
  active: true,
  organisationId: true,
  totpEnabledAt: true,
  organisation: {
    select: {
      id: true,
      code: true,
      kind: true,
      name: true,
      shortName: true,
      departementCode: true,
      regionCode: true,
      active: true,
    },
  },
  roles: { select: { role: true } },
} as const;

export async function createSession(
  userId: string,
  meta: { ip?: string | null; userAgent?: string | null; twoFactorVerified: boolean },
  now = clockNow(),
) {
  const { id, token, secretHash } = newToken();
  const { sessionIdleMinutes, sessionMaxHours } = env();
  const session = await prisma.session.create({
    data: {
      id,
      secretHash,
      userId,
      createdAt: now,
      lastActivityAt: now,
      expiresAt: new Date(now.getTime() + sessionIdleMinutes * 60_000),
      absoluteExpiresAt: new Date(now.getTime() + sessionMaxHours * 3_600_000),
      twoFactorVerified: meta.twoFactorVerified,
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    },
  });
  return { token, session: toAuthSession(session) };
}

/** The session without the rest of its row (the token's hash stays in the database). */
function toAuthSession(row: AuthSession): AuthSession {
  return {
    id: row.id,
    userId: row.userId,
    expiresAt: row.expiresAt,
    absoluteExpiresAt: row.absoluteExpiresAt,
    twoFactorVerified: row.twoFactorVerified,
    reauthenticatedAt: row.reauthenticatedAt,
  };
}

/** The session row and its person's, read in one statement on the read connection (validateSessionToken). */
type SessionRow = {
  id: string;
  secretHash: Uint8Array;
  userId: string;
  expiresAt: string | number;
  absoluteExpiresAt: string | number;
  lastActivityAt: string | number;
  twoFactorVerified: number;
  reauthenticatedAt: string | number | null;
  email: string;
  firstName: string;
  lastName: string;
  active: number;
  totpEnabledAt: string | number | null;
  organisationId: string;
  organisationActive: number;
  roles: string;
  inWorkGroup: number;
} & Omit<SessionOrganisation, "id">;

/**
 * The session, its person, their organisation and roles, and whether the organisation sits in a
 * work group: everything a signed-in page's layout needs, in one statement (every page pays it).
 */
const sessionRows = compiledOnce((db, args: { id: string }) => {
  const query = sql<SessionRow>`
    SELECT s.id, s.secretHash, s.userId, s.expiresAt, s.absoluteExpiresAt, s.lastActivityAt, s.twoFactorVerified,
      s.reauthenticatedAt, u.email, u.firstName, u.lastName, u.active, u.totpEnabledAt,
      o.id AS organisationId, o.code, o.kind, o.name, o.shortName, o.departementCode, o.regionCode,
      o.active AS organisationActive,
      (SELECT json_group_array(role) FROM (SELECT r.role FROM UserRole r WHERE r.userId = u.id ORDER BY r.role)) AS roles,
      ${inAWorkGroup(sql.ref("o.id"))} AS inWorkGroup
    FROM Session s JOIN User u ON u.id = s.userId JOIN Organisation o ON o.id = u.organisationId
    WHERE s.id = ${args.id}`;
  return { compile: () => query.compile(db) };
});

const instant = (value: string | number) => new Date(isoInstant(value));

/**
 * Returns the session and its person, or null when the token is unknown, wrong, expired,
 * or belongs to a deactivated person or organisation. `extend` forces the idle expiry forward
 * (the "Prolonger ma session" button). Read on the read connection; only what must change is
 * written (the expired session deleted, the idle expiry slid forward at most once a minute).
 * `inWorkGroup`: whether the person's organisation sits in a work group (withGroupFacts).
 */
export async function validateSessionToken(
  token: string,
  options: { extend?: boolean; now?: Date } = {},
): Promise<{ session: AuthSession; user: SessionUser; inWorkGroup: boolean } | null> {
  const parts = splitToken(token);
  if (!parts) return null;
  const now = options.now ?? clockNow();
  const [row] = await sessionRows({ id: parts.id });
  if (!row || !secretMatches(parts.secret, row.secretHash)) return null;
  const expiresAt = instant(row.expiresAt);
  const absoluteExpiresAt = instant(row.absoluteExpiresAt);
  if (now >= expiresAt || now >= absoluteExpiresAt || !row.active || !row.organisationActive) {
    await prisma.session.deleteMany({ where: { id: row.id } });
    return null;
  }
  let session: AuthSession = {
    id: row.id,
    userId: row.userId,
    expiresAt,
    absoluteExpiresAt,
    twoFactorVerified: Boolean(row.twoFactorVerified),
    reauthenticatedAt: row.reauthenticatedAt === null ? null : instant(row.reauthenticatedAt),
  };
  if (options.extend || now.getTime() - instant(row.lastActivityAt).getTime() >= SLIDE_GRANULARITY_MS) {
    const idleMs = env().sessionIdleMinutes * 60_000;
    const slid = new Date(Math.min(now.getTime() + idleMs, absoluteExpiresAt.getTime()));
    await prisma.session.update({ where: { id: row.id }, data: { lastActivityAt: now, expiresAt: slid } });
    session = { ...session, expiresAt: slid };
  }
  const user = toSessionUser({
    id: row.userId,
    email: row.email,
    firstName: row.firstName,
    lastName: row.lastName,
    organisationId: row.organisationId,
    totpEnabledAt: row.totpEnabledAt === null ? null : instant(row.totpEnabledAt),
    organisation: {
      id: row.organisationId,
      code: row.code,
      kind: row.kind,
      name: row.name,
      shortName: row.shortName,
      departementCode: row.departementCode,
      regionCode: row.regionCode,
    },
    roles: (JSON.parse(row.roles) as string[]).map((role) => ({ role })),
  });
  return { session, user, inWorkGroup: Number(row.inWorkGroup) === 1 };
}

type UserRow = {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  organisationId: string;
  totpEnabledAt: Date | null;
  organisation: SessionOrganisation;
  roles: { role: string }[];
};

export function toSessionUser(user: UserRow): SessionUser {
  const { id, code, kind, name, shortName, departementCode, regionCode } = user.organisation;
  return {
    id: user.id,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    organisationId: user.organisationId,
    organisation: { id, code, kind, name, shortName, departementCode, regionCode },
    roles: user.roles.map((r) => r.role).filter(isRole),
    totpEnabled: user.totpEnabledAt !== null,
  };
}

/** A person as the permission checks see them, without a session (ICS feeds, jobs); null when inactive. */
export async function sessionUserById(id: string): Promise<SessionUser | null> {
  const user = await prisma.user.findUnique({ where: { id }, select: SESSION_USER_SELECT });
  if (!user || !user.active || !user.organisation.active) return null;
  return toSessionUser(user);
}

export async function markSessionTwoFactorVerified(sessionId: string) {
  await prisma.session.update({ where: { id: sessionId }, data: { twoFactorVerified: true } });
}

export async function invalidateSession(sessionId: string) {
  await prisma.session.deleteMany({ where: { id: sessionId } });
}

/** Ends every session of a person, except `exceptSessionId` when given (the one in use). */
export async function invalidateUserSessions(userId: string, exceptSessionId?: string) {
  const result = await prisma.session.deleteMany({
    where: { userId, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
  });
  return result.count;
}

export async function listUserSessions(userId: string) {
  return prisma.session.findMany({
    where: { userId },
    orderBy: { lastActivityAt: "desc" },
    select: { id: true, createdAt: true, lastActivityAt: true, ip: true, userAgent: true },
  });
}

export async function deleteExpiredSessions(now = clockNow()) {
  const result = await prisma.session.deleteMany({
    where: { OR: [{ expiresAt: { lte: now } }, { absoluteExpiresAt: { lte: now } }] },
  });
  return result.count;
}
