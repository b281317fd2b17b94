/**
 * Security events through real HTTP: an Express server with the same middleware as
 * server/index.ts, the app's real route loaders and actions, real sessions, a real database.
 * Only Remix's routing is replaced by one line per route (the middleware sees only statuses).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { generateTOTP } from "@oslojs/otp";
import express from "express";
import type { Server } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { hashPassword } from "~/modules/auth/password.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { newTotpKey, sealTotpKey } from "~/modules/auth/totp.server";
import { signAndSubmit } from "../support/reprise-requests";
import { securityEvents } from "~/modules/security/request.server";
import { flushSecurityEvents } from "~/modules/security/events.server";
import { loader as journalExport } from "~/routes/admin.journal_.export";
import { loader as journalPage } from "~/routes/admin.journal";
import { loader as peopleExport } from "~/routes/admin.personnes.export";
import { loader as repriseExport } from "~/routes/cnsa.reprises.export.$liste";
import { action as confirmAction, loader as confirmLoader } from "~/routes/confirmer-identite";
import { loader as mdphExport } from "~/routes/mdph.reprises.export";
import { loader as requestPage } from "~/routes/reprises.$id";
import { resetClock, setClock } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { loadReferenceData } from "../../seeds/reference/load.server";
import { person } from "../support/people";
import { bodyOf, callRoute, cookieOf, statusOf } from "../support/routes";

const PORT = 3361;
const BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = "Confirmation des exports 2026";

type Handler = (args: LoaderFunctionArgs) => Promise<unknown>;

/** One route of the app behind Express, answering as Remix would (a thrown Response is the answer). */
function route(handler: Handler): express.RequestHandler {
  return async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(key, value);
    const request = new Request(`${BASE}${req.originalUrl}`, {
      method: req.method,
      headers,
      body: ["GET", "HEAD"].includes(req.method) ? undefined : Buffer.concat(chunks),
    });
    let result: unknown;
    try {
      result = await handler({ request, params: req.params, context: { ip: req.ip ?? "inconnue" } });
    } catch (error) {
      if (!(error instanceof Response)) throw error;
      result = error;
    }
    const response = result instanceof Response ? result : Response.json(bodyOf(result), { status: statusOf(result) });
    res.status(response.status);
    response.headers.forEach((value, key) => res.setHeader(key, value));
    res.end(Buffer.from(await response.arrayBuffer()));
  };
}

let server: Server;
let director53: SessionUser, director80: SessionUser, coordinator: SessionUser, admin: SessionUser;
let itac53: string;

const at = (iso: string) => setClock(new Date(iso), { frozen: true });

async function get(user: SessionUser | null, path: string, cookie?: string) {
  return fetch(`${BASE}${path}`, {
    redirect: "manual",
    headers: user ? { cookie: cookie ?? (await cookieOf(user)) } : {},
  });
}

