/**
 * A person of a reference organisation, with roles, as the services see them after sign-in
 * (a SessionUser). Needs the reference data loaded (seeds/reference/load.server.ts).
 */
import { prisma } from "~/utils/db.server";
import { createSession, sessionUserById, type SessionUser } from "~/modules/auth/session.server";

export async function person(email: string, organisationCode: string, roles: string[]): Promise<SessionUser> {
  const organisation = await prisma.organisation.findUniqueOrThrow({ where: { code: organisationCode } });
  const user = await prisma.user.create({
    data: {
      email,
      firstName: "Test",
      lastName: email.split("@")[0],
      organisationId: organisation.id,
      passwordHash: "x",
      roles: { create: roles.map((role) => ({ role })) },
    },
  });
  await createSession(user.id, { twoFactorVerified: true });
  return (await sessionUserById(user.id))!;
}

/** The reprise cast most tests need: the CNSA coordinator, the directors of MDPH 53 and 80, and DAGEMO (ITAC). */
export async function repriseCast() {
  return {
    coordinator: await person("coord@cnsa.example", "cnsa", ["COORDINATEUR_CNSA"]),
    director53: await person("dir53@mdph.example", "mdph-53", ["DIRECTEUR_MDPH"]),
    director80: await person("dir80@mdph.example", "mdph-80", ["DIRECTEUR_MDPH"]),
    dagemo: await person("itac@dagemo.example", "dagemo", ["SERVICE_ETAT"]),
  };
}

/** « Léa Essai » (or another name), a person of an organisation the test made itself, with her roles (no session). */
export function createPerson({
  email,
  organisationId,
  passwordHash,
  roles = ["MEMBRE_GT"],
  firstName = "Léa",
  lastName = "Essai",
}: {
  email: string;
  organisationId: string;
  passwordHash: string | null;
  roles?: string[];
  firstName?: string;
  lastName?: string;
}) {
  return prisma.user.create({
    data: {
      email,
      firstName,
      lastName,
      organisationId,
      passwordHash,
      roles: { create: roles.map((role) => ({ role })) },
    },
    include: { roles: true },
  });
}

/**
 * The people the group and RFC tests meet, each under one name: address, organisation, roles.
 * Each is created once per database, so a test file asks only for those it needs.
 */
export const PEOPLE = {
  coordinator: ["coord@cnsa.example", "cnsa", ["COORDINATEUR_CNSA"]],
  pilot: ["pilote@france-travail.example", "france-travail", ["PILOTE_GROUPE", "MEMBRE_GT"]],
  ftMember: ["membre@france-travail.example", "france-travail", ["MEMBRE_GT"]],
  otherPilot: ["pilote@cnaf.example", "cnaf", ["PILOTE_GROUPE", "MEMBRE_GT"]],
  cnaf: ["membre@cnaf.example", "cnaf", ["MEMBRE_GT"]],
  cnafStateRole: ["etat@cnaf.example", "cnaf", ["SERVICE_ETAT"]],
  msa: ["membre@msa.example", "msa", ["MEMBRE_GT"]],
  dgas: ["membre@dgas.example", "dgas", ["MEMBRE_GT"]],
  dgefp: ["membre@dgefp.example", "dgefp", ["MEMBRE_GT"]],
  director53: ["dir53@mdph.example", "mdph-53", ["DIRECTEUR_MDPH"]],
  staff53: ["agent53@mdph.example", "mdph-53", ["MEMBRE_GT"]],
  director80: ["dir80@mdph.example", "mdph-80", ["DIRECTEUR_MDPH"]],
} as const satisfies Record<string, readonly [string, string, readonly string[]]>;

/** Creates the named people of PEOPLE, in the order given, with a session each. */
export async function people<Name extends keyof typeof PEOPLE>(...names: Name[]) {
  const cast = {} as Record<Name, SessionUser>;
  for (const name of names) {
    const [email, organisationCode, roles] = PEOPLE[name];
    cast[name] = await person(email, organisationCode, [...roles]);
  }
  return cast;
}
