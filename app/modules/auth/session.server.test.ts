/**
 * The session check's rules, on a real database: one read on the read connection, and a write
 * through the app's client only when one is due (the expired session deleted, the idle expiry
 * slid forward at most once a minute, or on demand).
 */
import { beforeAll, describe, expect, test } from "vitest";
import { withGroupFacts } from "~/modules/groups/policy.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { loadReferenceData } from "../../../seeds/reference/load.server";
import { newGroup } from "../../../test/support/groups";
import { person } from "../../../test/support/people";
import { createSession, sessionUserById, validateSessionToken, type SessionUser } from "./session.server";

const T0 = new Date("2026-12-04T09:00:00.000Z");
const later = (ms: number) => new Date(T0.getTime() + ms);
const MINUTE = 60_000;

let coordinator: SessionUser;
let director: SessionUser;
let pilot: SessionUser;

beforeAll(async () => {
  await loadReferenceData();
  coordinator = await person("coord@cnsa.example", "cnsa", ["COORDINATEUR_CNSA", "ADMIN"]);
  director = await person("dir53@mdph.example", "mdph-53", ["DIRECTEUR_MDPH"]);
  pilot = await person("pilote@france-travail.example", "france-travail", ["PILOTE_GROUPE", "MEMBRE_GT"]);
});

const stored = (id: string) => prisma.session.findUniqueOrThrow({ where: { id } });

