/**
 * The one place where refusals and exports are noticed (decision 015). Loaders and actions
 * refuse by throwing a 403 or 404 Response (`forbidden()`, `notFound()`, `requirePermission`
 * in utils/auth.server.ts, or a route's own 404); Remix turns every one of them into the
 * response's status. So the server opens a request scope around each request, the session
 * lookup notes who is signed in, `exportResponse` notes the export, and when the response
 * has been sent this notes a refusal (403/404 to a signed-in person) or an export.
 */
import type { RequestHandler } from "express";
import { onlyReads, runInRequestScope, type RequestScope } from "~/utils/request-scope.server";
import { noteSecurityEvent } from "./events.server";

const REFUSALS = new Set([403, 404]);

/** Express middleware; `ipOf` is how the server reads the client's address (TRUST_PROXY). */
export function securityEvents(ipOf: (req: Parameters<RequestHandler>[0]) => string): RequestHandler {
  return (req, res, next) => {
    const scope: RequestScope = {
      ip: ipOf(req),
      user: null,
      export: null,
      remembered: onlyReads(req.method) ? new Map() : null,
    };
    res.on("finish", () => settleRequest(scope, { status: res.statusCode, method: req.method, url: req.originalUrl }));
    runInRequestScope(scope, next);
  };
}

/** What the finished request leaves in the security events. */
export function settleRequest(scope: RequestScope, response: { status: number; method: string; url: string }) {
  const { user } = scope;
  if (!user) return;
  const url = new URL(response.url, "http://passerelles.invalid");
  // Remix's client navigations fetch `<path>.data`: record the page's path.
  const path = url.pathname.replace(/\.data$/, "") || "/";
  if (REFUSALS.has(response.status)) {
    noteSecurityEvent({ kind: "refus", user, ip: scope.ip, status: response.status, method: response.method, path });
  } else if (scope.export && response.status === 200) {
    noteSecurityEvent({ kind: "export", user, ip: scope.ip, title: scope.export.title, path, query: url.searchParams });
  }
}
