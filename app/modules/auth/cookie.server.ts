/** The session cookie: HttpOnly, SameSite=Lax, Secure (and the __Host- prefix) over HTTPS. */
import { env } from "~/utils/env.server";

function secure() {
  return env().appUrl.startsWith("https://");
}

export function sessionCookieName() {
  return secure() ? "__Host-passerelles_session" : "passerelles_session";
}

export function readSessionToken(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  const name = sessionCookieName();
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

/** `lifetimeMs`: how long the browser keeps it; the server enforces the real expiry. */
export function sessionCookie(token: string, lifetimeMs: number) {
  const maxAge = Math.max(0, Math.floor(lifetimeMs / 1000));
  return [
    `${sessionCookieName()}=${encodeURIComponent(token)}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${maxAge}`,
    ...(secure() ? ["Secure"] : []),
  ].join("; ");
}

export function clearedSessionCookie() {
  return [
    `${sessionCookieName()}=`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    "Max-Age=0",
    ...(secure() ? ["Secure"] : []),
  ].join("; ");
}
