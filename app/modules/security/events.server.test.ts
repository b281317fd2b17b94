import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestMdph } from "../../../test/support/organisations";
import { createPerson } from "../../../test/support/people";
import { signIn, verifySecondFactor } from "~/modules/auth/account.server";
import { createSession } from "~/modules/auth/session.server";
import { hashPassword } from "~/modules/auth/password.server";
import { setClock } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { flushSecurityEvents, noteSecurityEvent, pendingSecurityEventRows } from "./events.server";
import { settleRequest } from "./request.server";

const PASSWORD = "Un mot de passe vraiment secret 2026";
let lea: { id: string; label: string; organisationId: string };

beforeAll(async () => {
  const organisation = await createTestMdph("mdph-99", "MDPH 99");
  const passwordHash = await hashPassword(PASSWORD);
  const user = await createPerson({
    email: "lea.martin@mdph99.example",
    lastName: "Martin",
    organisationId: organisation.id,
    passwordHash,
    roles: [],
  });
  lea = { id: user.id, label: "Léa Martin", organisationId: organisation.id };
});

/** A refusal to Léa, as the request scope notes it. */
const noteRefusal = (ip: string, status: number, method: string, path: string) =>
  noteSecurityEvent({ kind: "refus", user: lea, ip, status, method, path });

/** An export Léa was served, with the filters of its address. */
const noteExport = (title: string, path: string, query: string) =>
  noteSecurityEvent({ kind: "export", user: lea, ip: "198.51.100.1", title, path, query: new URLSearchParams(query) });

beforeEach(async () => {
  await flushSecurityEvents();
  await prisma.securityEvent.deleteMany();
  await prisma.loginThrottle.deleteMany();
  setClock(new Date("2026-12-04T09:10:00Z"), { frozen: true });
});

describe("failed sign-ins", () => {
  it("are recorded with the typed address, the client address and the hour, never the password", async () => {
    expect(
      await signIn({
        email: " Lea.Martin@MDPH99.example ",
        password: "mauvais mot de passe",
        ip: "203.0.113.7",
        userAgent: null,
      }),
    ).toMatchObject({ ok: false });
    expect(
      await signIn({ email: "personne@inconnue.example", password: PASSWORD, ip: "203.0.113.7", userAgent: null }),
    ).toMatchObject({ ok: false });
    await flushSecurityEvents();
    const rows = await prisma.securityEvent.findMany({ orderBy: { subject: "asc" } });
    expect(
      rows.map((r) => ({
        kind: r.kind,
        subject: r.subject,
        label: r.label,
        ip: r.ip,
        count: r.count,
        hour: r.hour.toISOString(),
      })),
    ).toEqual([
      {
        kind: "connexion-echouee",
        subject: "lea.martin@mdph99.example",
        label: "lea.martin@mdph99.example",
        ip: "203.0.113.7",
        count: 1,
        hour: "2026-12-04T09:00:00.000Z",
      },
      {
        kind: "connexion-echouee",
        subject: "personne@inconnue.example",
        label: "personne@inconnue.example",
        ip: "203.0.113.7",
        count: 1,
        hour: "2026-12-04T09:00:00.000Z",
      },
    ]);
    expect(JSON.stringify(rows)).not.toContain("mauvais");
    expect(JSON.stringify(rows)).not.toContain(PASSWORD);
  });

  it("do not keep a password typed into the address field", async () => {
    await signIn({ email: PASSWORD, password: "", ip: "203.0.113.8", userAgent: null });
    await flushSecurityEvents();
    const rows = await prisma.securityEvent.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "connexion-echouee", subject: "", label: "(adresse non reconnue)" });
    expect(JSON.stringify(rows)).not.toContain("secret");
  });

  it("are not recorded when the sign-in succeeds", async () => {
    expect(
      await signIn({ email: "lea.martin@mdph99.example", password: PASSWORD, ip: "203.0.113.9", userAgent: null }),
    ).toMatchObject({ ok: true });
    await flushSecurityEvents();
    expect(await prisma.securityEvent.count()).toBe(0);
  });

  it("include a wrong second-factor code, without the code", async () => {
    const { session } = await createSession(lea.id, { twoFactorVerified: false });
    const result = await verifySecondFactor({
      sessionId: session.id,
      userId: lea.id,
      code: "123456",
      ip: "203.0.113.10",
    });
    expect(result.ok).toBe(false);
    await flushSecurityEvents();
    const rows = await prisma.securityEvent.findMany();
    expect(rows).toMatchObject([
      { kind: "connexion-echouee", subject: "lea.martin@mdph99.example", ip: "203.0.113.10", count: 1 },
    ]);
    expect(JSON.stringify(rows)).not.toContain("123456");
  });
});