describe("validateSessionToken", () => {
  test("answers the person as the app's client reads them, and the session as stored, writing nothing within the minute", async () => {
    const { token, session } = await createSession(coordinator.id, { twoFactorVerified: true }, T0);
    const before = await stored(session.id);
    const current = await validateSessionToken(token, { now: later(59_000) });
    expect(current?.user).toEqual(await sessionUserById(coordinator.id));
    expect(current?.user.roles).toEqual(["ADMIN", "COORDINATEUR_CNSA"]);
    expect(current?.session).toEqual({
      id: session.id,
      userId: coordinator.id,
      expiresAt: before.expiresAt,
      absoluteExpiresAt: before.absoluteExpiresAt,
      twoFactorVerified: true,
      reauthenticatedAt: null,
    });
    expect(await stored(session.id)).toEqual(before);
  });

  test("slides the idle expiry once a minute has passed, never beyond the hard limit", async () => {
    const { token, session } = await createSession(director.id, { twoFactorVerified: false }, T0);
    const idleMs = env().sessionIdleMinutes * MINUTE;
    const at = later(2 * MINUTE);
    const current = await validateSessionToken(token, { now: at });
    expect(current?.session.expiresAt).toEqual(new Date(at.getTime() + idleMs));
    expect(current?.session.twoFactorVerified).toBe(false);
    const slid = await stored(session.id);
    expect(slid.lastActivityAt).toEqual(at);
    expect(slid.expiresAt).toEqual(new Date(at.getTime() + idleMs));
    // Near the hard limit, the idle expiry stops at it.
    const nearEnd = new Date(slid.absoluteExpiresAt.getTime() - MINUTE);
    await prisma.session.update({ where: { id: session.id }, data: { expiresAt: slid.absoluteExpiresAt } });
    expect((await validateSessionToken(token, { now: nearEnd }))?.session.expiresAt).toEqual(slid.absoluteExpiresAt);
  });

  test("slides on demand (« Prolonger ma session ») even within the minute", async () => {
    const { token, session } = await createSession(director.id, { twoFactorVerified: true }, T0);
    const at = later(10_000);
    const current = await validateSessionToken(token, { now: at, extend: true });
    expect(current?.session.expiresAt).toEqual(new Date(at.getTime() + env().sessionIdleMinutes * MINUTE));
    expect((await stored(session.id)).lastActivityAt).toEqual(at);
  });

  test("deletes and refuses a session past its idle expiry or its hard limit", async () => {
    const idle = await createSession(director.id, { twoFactorVerified: true }, T0);
    expect(await validateSessionToken(idle.token, { now: idle.session.expiresAt })).toBeNull();
    expect(await prisma.session.count({ where: { id: idle.session.id } })).toBe(0);
    const hard = await createSession(director.id, { twoFactorVerified: true }, T0);
    await prisma.session.update({
      where: { id: hard.session.id },
      data: { absoluteExpiresAt: later(MINUTE), expiresAt: later(60 * MINUTE) },
    });
    expect(await validateSessionToken(hard.token, { now: later(MINUTE) })).toBeNull();
    expect(await prisma.session.count({ where: { id: hard.session.id } })).toBe(0);
  });

  test("deletes and refuses the session of a deactivated person or of a person of a deactivated organisation", async () => {
    const someone = await person("agent53@mdph.example", "mdph-53", ["MEMBRE_GT"]);
    const own = await createSession(someone.id, { twoFactorVerified: true }, T0);
    await prisma.user.update({ where: { id: someone.id }, data: { active: false } });
    expect(await validateSessionToken(own.token, { now: later(1000) })).toBeNull();
    expect(await prisma.session.count({ where: { id: own.session.id } })).toBe(0);

    const other = await person("membre@msa.example", "msa", ["MEMBRE_GT"]);
    const theirs = await createSession(other.id, { twoFactorVerified: true }, T0);
    await prisma.organisation.update({ where: { id: other.organisationId }, data: { active: false } });
    expect(await validateSessionToken(theirs.token, { now: later(1000) })).toBeNull();
    expect(await prisma.session.count({ where: { id: theirs.session.id } })).toBe(0);
  });

  test("refuses a wrong secret, an unknown session or a malformed token without deleting anything", async () => {
    const { token, session } = await createSession(director.id, { twoFactorVerified: true }, T0);
    const [id] = token.split(".");
    expect(await validateSessionToken(`${id}.${"a".repeat(24)}`, { now: later(1000) })).toBeNull();
    expect(await validateSessionToken(`${"b".repeat(24)}.${"a".repeat(24)}`, { now: later(1000) })).toBeNull();
    expect(await validateSessionToken("pas-un-jeton", { now: later(1000) })).toBeNull();
    expect(await prisma.session.count({ where: { id: session.id } })).toBe(1);
    expect(await validateSessionToken(token, { now: later(1000) })).not.toBeNull();
  });

  test("tells the second factor's state: enrolled, and verified or not on this session; and the last confirmation", async () => {
    await prisma.user.update({ where: { id: pilot.id }, data: { totpEnabledAt: T0 } });
    const pending = await createSession(pilot.id, { twoFactorVerified: false }, T0);
    const current = await validateSessionToken(pending.token, { now: later(1000) });
    expect(current?.user.totpEnabled).toBe(true);
    expect(current?.session.twoFactorVerified).toBe(false);
    const confirmedAt = later(500);
    await prisma.session.update({
      where: { id: pending.session.id },
      data: { twoFactorVerified: true, reauthenticatedAt: confirmedAt },
    });
    const verified = await validateSessionToken(pending.token, { now: later(1000) });
    expect(verified?.session.twoFactorVerified).toBe(true);
    expect(verified?.session.reauthenticatedAt).toEqual(confirmedAt);
  });

  test("tells whether the person's organisation sits in a work group, as withGroupFacts does", async () => {
    // A director: the role whose `member` grant makes withGroupFacts read the fact.
    const member = await person("dir80@mdph.example", "mdph-80", ["DIRECTEUR_MDPH"]);
    const session = await createSession(member.id, { twoFactorVerified: true }, T0);
    const inWorkGroup = async () => (await validateSessionToken(session.token, { now: later(1000) }))!.inWorkGroup;
    expect(await inWorkGroup()).toBe(false);
    expect((await withGroupFacts(member)).inWorkGroup).toBe(false);
    await newGroup(coordinator, {
      name: "Sphère emploi",
      code: "sphere-emploi",
      kind: "FONCTIONNEL",
      members: ["mdph-80"],
      pilot: "france-travail",
    });
    expect(await inWorkGroup()).toBe(true);
    expect((await withGroupFacts(member)).inWorkGroup).toBe(true);
    // The pilot's organisation too, though not listed among the members.
    const piloting = await createSession(pilot.id, { twoFactorVerified: true }, T0);
    expect((await validateSessionToken(piloting.token, { now: later(1000) }))!.inWorkGroup).toBe(true);
  });
});
