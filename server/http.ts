/**
 * The HTTP layer in front of Remix: refusals decided from the request line and headers before
 * anything reads the body (app/utils/origin.server.ts, app/utils/body-limit.ts), a body that
 * is cut as soon as it goes over the route's limit, and the Remix request handler that feeds
 * the action that limited body. Every refusal is a short French page; see decision 012.
 */
import {
  createRequestHandler,
  writeReadableStreamToWritable,
  type AppLoadContext,
  type ServerBuild,
} from "@remix-run/node";
import { matchRoutes } from "@remix-run/react";
import type {
  ErrorRequestHandler,
  Request as ExpressRequest,
  RequestHandler,
  Response as ExpressResponse,
} from "express";
import {
  bodyRuleOf,
  bodyTooLargeMessage,
  DEFAULT_BODY_LIMIT,
  refuseBodyHead,
  type RouteBodyRule,
} from "~/utils/body-limit";
import { refuseRequestHead } from "~/utils/origin.server";
import { timedBuild, withServerTiming } from "./server-timing";

const TITLES: Record<number, string> = {
  400: "Requête invalide",
  403: "Accès refusé",
  405: "Méthode non prise en charge",
  413: "Contenu trop volumineux",
  415: "Format non pris en charge",
  500: "Une erreur inattendue est survenue",
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function refusalPage(status: number, message: string) {
  const title = TITLES[status] ?? `Erreur ${status}`;
  return `<!doctype html>
<html lang="fr" data-fr-scheme="light"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — Passerelles</title><link rel="stylesheet" href="/dsfr/dsfr.min.css"></head>
<body><main class="fr-container fr-my-4w" role="main"><h1>${escapeHtml(title)}</h1><p class="fr-text--lead">${escapeHtml(message)}</p>
<p><a class="fr-link" href="/">Revenir à l'accueil</a></p></main></body></html>`;
}

/** How much of a refused body is still read and dropped; past it the server stops reading. */
const LINGER_BYTES = 8 * 1024 * 1024;
/** How long a client still sending a refused body keeps its connection after the answer. */
const LINGER_MS = 5_000;

/**
 * Answers a refusal, as a French page. When the client is still sending a body we will not
 * use, closing at once would reset the connection under it and a client would see a network
 * error instead of this page (RFC 9112, 9.6). So the rest is read and dropped, up to LINGER_BYTES;
 * past it the server stops reading (TCP flow control holds the client back, no reset while it
 * reads the answer) and closes the connection LINGER_MS later. Dropped chunks are not kept.
 */
export function refuse(res: ExpressResponse, status: number, message: string) {
  if (res.headersSent) return;
  dropRestOfBody(res);
  res
    .status(status)
    .set({ "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" })
    .send(refusalPage(status, message));
}

/** Once the answer is sent, reads and drops what is left of the body (see refuse). */
function dropRestOfBody(res: ExpressResponse) {
  const req = res.req;
  res.once("finish", () => {
    if (req.complete || req.destroyed) return;
    const socket = req.socket;
    const closing = setTimeout(() => socket.destroy(), LINGER_MS).unref();
    socket.once("close", () => clearTimeout(closing));
    // The whole body came after all: the connection is as good as any other.
    req.once("end", () => clearTimeout(closing));
    let dropped = 0;
    const drop = (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped <= LINGER_BYTES) return;
      req.off("data", drop);
      req.pause();
    };
    req.on("data", drop);
    req.resume();
  });
}

