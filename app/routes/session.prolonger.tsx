import type { ActionFunctionArgs } from "@remix-run/node";
import { readSessionToken } from "~/modules/auth/cookie.server";
import { validateSessionToken } from "~/modules/auth/session.server";
import { now } from "~/utils/clock.server";

/** "Prolonger ma session": moves the idle expiry forward and says how long is left. */
export async function action({ request }: ActionFunctionArgs) {
  const token = readSessionToken(request);
  const current = token ? await validateSessionToken(token, { extend: true }) : null;
  if (!current) return new Response("Session expirée.", { status: 401 });
  return { expiresInMs: current.session.expiresAt.getTime() - now().getTime() };
}
