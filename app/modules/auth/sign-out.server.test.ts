import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { createCnaf } from "../../../test/support/organisations";
import { createPerson } from "../../../test/support/people";
import { createSession, sessionUserById, validateSessionToken, type SessionUser } from "./session.server";
import { signOut, signOutEverywhere, signOutOtherSessions } from "./sign-out.server";

let user: SessionUser;
const lastAudit = () => prisma.auditEntry.findFirstOrThrow({ orderBy: { seq: "desc" } });
const open = () => createSession(user.id, { twoFactorVerified: true });

beforeAll(async () => {
  const person = await createPerson({
    email: "lea@cnaf.example",
    organisationId: await createCnaf(),
    passwordHash: null,
  });
  user = (await sessionUserById(person.id))!;
});

describe("signing out", () => {
  it("ends this session only, journalled under the person's record", async () => {
    const [mine, other] = [await open(), await open()];
    await signOut(user, mine.session.id);
    expect(await validateSessionToken(mine.token)).toBeNull();
    expect(await validateSessionToken(other.token)).not.toBeNull();
    expect(await lastAudit()).toMatchObject({
      action: "deconnexion",
      entityType: "Utilisateur",
      entityId: user.id,
      organisationId: user.organisationId,
      actorId: user.id,
    });
  });

  it("ends the other sessions and keeps this one, or ends them all, and says how many", async () => {
    await prisma.session.deleteMany({ where: { userId: user.id } });
    const [mine, a, b] = [await open(), await open(), await open()];
    expect(await signOutOtherSessions(user, mine.session.id)).toBe(2);
    expect(await validateSessionToken(mine.token)).not.toBeNull();
    expect(await validateSessionToken(a.token)).toBeNull();
    expect(await validateSessionToken(b.token)).toBeNull();
    expect(await lastAudit()).toMatchObject({
      action: "deconnexion-autres-sessions",
      data: JSON.stringify({ sessions: 2 }),
    });
    expect(await signOutEverywhere(user)).toBe(1);
    expect(await validateSessionToken(mine.token)).toBeNull();
    expect(await lastAudit()).toMatchObject({ action: "deconnexion-partout", data: JSON.stringify({ sessions: 1 }) });
  });
});