describe("aggregation", () => {
  it("turns 1,000 refusals in a burst into one row with a count, written once by the flush", async () => {
    for (let i = 0; i < 1_000; i++) noteRefusal("198.51.100.1", 404, "GET", `/reprises/essai-${i}`);
    // Nothing is written while the burst lasts: one counter waits in memory.
    expect(pendingSecurityEventRows()).toBe(1);
    expect(await prisma.securityEvent.count()).toBe(0);
    expect(await flushSecurityEvents()).toBe(1);
    const rows = await prisma.securityEvent.findMany();
    expect(rows).toMatchObject([
      {
        kind: "refus",
        userId: lea.id,
        label: "Léa Martin",
        ip: "198.51.100.1",
        count: 1_000,
        last: "404 GET /reprises/essai-999",
      },
    ]);
    expect(pendingSecurityEventRows()).toBe(0);
  });

  it("adds a later flush of the same hour to the row, and starts a new row for each person, address and hour", async () => {
    noteRefusal("198.51.100.1", 403, "GET", "/admin");
    await flushSecurityEvents();
    setClock(new Date("2026-12-04T09:50:00Z"), { frozen: true });
    noteRefusal("198.51.100.1", 403, "POST", "/admin/personnes");
    noteRefusal("198.51.100.2", 403, "GET", "/admin");
    await flushSecurityEvents();
    setClock(new Date("2026-12-04T10:01:00Z"), { frozen: true });
    noteRefusal("198.51.100.1", 404, "GET", "/reprises/x");
    await flushSecurityEvents();
    const rows = await prisma.securityEvent.findMany({ orderBy: [{ hour: "asc" }, { ip: "asc" }] });
    expect(rows.map((r) => [r.hour.toISOString(), r.ip, r.count, r.last])).toEqual([
      ["2026-12-04T09:00:00.000Z", "198.51.100.1", 2, "403 POST /admin/personnes"],
      ["2026-12-04T09:00:00.000Z", "198.51.100.2", 1, "403 GET /admin"],
      ["2026-12-04T10:00:00.000Z", "198.51.100.1", 1, "404 GET /reprises/x"],
    ]);
    expect(rows[0].firstAt.toISOString()).toBe("2026-12-04T09:10:00.000Z");
    expect(rows[0].lastAt.toISOString()).toBe("2026-12-04T09:50:00.000Z");
  });

  it("writes by itself shortly after the first event, without anyone flushing", async () => {
    noteRefusal("198.51.100.3", 403, "GET", "/admin");
    await expect.poll(() => prisma.securityEvent.count(), { timeout: 10_000, interval: 200 }).toBe(1);
  });

  it("keeps each export and its filters apart, without tokens", async () => {
    noteExport("Journal d'audit", "/admin/journal/export", "format=csv&action=connexion");
    noteExport("Journal d'audit", "/admin/journal/export", "format=csv&action=connexion");
    noteExport("Personnes", "/admin/personnes/export", "format=xlsx&q=abcdefghijkl.mnopqrstuvwx");
    await flushSecurityEvents();
    const rows = await prisma.securityEvent.findMany({ orderBy: { count: "desc" } });
    expect(rows.map((r) => [r.count, JSON.parse(r.detail), r.last])).toEqual([
      [2, { export: "Journal d'audit", chemin: "/admin/journal/export", filtres: { action: "connexion" } }, "csv"],
      [1, { export: "Personnes", chemin: "/admin/personnes/export", filtres: { q: "…" } }, "xlsx"],
    ]);
  });

  it("strips anything shaped like a token from a refused path", async () => {
    noteRefusal("198.51.100.1", 404, "GET", "/reinitialisation/abcdefghijklmnopqrstuvwx.abcdefghijklmnopqrstuvwx?x=1");
    await flushSecurityEvents();
    expect((await prisma.securityEvent.findFirstOrThrow()).last).toBe("404 GET /reinitialisation/…");
  });
});

describe("what a finished request leaves", () => {
  const scope = (over: Partial<Parameters<typeof settleRequest>[0]> = {}) => ({
    ip: "192.0.2.1",
    user: lea,
    export: null,
    ...over,
  });

  it("records a refusal to a signed-in person under the page's path, also for a client navigation's data request", async () => {
    settleRequest(scope(), { status: 404, method: "GET", url: "/reprises/abc.data?_routes=routes%2Freprises.%24id" });
    settleRequest(scope(), { status: 403, method: "POST", url: "/admin/personnes?index" });
    await flushSecurityEvents();
    expect(await prisma.securityEvent.findMany()).toMatchObject([
      { kind: "refus", userId: lea.id, ip: "192.0.2.1", count: 2, last: "403 POST /admin/personnes" },
    ]);
  });

  it("records nothing for a signed-out visitor, a success, a redirect or a server error, and an export only when it was served", async () => {
    settleRequest(scope({ user: null }), { status: 404, method: "GET", url: "/reprises/abc" });
    settleRequest(scope(), { status: 200, method: "GET", url: "/mdph" });
    settleRequest(scope(), { status: 302, method: "GET", url: "/admin/journal/export?format=csv" });
    settleRequest(scope(), { status: 500, method: "GET", url: "/mdph" });
    settleRequest(scope({ export: { title: "Journal d'audit" } }), {
      status: 302,
      method: "GET",
      url: "/admin/journal/export?format=csv",
    });
    await flushSecurityEvents();
    expect(await prisma.securityEvent.count()).toBe(0);
    settleRequest(scope({ export: { title: "Journal d'audit" } }), {
      status: 200,
      method: "GET",
      url: "/admin/journal/export?format=pdf&type=Utilisateur",
    });
    await flushSecurityEvents();
    expect((await prisma.securityEvent.findMany()).map((r) => [r.kind, JSON.parse(r.detail), r.last])).toEqual([
      [
        "export",
        { export: "Journal d'audit", chemin: "/admin/journal/export", filtres: { type: "Utilisateur" } },
        "pdf",
      ],
    ]);
  });
});
