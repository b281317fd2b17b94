import type { ActionFunctionArgs } from "@remix-run/node";
import { now, resetClock, setClock } from "~/utils/clock.server";
import { requireTestRoutes } from "~/utils/test-routes.server";

/** Test builds only: moves the application's clock (POST at=<ISO instant>, frozen=1, or reset=1). */
export async function action({ request }: ActionFunctionArgs) {
  requireTestRoutes();
  const form = await request.formData();
  if (form.get("reset")) resetClock();
  else {
    const at = new Date(String(form.get("at")));
    if (Number.isNaN(at.getTime())) return Response.json({ error: "at invalide" }, { status: 400 });
    setClock(at, { frozen: form.get("frozen") === "1" });
  }
  return Response.json({ now: now().toISOString() });
}

export function loader() {
  requireTestRoutes();
  return Response.json({ now: now().toISOString() });
}
