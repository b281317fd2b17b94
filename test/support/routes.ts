/**
 * Calls a route's loader or action the way Remix does, with a real session cookie, so that
 * tests check the authorisation of the route itself (not only of the service behind it).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createSession, type SessionUser } from "~/modules/auth/session.server";
import { sessionCookieName } from "~/modules/auth/cookie.server";
import { now } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";

export type RouteHandler = (args: LoaderFunctionArgs) => Promise<unknown>;
export type FormFields = Record<string, string | string[]>;

export type CallOptions = {
  /** The person confirmed their identity just now on this session (full exports ask for it). */
  confirmedIdentity?: boolean;
  /** The person signed in with their password but has not typed their second factor's code yet. */
  secondFactorPending?: boolean;
};

/** A fresh session at the clock's current time (tests that move the clock outlive sessions). */
export async function cookieOf(user: SessionUser, options: CallOptions = {}) {
  const { token, session } = await createSession(user.id, { twoFactorVerified: !options.secondFactorPending });
  if (options.confirmedIdentity)
    await prisma.session.update({ where: { id: session.id }, data: { reauthenticatedAt: now() } });
  return `${sessionCookieName()}=${encodeURIComponent(token)}`;
}

/** Calls a loader (no form) or an action as `user` (null: signed out); a thrown Response is returned. */
export async function callRoute(
  handler: RouteHandler,
  user: SessionUser | null,
  path: string,
  params: Record<string, string>,
  form?: FormFields,
  options: CallOptions = {},
): Promise<unknown> {
  const init: RequestInit = { headers: user ? { cookie: await cookieOf(user, options) } : {} };
  if (form) {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(form))
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    init.method = "POST";
    init.body = body;
  }
  try {
    return await handler({
      request: new Request(`http://localhost:3000${path}`, init),
      params,
      context: { ip: "127.0.0.1" },
    });
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

/** The HTTP status a route's result stands for: a Response's, data()'s init, else 200. */
export const statusOf = (result: unknown) => {
  if (result instanceof Response) return result.status;
  const init =
    (result as { type?: unknown; init?: ResponseInit | null } | null)?.type === "DataWithResponseInit"
      ? (result as { init?: ResponseInit | null }).init
      : null;
  return init?.status ?? 200;
};

/** The body a route returned, whether plain data or wrapped by data(body, init). */
export const bodyOf = (result: unknown) =>
  (result as { type?: unknown } | null)?.type === "DataWithResponseInit" ? (result as { data: unknown }).data : result;
