/**
 * The application server: applies pending migrations, loads reference (and demo) data into
 * an empty database, serves the Remix app behind an Origin check, and runs the background
 * worker (scheduled jobs and mail delivery) in the same process.
 *
 *   tsx server/index.ts --dev   Vite dev server with hot reload
 *   tsx server/index.ts         the production build in ./build (BUILD_DIR to change it)
 */
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { env } from "~/utils/env.server";
import { applyMigrations } from "./migrate";
import { originAllowed } from "~/utils/origin.server";
import { prepareDatabase } from "../seeds/prepare.server";
import { startBackground } from "~/modules/worker/background.server";
import { securityEvents } from "~/modules/security/request.server";
import { flushSecurityEvents } from "~/modules/security/events.server";

const dev = process.argv.includes("--dev");
if (!dev) process.env.NODE_ENV ??= "production";
const config = env();

applyMigrations();
const prepared = await prepareDatabase();
if (prepared.seeded) console.log(`Base initialisée : ${prepared.summary}`);

const app = express();
app.disable("x-powered-by");
if (config.trustProxy) app.set("trust proxy", true);

const ipOf = (req: express.Request) => req.ip ?? req.socket.remoteAddress ?? "inconnue";

// Refusals met by signed-in people and exports are recorded when the response leaves (decision 015).
app.use(securityEvents(ipOf));

app.use((req, res, next) => {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  next();
});

// Cross-site request forgery: every state-changing request must come from our own pages.
app.use((req, res, next) => {
  if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
  if (originAllowed(req.get("origin") ?? null, req.get("host") ?? null, config.appUrl)) return next();
  res.status(403).type("text/plain; charset=utf-8").send("Requête refusée : origine non autorisée.");
});

let build: () => Promise<ServerBuild>;
if (dev) {
  const vite = await import("vite");
  const server = await vite.createServer({ server: { middlewareMode: true } });
  app.use(server.middlewares);
  build = () => server.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
} else {
  const dir = resolve(process.env.BUILD_DIR ?? "build");
  app.use("/assets", express.static(`${dir}/client/assets`, { immutable: true, maxAge: "1y" }));
  app.use(express.static(`${dir}/client`, { maxAge: "1h" }));
  const serverBuild = (await import(pathToFileURL(`${dir}/server/index.js`).href)) as ServerBuild;
  build = async () => serverBuild;
}

app.all(
  "*",
  createRequestHandler({
    build,
    mode: dev ? "development" : "production",
    getLoadContext: (req) => ({ ip: ipOf(req) }),
  }),
);

const worker = config.workerEnabled ? startBackground() : null;
const listener = app.listen(config.port, config.host, () => {
  console.log(`Passerelles écoute sur ${config.appUrl} (${dev ? "développement" : "production"}${config.demoData ? ", données de démonstration" : ""})`);
});

async function shutdown() {
  listener.close();
  await worker?.stop();
  await flushSecurityEvents();
  process.exit(0);
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
