/**
 * Personal ICS feeds: a secret URL per person (only its SHA-256 is stored), which they can
 * regenerate or revoke at any time. The URL is shown once, when created.
 */
import { createHash } from "node:crypto";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { randomId } from "~/modules/auth/tokens.server";
import { audit } from "~/modules/journal/audit.server";

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

export function feedUrl(token: string) {
  return `${env().appUrl}/calendrier/flux/${token}.ics`;
}

export async function createFeedToken(user: {
  id: string;
  firstName: string;
  lastName: string;
  organisationId: string;
}) {
  const token = randomId(20);
  await prisma.user.update({ where: { id: user.id }, data: { calendarTokenHash: hashOf(token) } });
  await audit({
    actor: { id: user.id, label: `${user.firstName} ${user.lastName}` },
    action: "flux-calendrier-cree",
    entityType: "Utilisateur",
    entityId: user.id,
    organisationId: user.organisationId,
  });
  return token;
}

export async function revokeFeedToken(user: {
  id: string;
  firstName: string;
  lastName: string;
  organisationId: string;
}) {
  await prisma.user.update({ where: { id: user.id }, data: { calendarTokenHash: null } });
  await audit({
    actor: { id: user.id, label: `${user.firstName} ${user.lastName}` },
    action: "flux-calendrier-revoque",
    entityType: "Utilisateur",
    entityId: user.id,
    organisationId: user.organisationId,
  });
}

export async function hasFeed(userId: string) {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { calendarTokenHash: true } });
  return Boolean(user?.calendarTokenHash);
}

export async function findFeedOwner(token: string) {
  if (!/^[a-z2-7]{20,64}$/.test(token)) return null;
  return prisma.user.findFirst({ where: { calendarTokenHash: hashOf(token), active: true } });
}
