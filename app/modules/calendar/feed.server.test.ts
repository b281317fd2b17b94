import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createCnaf } from "../../../test/support/organisations";
import { createPerson } from "../../../test/support/people";
import { prisma } from "~/utils/db.server";
import { createFeedToken, findFeedOwner, hasFeed, revokeFeedToken } from "./feed.server";

let organisationId: string;
beforeAll(async () => {
  organisationId = await createCnaf();
});

async function owner(email: string) {
  const user = await createPerson({ email, organisationId, passwordHash: "x" });
  return { id: user.id, firstName: user.firstName, lastName: user.lastName, organisationId };
}

const journal = (entityId: string) =>
  prisma.auditEntry.findMany({
    where: { entityId },
    orderBy: { seq: "asc" },
    select: { action: true, actorId: true, actorLabel: true, entityType: true, organisationId: true },
  });

describe("personal calendar feed", () => {
  it("stores only the secret's hash, and journals its creation and its revocation by the person", async () => {
    const user = await owner("lea.essai@cnaf.example");
    const token = await createFeedToken(user);
    const stored = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.calendarTokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(await hasFeed(user.id)).toBe(true);

    await revokeFeedToken(user);
    expect(await hasFeed(user.id)).toBe(false);
    const by = {
      actorId: user.id,
      actorLabel: "Léa Essai",
      entityType: "Utilisateur",
      organisationId: user.organisationId,
    };
    expect(await journal(user.id)).toEqual([
      { action: "flux-calendrier-cree", ...by },
      { action: "flux-calendrier-revoque", ...by },
    ]);
  });

  it("replaces the secret when the person regenerates it: the old address stops working", async () => {
    const user = await owner("leo.essai@cnaf.example");
    const first = await createFeedToken(user);
    const second = await createFeedToken(user);
    expect(second).not.toBe(first);
    const stored = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.calendarTokenHash).toBe(createHash("sha256").update(second).digest("hex"));
  });

  it("finds its owner by the secret, and no longer by a replaced or revoked one", async () => {
    const user = await owner("lou.essai@cnaf.example");
    const first = await createFeedToken(user);
    expect(await findFeedOwner(first)).toMatchObject({ id: user.id });
    const second = await createFeedToken(user);
    expect(await findFeedOwner(first)).toBeNull();
    expect(await findFeedOwner(second)).toMatchObject({ id: user.id });
    await revokeFeedToken(user);
    expect(await findFeedOwner(second)).toBeNull();
  });
});