/** Method, Host, X-Forwarded-* and Origin, before anything else looks at them. */
export function checkRequestHead(trustProxy: boolean): RequestHandler {
  return (req, res, next) => {
    const refusal = refuseRequestHead({
      method: req.method,
      target: req.originalUrl,
      header: (name) => req.get(name),
      trustProxy,
    });
    if (refusal) return refuse(res, refusal.status, refusal.message);
    next();
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD"]);
const DEFAULT_RULE: RouteBodyRule = { limit: DEFAULT_BODY_LIMIT, acceptsFiles: false };

type RouteNode = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: RouteNode[] };
const treeOf = new WeakMap<ServerBuild, RouteNode[]>();

function routeTree(build: ServerBuild) {
  let tree = treeOf.get(build);
  if (tree) return tree;
  const nodes = new Map<string, RouteNode>();
  for (const route of Object.values(build.routes)) {
    nodes.set(route.id, {
      id: route.id,
      path: route.path,
      index: route.index,
      caseSensitive: route.caseSensitive,
      children: route.index ? undefined : [],
    });
  }
  tree = [];
  for (const route of Object.values(build.routes)) {
    const node = nodes.get(route.id)!;
    const parent = route.parentId ? nodes.get(route.parentId) : undefined;
    (parent?.children ?? tree).push(node);
  }
  treeOf.set(build, tree);
  return tree;
}

/**
 * The body rule of the route whose action a request reaches, chosen the way Remix chooses it:
 * single-fetch `.data` URLs name the page without the suffix, `?index` targets the index route,
 * otherwise the deepest route that contributes to the path. Only actions read a body.
 */
export function bodyRuleFor(build: ServerBuild, method: string, url: URL): RouteBodyRule {
  if (SAFE_METHODS.has(method)) return DEFAULT_RULE;
  let pathname = url.pathname;
  if (pathname === "/_root.data") pathname = "/";
  else if (pathname.endsWith(".data")) pathname = pathname.slice(0, -".data".length);
  const matches = matchRoutes(routeTree(build) as Parameters<typeof matchRoutes>[0], pathname) as
    { route: RouteNode }[] | null;
  if (!matches?.length) return DEFAULT_RULE;
  const last = matches[matches.length - 1]!;
  const target =
    last.route.index && url.searchParams.getAll("index").some((v) => v === "")
      ? last
      : matches.filter((m, i) => i === 0 || m.route.path).pop()!;
  return bodyRuleOf(build.routes[target.route.id]?.module.handle);
}

function remixHeaders(req: ExpressRequest) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const each of value) headers.append(name, each);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

async function sendResponse(res: ExpressResponse, response: Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers.entries()) res.append(name, value);
  if (response.headers.get("Content-Type")?.match(/text\/event-stream/i)) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

const ruleOf = new WeakMap<ExpressRequest, RouteBodyRule>();

/** Refuses an announced body over the route's limit, or not a form it reads, before reading it. */
export function checkBodyHead(build: () => Promise<ServerBuild>): RequestHandler {
  return async (req, res, next) => {
    try {
      const rule = SAFE_METHODS.has(req.method)
        ? DEFAULT_RULE
        : bodyRuleFor(await build(), req.method, new URL(req.originalUrl, "http://passerelles.invalid"));
      const refusal = refuseBodyHead({ method: req.method, header: (name) => req.get(name), rule });
      if (refusal) return refuse(res, refusal.status, refusal.message);
      ruleOf.set(req, rule);
      next();
    } catch (error) {
      next(error);
    }
  };
}

class BodyTooLargeError extends Error {}

/**
 * The request body as a web stream that reads the socket only as the action pulls, so a slow
 * or huge upload never piles up in memory, and that fails as soon as more than `limit` bytes
 * came in (a body without Content-Length announces nothing). Past the limit it stops listening,
 * leaving the rest to refuse().
 */
function limitedBody(req: ExpressRequest, limit: number, onTooLarge: () => void): ReadableStream<Uint8Array> {
  let received = 0;
  let over = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on("data", (chunk: Buffer) => {
          if (over) return;
          received += chunk.length;
          if (received > limit) {
            over = true;
            req.pause();
            onTooLarge();
            return controller.error(new BodyTooLargeError(bodyTooLargeMessage(limit)));
          }
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.on("end", () => over || controller.close());
        req.on("error", (error) => over || controller.error(error));
        req.pause();
      },
      pull() {
        if (!over) req.resume();
      },
    },
    { highWaterMark: 256 * 1024, size: (chunk) => chunk.byteLength },
  );
}

