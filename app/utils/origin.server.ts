/**
 * The Origin check for state-changing requests (Lucia's CSRF guidance): the Origin header
 * must name this application, either its configured public URL or the Host it was reached at.
 * A request without an Origin header is refused.
 */
export function originAllowed(origin: string | null, host: string | null, appUrl: string) {
  if (!origin) return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.origin === new URL(appUrl).origin) return true;
  return host !== null && parsed.host === host;
}
