/**
 * Who is making this request, and may they. Loaders and actions call `requireUser` (or
 * `requirePermission`) first; anything they do not call it for is public by intent.
 */
import { redirect } from "@remix-run/node";
import { validateSessionToken, type AuthSession, type SessionUser } from "~/modules/auth/session.server";
import { readSessionToken } from "~/modules/auth/cookie.server";
import { authenticatedRecently, confirmationPath } from "~/modules/auth/reauth.server";
import { can, isPrivileged, type ScopedRecord } from "./permissions";
import { env } from "./env.server";
import { refusalResponse } from "./intent.server";
import { noteSignedInUser, rememberedForRequest } from "./request-scope.server";

/** `inWorkGroup`: the fact `member` grants need, read with the session (the layout's menu uses it). */
export type Current = { user: SessionUser; session: AuthSession; inWorkGroup: boolean };

/** Whether this person's role requires a second factor on this instance. */
export function totpRequiredFor(user: SessionUser) {
  return env().requireTotpForPrivileged && isPrivileged(user);
}

/** Whether this person must enrol a second factor before using the app. */
export function mustEnrolTotp(user: SessionUser) {
  return !user.totpEnabled && totpRequiredFor(user);
}

/** The signed-in person, or null. Does not check the second factor. */
export async function getCurrent(request: Request): Promise<Current | null> {
  const token = readSessionToken(request);
  if (!token) return null;
  // Once per request that only reads: the root loader and the page's loaders all ask.
  const current = await rememberedForRequest(`session:${token}`, () => validateSessionToken(token));
  // A refusal later in this request is then recorded as this person's (decision 015).
  if (current) noteSignedInUser(current.user);
  return current;
}

function loginRedirect(request: Request) {
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;
  return redirect(back && back !== "/" ? `/connexion?retour=${encodeURIComponent(back)}` : "/connexion");
}

/**
 * The signed-in person, fully authenticated (second factor checked when enabled, and enrolled
 * when required). Otherwise redirects to the right step.
 */
export async function requireCurrent(
  request: Request,
  options: { allowTotpEnrolment?: boolean } = {},
): Promise<Current> {
  const current = await getCurrent(request);
  if (!current) throw loginRedirect(request);
  if (current.user.totpEnabled && !current.session.twoFactorVerified)
    throw redirect("/connexion/double-authentification");
  if (!options.allowTotpEnrolment && mustEnrolTotp(current.user))
    throw redirect("/compte/double-authentification?obligatoire=1");
  return current;
}

/**
 * For full exports (decision 015): the signed-in person, who confirmed their identity on this
 * session within the last ten minutes; otherwise a redirect to the confirmation page, which
 * comes back here. Call it after the permission checks, so that a refusal stays a refusal.
 */
export async function requireRecentAuthentication(request: Request): Promise<Current> {
  const current = await requireCurrent(request);
  if (!authenticatedRecently(current.session)) {
    const url = new URL(request.url);
    throw redirect(confirmationPath(`${url.pathname}${url.search}`));
  }
  return current;
}

export async function requireUser(request: Request): Promise<SessionUser> {
  return (await requireCurrent(request)).user;
}

export function forbidden(message = "Vous n'avez pas accès à cette page.") {
  return refusalResponse(403, message);
}

export function notFound(message = "Page introuvable.") {
  return refusalResponse(404, message);
}

/** The record, or the 404 page saying `message` when it does not exist. */
export function found<T>(record: T | null | undefined, message: string): T {
  if (record === null || record === undefined) throw notFound(message);
  return record;
}

/**
 * Throws 403 unless the person holds the permission (for this record's organisation when a
 * record is given). Records that must not even be revealed use `hide: true` (404).
 */
export function requirePermission(
  user: SessionUser,
  permission: `${string}:${string}`,
  record?: ScopedRecord,
  options: { hide?: boolean } = {},
) {
  if (!can(user, permission, record)) throw options.hide ? notFound() : forbidden();
}

/** The signed-in person, who must hold every permission named (403 otherwise). */
export async function requireUserWith(
  request: Request,
  ...permissions: [`${string}:${string}`, ...`${string}:${string}`[]]
) {
  const user = await requireUser(request);
  for (const permission of permissions) requirePermission(user, permission);
  return user;
}
