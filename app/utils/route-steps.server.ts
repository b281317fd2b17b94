/**
 * Steps that several routes take in the same order, written once: who may open the reprise
 * coordinator's pages, how a workflow event posted from a record's page is read, and the notice
 * a page shows after a step. A form saved with a service is intent.server.ts `saveForm`.
 */
import type { z } from "zod";
import { coordinatorAccess } from "~/modules/reprise/policy.server";
import { requireUser } from "./auth.server";
import { formValues, parseForm } from "./forms";
import { formRowVersion, orRefusal, refused } from "./intent.server";

/** The signed-in person on a reprise coordinator's page; anyone else gets the 403 page. */
export async function requireCoordinator(request: Request) {
  const user = await requireUser(request);
  orRefusal(coordinatorAccess(user));
  return user;
}

/**
 * A workflow event posted from a record's page: what was typed, the row version the page was
 * shown at and the event read by `schema` with the intent as its `type`. A form without its row
 * version answers at once (422, what was typed kept).
 */
export function postedEvent<S extends z.ZodTypeAny>(form: FormData, intent: string, schema: S) {
  const values = formValues(form);
  const rowVersion = formRowVersion(form);
  if (!rowVersion.ok)
    return { ok: false as const, answer: refused(rowVersion, { intent, message: rowVersion.message, values }) };
  form.set("type", intent);
  return { ok: true as const, values, rowVersion: rowVersion.value, parsed: parseForm(schema, form) };
}

/**
 * The notice a page shows after a step that redirected to it with `?fait=<code>`: the page's own
 * sentence for the code or, for a workflow event, « <its label> » : c'est enregistré. Any other
 * code shows nothing.
 */
export function doneNotice(
  request: Request,
  notices: Readonly<Record<string, string>>,
  eventLabels: Readonly<Record<string, string>> = {},
): string | null {
  const done = new URL(request.url).searchParams.get("fait");
  if (!done) return null;
  if (Object.hasOwn(notices, done)) return notices[done];
  if (Object.hasOwn(eventLabels, done)) return `« ${eventLabels[done]} » : c'est enregistré.`;
  return null;
}
