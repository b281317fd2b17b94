/**
 * One request, one session check: Remix runs the root loader and the page's loaders side by
 * side, and each asks who is signed in. Through the server's request scope (securityEvents) a
 * request that only reads validates the session once; a request that may write (its action runs
 * before its loaders) validates it each time it asks.
 */
import express from "express";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/modules/auth/session.server";
import { securityEvents } from "~/modules/security/request.server";
import { getCurrent } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { loadReferenceData } from "../../seeds/reference/load.server";
import { person } from "../support/people";

const PORT = 3000 + (process.pid % 1000) + 17;
let server: Server;
let userId = "";

beforeAll(async () => {
  await loadReferenceData();
  userId = (await person("membre@cnaf.example", "cnaf", ["MEMBRE_GT"])).id;
  const app = express();
  app.use(securityEvents((req) => req.ip ?? "inconnue"));
  // Asks twice, the session ending in between: whoever asks again sees the first answer only
  // if the session was checked once for the request.
  app.all("/deux-fois", async (req, res) => {
    const request = new Request(`http://localhost${req.url}`, {
      method: req.method,
      headers: { Cookie: req.headers.cookie ?? "" },
    });
    const first = await getCurrent(request);
    await prisma.session.deleteMany({ where: { userId } });
    const second = await getCurrent(request);
    res.json({ first: first?.user.email ?? null, second: second?.user.email ?? null });
  });
  // The layout's loader and a page's, side by side as Remix runs them.
  app.get("/page", async (req, res) => {
    const request = new Request(`http://localhost${req.url}`, { headers: { Cookie: req.headers.cookie ?? "" } });
    const [root, page] = await Promise.all([getCurrent(request), getCurrent(request)]);
    res.json({ root: root?.user.email ?? null, page: page?.user.email ?? null });
  });
  await new Promise<void>((resolve) => {
    server = app.listen(PORT, "127.0.0.1", () => resolve());
  });
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const cookie = async () =>
  `passerelles_session=${encodeURIComponent((await createSession(userId, { twoFactorVerified: true })).token)}`;

describe("the session, checked once per request", () => {
  it("is validated once for a GET: the second ask gets the first answer", async () => {
    const response = await fetch(`http://127.0.0.1:${PORT}/deux-fois`, { headers: { Cookie: await cookie() } });
    expect(await response.json()).toEqual({ first: "membre@cnaf.example", second: "membre@cnaf.example" });
  });

  it("is validated at each ask for a POST, whose action may have changed it", async () => {
    const response = await fetch(`http://127.0.0.1:${PORT}/deux-fois`, {
      method: "POST",
      headers: { Cookie: await cookie() },
    });
    expect(await response.json()).toEqual({ first: "membre@cnaf.example", second: null });
  });

  it("is not remembered from one request to the next", async () => {
    const headers = { Cookie: await cookie() };
    expect(await (await fetch(`http://127.0.0.1:${PORT}/page`, { headers })).json()).toEqual({
      root: "membre@cnaf.example",
      page: "membre@cnaf.example",
    });
    await prisma.session.deleteMany({ where: { userId } });
    expect(await (await fetch(`http://127.0.0.1:${PORT}/page`, { headers })).json()).toEqual({
      root: null,
      page: null,
    });
  });
});