/** The whole body, or null as soon as it goes over `limit` (the rest is left to refuse()). */
function readWhole(req: ExpressRequest, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const stop = () => {
      req.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
      req.pause();
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received <= limit) return void chunks.push(chunk);
      stop();
      resolve(null);
    };
    const onEnd = () => (stop(), resolve(Buffer.concat(chunks)));
    const onError = (error: Error) => (stop(), reject(error));
    const onClose = () => (stop(), reject(new Error("The client closed the connection before the end of the body")));
    req.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
  });
}

/**
 * What @remix-run/express's handler does (its helpers are not exported), with the body read through limitedBody and the URL built from
 * the headers checkRequestHead already validated.
 */
export function remixHandler(options: {
  build: () => Promise<ServerBuild>;
  mode: string;
  trustProxy: boolean;
  getLoadContext: (req: ExpressRequest) => AppLoadContext;
}): RequestHandler {
  const handlers = new WeakMap<ServerBuild, ReturnType<typeof createRequestHandler>>();
  return async (req, res, next) => {
    try {
      const build = await options.build();
      let handleRequest = handlers.get(build);
      if (!handleRequest) handlers.set(build, (handleRequest = createRequestHandler(timedBuild(build), options.mode)));
      const controller = new AbortController();
      let finished = false;
      res.on("finish", () => (finished = true));
      // The client went away before the answer: the action's work is for nobody.
      res.on("close", () => finished || controller.abort());
      const init: RequestInit & { duplex?: "half" } = {
        method: req.method,
        headers: remixHeaders(req),
        signal: controller.signal,
      };
      if (req.method !== "GET" && req.method !== "HEAD") {
        const rule = ruleOf.get(req) ?? DEFAULT_RULE;
        if (rule.acceptsFiles) {
          init.body = limitedBody(req, rule.limit, () => {
            // Aborted first, so Remix treats the failing action as a cancelled request, not an error.
            controller.abort();
            refuse(res, 413, bodyTooLargeMessage(rule.limit));
          });
          init.duplex = "half";
        } else {
          // A form is small: read whole before the route runs, so that every route refuses an
          // oversized one the same way, even one whose action would not have read it.
          const body = await readWhole(req, rule.limit);
          if (body === null) return refuse(res, 413, bodyTooLargeMessage(rule.limit));
          init.body = new Uint8Array(body);
        }
      }
      // checkRequestHead validated both headers, so this URL parses.
      const host =
        (options.trustProxy ? req.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined) || req.get("host");
      const handle = handleRequest;
      const { result: response, header } = await withServerTiming(() =>
        handle(new Request(`${req.protocol}://${host}${req.originalUrl}`, init), options.getLoadContext(req)),
      );
      if (res.headersSent || controller.signal.aborted) return;
      res.setHeader("Server-Timing", header);
      // A body the action left unread (a redirect to sign-in, say) must not stay in the socket.
      if (!req.complete) dropRestOfBody(res);
      await sendResponse(res, response);
    } catch (error) {
      // The client left in the middle of its body: nobody to answer.
      if (req.destroyed && !req.complete) return;
      next(error);
    }
  };
}

/** Whatever still fails answers a French page; a client error Express or a parser flagged keeps its 4xx. */
export const errorPage: ErrorRequestHandler = (error, _req, res, _next) => {
  const status = Number(
    (error as { status?: unknown; statusCode?: unknown })?.status ?? (error as { statusCode?: unknown })?.statusCode,
  );
  if (status >= 400 && status < 500) return refuse(res, status, "La requête n'a pas pu être comprise.");
  console.error(error);
  if (res.headersSent) return res.destroy();
  refuse(
    res,
    500,
    "Rien de ce que vous avez saisi n'a été perdu côté serveur. Réessayez dans un instant ; si l'erreur persiste, contactez l'administrateur.",
  );
};
