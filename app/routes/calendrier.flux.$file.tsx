/**
 * The personal ICS feed, /calendrier/flux/<token>.ics, that calendar clients poll. No session:
 * the secret token in the URL is the credential (created and revoked on /compte). Anything that
 * does not lead to an active person gets the same 404, so the response reveals nothing about
 * which tokens once existed.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { findFeedOwner } from "~/modules/calendar/feed.server";
import { calendarEntriesFor, calendarUserById } from "~/modules/calendar/providers.server";
import { now } from "~/utils/clock.server";
import { env } from "~/utils/env.server";
import { buildIcs } from "~/utils/ics.server";
import { addCalendarDays, addMonths, parisDate, parisInstant } from "~/utils/working-days";

function notFound() {
  return new Response(
    "Agenda introuvable : ce lien est inconnu ou a été révoqué. Créez un nouveau lien depuis la page « Mon compte » de Passerelles.",
    {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    },
  );
}

export async function loader({ params }: LoaderFunctionArgs) {
  const file = params.file ?? "";
  if (!file.endsWith(".ics")) return notFound();
  const owner = await findFeedOwner(file.slice(0, -".ics".length));
  const user = owner ? await calendarUserById(owner.id) : null;
  if (!user) return notFound();

  // Three months back (recent history) to twelve months ahead, in whole Paris days.
  const today = parisDate(now());
  const entries = await calendarEntriesFor(user, {
    from: parisInstant(addMonths(today, -3)),
    to: parisInstant(addCalendarDays(addMonths(today, 12), 1)),
  });
  const body = buildIcs({ name: `Passerelles — ${user.firstName} ${user.lastName}`, entries, appUrl: env().appUrl });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="passerelles.ics"',
      // Personal data behind a secret URL: never stored by a shared cache, never indexed, and
      // the URL is not sent on as a referrer.
      "Cache-Control": "private, no-store",
      "X-Robots-Tag": "noindex",
      "Referrer-Policy": "no-referrer",
    },
  });
}
