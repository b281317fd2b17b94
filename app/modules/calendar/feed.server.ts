/**
 * Personal ICS feeds: a secret URL per person (only its SHA-256 is stored), which they can
 * regenerate or revoke at any time. The URL is shown once, when created.
 */
import { createHash } from "node:crypto";
import { prisma, writeTransaction } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { randomId } from "~/modules/auth/tokens.server";
import { auditBy } from "~/modules/journal/audit.server";

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

export function feedUrl(token: string) {
  return `${env().appUrl}/calendrier/flux/${token}.ics`;
}

type FeedOwner = { id: string; firstName: string; lastName: string; organisationId: string };

/** Replaces (or, with null, removes) the person's feed secret, with its journal entry in the same write. */
function setFeedTokenHash(user: FeedOwner, hash: string | null, action: string) {
  return writeTransaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { calendarTokenHash: hash } });
    await auditBy(tx, user, { action, entityType: "Utilisateur", entityId: user.id });
  });
}

export async function createFeedToken(user: FeedOwner) {
  const token = randomId(20);
  await setFeedTokenHash(user, hashOf(token), "flux-calendrier-cree");
  return token;
}

export async function revokeFeedToken(user: FeedOwner) {
  await setFeedTokenHash(user, null, "flux-calendrier-revoque");
}

export async function hasFeed(userId: string) {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { calendarTokenHash: true } });
  return Boolean(user?.calendarTokenHash);
}

export async function findFeedOwner(token: string) {
  if (!/^[a-z2-7]{20,64}$/.test(token)) return null;
  return prisma.user.findFirst({ where: { calendarTokenHash: hashOf(token), active: true } });
}
