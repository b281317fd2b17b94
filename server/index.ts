/**
 * The application server: applies pending migrations, loads reference (and demo) data into
 * an empty database, serves the Remix app behind the checks of server/http.ts (headers, Origin, body limits), and runs the background
 * worker (scheduled jobs and mail delivery) in the same process.
 *
 *   tsx server/index.ts --dev   Vite dev server with hot reload
 *   tsx server/index.ts         the production build in ./build (BUILD_DIR to change it)
 */
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { env } from "~/utils/env.server";
import { applyMigrations } from "./migrate";
import { checkBodyHead, checkRequestHead, errorPage, remixHandler } from "./http";
import { prepareDatabase } from "../seeds/prepare.server";
import { startBackground } from "~/modules/worker/background.server";
import { composeApplication } from "~/composition.server";
import { holdAppLockOrExit } from "~/utils/app-lock.server";
import { databaseFile } from "../prisma/sqlite-adapter";
import { securityEvents } from "~/modules/security/request.server";
import { flushSecurityEvents } from "~/modules/security/events.server";

const dev = process.argv.includes("--dev");
if (!dev) process.env.NODE_ENV ??= "production";
const config = env();

// Marks the database as in use for as long as this process lives (npm run restore refuses
// meanwhile), and refuses to start while a restore is under way.
holdAppLockOrExit(databaseFile(config.databaseUrl));
applyMigrations();
// This process's copy of the registries (the Remix build fills its own): the demo data and the
// worker apply workflow events and run jobs from here.
composeApplication();
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

// Refused from the request line and headers alone: a malformed host, a foreign origin (CSRF).
app.use(checkRequestHead(config.trustProxy));

let build: () => Promise<ServerBuild>;
let viteMiddlewares: express.RequestHandler | null = null;
if (dev) {
  const vite = await import("vite");
  const server = await vite.createServer({ server: { middlewareMode: true } });
  viteMiddlewares = server.middlewares;
  build = () => server.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
} else {
  const dir = resolve(process.env.BUILD_DIR ?? "build");
  const serverBuild = (await import(pathToFileURL(`${dir}/server/index.js`).href)) as ServerBuild;
  build = async () => serverBuild;
}

// Request bodies: refused from their headers when announced too large or not a form the route
// reads, before a byte is read; then cut at the route's limit (decision 012).
app.use(checkBodyHead(build));
if (viteMiddlewares) app.use(viteMiddlewares);
else {
  const dir = resolve(process.env.BUILD_DIR ?? "build");
  app.use("/assets", express.static(`${dir}/client/assets`, { immutable: true, maxAge: "1y" }));
  app.use(express.static(`${dir}/client`, { maxAge: "1h" }));
}

app.all(
  "*",
  remixHandler({
    build,
    mode: dev ? "development" : "production",
    trustProxy: config.trustProxy,
    getLoadContext: (req) => ({
      ip: ipOf(req),
      // Single fetch asks for a client navigation's data at `….data`; anything else renders a page.
      documentRequest: !req.path.endsWith(".data"),
      servedOnce: new Map(),
    }),
  }),
);
app.use(errorPage);

const worker = config.workerEnabled ? startBackground() : null;
const listener = app.listen(config.port, config.host, () => {
  console.log(
    `Passerelles écoute sur ${config.appUrl} (${dev ? "développement" : "production"}${config.demoData ? ", données de démonstration" : ""})`,
  );
});

async function shutdown() {
  listener.close();
  await worker?.stop();
  await flushSecurityEvents();
  process.exit(0);
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
