/**
 * A person of a reference organisation, with roles, as the services see them after sign-in
 * (a SessionUser). Needs the reference data loaded (seeds/reference/load.server.ts).
 */
import { prisma } from "~/utils/db.server";
import { createSession, sessionUserById, type SessionUser } from "~/modules/auth/session.server";

export async function person(email: string, organisationCode: string, roles: string[]): Promise<SessionUser> {
  const organisation = await prisma.organisation.findUniqueOrThrow({ where: { code: organisationCode } });
  const user = await prisma.user.create({
    data: { email, firstName: "Test", lastName: email.split("@")[0], organisationId: organisation.id, passwordHash: "x", roles: { create: roles.map((role) => ({ role })) } },
  });
  await createSession(user.id, { twoFactorVerified: true });
  return (await sessionUserById(user.id))!;
}
