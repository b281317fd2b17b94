import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { createTestMdph } from "../../../test/support/organisations";
import { createPerson } from "../../../test/support/people";
import { createFeedToken, findFeedOwner, hasFeed, revokeFeedToken } from "./feed.server";

const journalOf = (userId: string) =>
  prisma.auditEntry.findMany({
    where: { entityType: "Utilisateur", entityId: userId },
    orderBy: { seq: "asc" },
    select: { action: true, actorId: true, actorLabel: true, organisationId: true },
  });

describe("personal calendar feeds", () => {
  it("store only the token's hash, find their owner by the token, and journal creation and revocation", async () => {
    const organisation = await createTestMdph("mdph-flux", "MDPH flux");
    const user = await createPerson({
      email: "flux@essai.example",
      organisationId: organisation.id,
      passwordHash: null,
    });
    expect(await hasFeed(user.id)).toBe(false);

    const token = await createFeedToken(user);
    expect(await hasFeed(user.id)).toBe(true);
    expect(JSON.stringify(await prisma.user.findUniqueOrThrow({ where: { id: user.id } }))).not.toContain(token);
    expect(await findFeedOwner(token)).toMatchObject({ id: user.id });

    // A new token replaces the previous one, which no longer opens the feed.
    const second = await createFeedToken(user);
    expect(await findFeedOwner(token)).toBeNull();
    expect(await findFeedOwner(second)).toMatchObject({ id: user.id });

    await revokeFeedToken(user);
    expect(await hasFeed(user.id)).toBe(false);
    expect(await findFeedOwner(second)).toBeNull();
    const entry = { actorId: user.id, actorLabel: "Léa Essai", organisationId: organisation.id };
    expect(await journalOf(user.id)).toEqual([
      { action: "flux-calendrier-cree", ...entry },
      { action: "flux-calendrier-cree", ...entry },
      { action: "flux-calendrier-revoque", ...entry },
    ]);
  });
});