async function post(cookie: string, path: string, form: Record<string, string>) {
  return fetch(`${BASE}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });
}

async function events(kind?: string) {
  await flushSecurityEvents();
  return prisma.securityEvent.findMany({ where: kind ? { kind } : {}, orderBy: { lastAt: "asc" } });
}

beforeAll(async () => {
  at("2026-11-02T09:00:00Z");
  await loadReferenceData();
  director53 = await person("dir53@mdph.example", "mdph-53", ["DIRECTEUR_MDPH"]);
  director80 = await person("dir80@mdph.example", "mdph-80", ["DIRECTEUR_MDPH"]);
  coordinator = await person("coord@cnsa.example", "cnsa", ["COORDINATEUR_CNSA"]);
  admin = await person("admin@cnsa.example", "cnsa", ["ADMIN"]);
  const passwordHash = await hashPassword(PASSWORD);
  await prisma.user.updateMany({ where: { id: { in: [admin.id, coordinator.id] } }, data: { passwordHash } });
  itac53 = await signAndSubmit(director53, {
    signedOn: "2026-10-20",
    requestDate: "2026-11-02",
    desiredDate: "2026-12-10",
  });

  const app = express();
  app.use(securityEvents((req) => req.ip ?? "inconnue"));
  app.all("/reprises/:id", route(requestPage));
  app.all("/mdph/reprises/export", route(mdphExport));
  app.all("/cnsa/reprises/export/:liste", route(repriseExport));
  app.all("/admin/journal/export", route(journalExport));
  app.all("/admin/personnes/export", route(peopleExport));
  app.all(
    "/confirmer-identite",
    route((args) => (args.request.method === "POST" ? confirmAction(args) : confirmLoader(args))),
  );
  await new Promise<void>((resolve) => {
    server = app.listen(PORT, "127.0.0.1", () => resolve());
  });
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  resetClock();
});

beforeEach(async () => {
  at("2026-11-02T09:00:00Z");
  await flushSecurityEvents();
  await prisma.securityEvent.deleteMany();
  await prisma.loginThrottle.deleteMany();
});

describe("refusals met by signed-in people", () => {
  it("a director opening another MDPH's request gets a 404, recorded as theirs with the address and the path", async () => {
    expect((await get(director53, `/reprises/${itac53}`)).status).toBe(200);
    const refused = await get(director80, `/reprises/${itac53}`);
    expect(refused.status).toBe(404);
    expect(await refused.text()).toBe("Cette demande de reprise est introuvable.");
    const rows = await events();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: "refus",
      userId: director80.id,
      label: "Test dir80",
      organisationId: director80.organisationId,
      ip: "127.0.0.1",
      count: 1,
      last: `404 GET /reprises/${itac53}`,
    });
  });

  it("a director probing many requests in a burst makes one row with the count", async () => {
    const cookie = await cookieOf(director80);
    const statuses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => get(director80, `/reprises/inexistante-${i}`, cookie).then((r) => r.status)),
    );
    expect(new Set(statuses)).toEqual(new Set([404]));
    const rows = await events("refus");
    expect(rows).toHaveLength(1);
    expect(rows[0].count).toBe(30);
  });

  it("a refusal by a director asking for the audit journal export is a 403 (no password asked) and is recorded", async () => {
    const response = await get(director80, "/admin/journal/export?format=csv");
    expect(response.status).toBe(403);
    expect(await events("refus")).toMatchObject([{ userId: director80.id, last: "403 GET /admin/journal/export" }]);
  });

  it("a signed-out visitor is sent to sign in, and nothing is attributed to anyone", async () => {
    const response = await get(null, `/reprises/${itac53}`);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toContain("/connexion?retour=");
    expect(await events()).toEqual([]);
  });
});

describe("exports", () => {
  it("a director's export of their own requests is recorded with who, which export and which filters", async () => {
    const response = await get(director53, "/mdph/reprises/export?format=csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain("attachment");
    const csv = await response.text();
    expect(csv).toContain("ITAC-053-001");
    const rows = await events("export");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: director53.id, label: "Test dir53", count: 1, last: "csv" });
    expect(JSON.parse(rows[0].detail)).toEqual({
      export: "Demandes de reprise ITAC et OPALES",
      chemin: "/mdph/reprises/export",
      filtres: {},
    });
    // The file's content is not in the record.
    expect(JSON.stringify(rows)).not.toContain("ITAC-053-001");
    expect(JSON.stringify(rows)).not.toContain("Paul Martin");
  });

  it("the audit journal export first asks the administrator for their password, then downloads and is recorded with its filters", async () => {
    const cookie = await cookieOf(admin);
    const asked = await get(admin, "/admin/journal/export?format=csv&action=connexion", cookie);
    expect(asked.status).toBe(302);
    const location = asked.headers.get("location")!;
    expect(location).toBe(
      `/confirmer-identite?retour=${encodeURIComponent("/admin/journal/export?format=csv&action=connexion")}`,
    );

    const page = await get(admin, location, cookie);
    expect(await page.json()).toEqual({
      method: "mot-de-passe",
      retour: "/admin/journal/export?format=csv&action=connexion",
    });

    const wrong = await post(cookie, "/confirmer-identite", {
      password: "pas le bon mot de passe",
      retour: "/admin/journal/export?format=csv&action=connexion",
    });
    expect(wrong.status).toBe(422);
    expect(await wrong.json()).toEqual({ message: "Mot de passe incorrect." });
    expect((await get(admin, "/admin/journal/export?format=csv&action=connexion", cookie)).status).toBe(302);
    const failures = await events("confirmation-echouee");
    expect(failures).toMatchObject([{ userId: admin.id, count: 1 }]);
    expect(JSON.stringify(failures)).not.toContain("pas le bon");

    const confirmed = await post(cookie, "/confirmer-identite", {
      password: PASSWORD,
      retour: "/admin/journal/export?format=csv&action=connexion",
    });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("location")).toBe("/admin/journal/export?format=csv&action=connexion");
    const file = await get(admin, "/admin/journal/export?format=csv&action=connexion", cookie);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toContain("text/csv");

    const exports = await events("export");
    expect(exports).toHaveLength(1);
    expect(exports[0]).toMatchObject({ userId: admin.id, count: 1, last: "csv" });
    expect(JSON.parse(exports[0].detail)).toEqual({
      export: "Journal d'audit",
      chemin: "/admin/journal/export",
      filtres: { action: "connexion" },
    });
    expect(JSON.stringify(await events())).not.toContain(PASSWORD);
  });

  it("the confirmation lasts ten minutes on that session only", async () => {
    const cookie = await cookieOf(admin);
    await post(cookie, "/confirmer-identite", { password: PASSWORD, retour: "/" });
    at("2026-11-02T09:10:00Z");
    expect((await get(admin, "/admin/personnes/export?format=csv", cookie)).status).toBe(200);
    // Another session of the same person has not confirmed anything.
    expect((await get(admin, "/admin/personnes/export?format=csv")).status).toBe(302);
    at("2026-11-02T09:10:01Z");
    const again = await get(admin, "/admin/personnes/export?format=csv", cookie);
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toBe(
      `/confirmer-identite?retour=${encodeURIComponent("/admin/personnes/export?format=csv")}`,
    );
  });

  it("every reprise request asks the coordinator to confirm; the next monthly list does not", async () => {
    const cookie = await cookieOf(coordinator);
    expect((await get(coordinator, "/cnsa/reprises/export/demandes?format=csv", cookie)).status).toBe(302);
    expect((await get(coordinator, "/cnsa/reprises/export/prochaine-itac?format=csv", cookie)).status).toBe(200);
    await post(cookie, "/confirmer-identite", { password: PASSWORD, retour: "/" });
    expect((await get(coordinator, "/cnsa/reprises/export/demandes?format=xlsx&application=ITAC", cookie)).status).toBe(
      200,
    );
    const exports = await events("export");
    expect(exports.map((e) => JSON.parse(e.detail)).sort((a, b) => a.chemin.localeCompare(b.chemin))).toEqual([
      {
        export: "Demandes de reprise ITAC et OPALES",
        chemin: "/cnsa/reprises/export/demandes",
        filtres: { application: "ITAC" },
      },
      {
        export: "Demandes de reprise ITAC — prochaine liste (état au 02/11/2026)",
        chemin: "/cnsa/reprises/export/prochaine-itac",
        filtres: {},
      },
    ]);
  });

  it("an account with a second factor confirms with its code, not its password", async () => {
    const key = newTotpKey();
    await prisma.user.update({
      where: { id: admin.id },
      data: { totpKey: sealTotpKey(key), totpEnabledAt: new Date("2026-11-01T00:00:00Z") },
    });
    try {
      const cookie = await cookieOf({ ...admin, totpEnabled: true });
      expect(
        await (
          await get(admin, "/confirmer-identite?retour=%2Fadmin%2Fpersonnes%2Fexport%3Fformat%3Dcsv", cookie)
        ).json(),
      ).toMatchObject({ method: "code" });
      expect(await (await post(cookie, "/confirmer-identite", { password: PASSWORD })).json()).toEqual({
        message: "Saisissez le code à 6 chiffres.",
      });
      const passwordAsCode = await post(cookie, "/confirmer-identite", { code: PASSWORD });
      expect((await passwordAsCode.json()).message).toContain("Code incorrect");
      expect((await get(admin, "/admin/personnes/export?format=csv", cookie)).status).toBe(302);
      const ok = await post(cookie, "/confirmer-identite", {
        code: generateTOTP(key, 30, 6),
        retour: "/admin/personnes/export?format=csv",
      });
      expect(ok.status).toBe(302);
      expect((await get(admin, "/admin/personnes/export?format=csv", cookie)).status).toBe(200);
    } finally {
      await prisma.user.update({ where: { id: admin.id }, data: { totpKey: null, totpEnabledAt: null } });
    }
  });

  it("an open redirect is refused: the confirmation only returns to a page of the app", async () => {
    const cookie = await cookieOf(admin);
    const response = await post(cookie, "/confirmer-identite", { password: PASSWORD, retour: "//evil.example/vol" });
    expect(response.headers.get("location")).toBe("/");
  });
});

describe("reading the security events", () => {
  it("an administrator reads them in the journal, a director and a coordinator cannot", async () => {
    await get(director80, `/reprises/${itac53}`);
    await flushSecurityEvents();
    const page = (await callRoute(journalPage, admin, "/admin/journal?vue=securite&nature=refus", {})) as {
      view: string;
      security: { total: number; events: { kindLabel: string; label: string; details: string; count: number }[] };
    };
    expect(page.view).toBe("securite");
    expect(page.security.total).toBe(1);
    expect(page.security.events[0]).toMatchObject({
      kindLabel: "Accès refusé",
      label: "Test dir80",
      count: 1,
      details: `Dernier refus : 404 GET /reprises/${itac53}`,
    });
    expect(statusOf(await callRoute(journalPage, director80, "/admin/journal?vue=securite", {}))).toBe(403);
    expect(statusOf(await callRoute(journalPage, coordinator, "/admin/journal?vue=securite", {}))).toBe(403);
  });
});
