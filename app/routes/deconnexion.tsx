import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { clearedSessionCookie } from "~/modules/auth/cookie.server";
import { invalidateSession } from "~/modules/auth/session.server";
import { audit, actorOf } from "~/modules/journal/audit.server";
import { getCurrent } from "~/utils/auth.server";

export async function action({ request }: ActionFunctionArgs) {
  const current = await getCurrent(request);
  if (current) {
    await invalidateSession(current.session.id);
    await audit({
      actor: actorOf(current.user),
      action: "deconnexion",
      entityType: "Utilisateur",
      entityId: current.user.id,
      organisationId: current.user.organisationId,
    });
  }
  return redirect("/connexion?message=deconnecte", { headers: { "Set-Cookie": clearedSessionCookie() } });
}

export function loader() {
  return redirect("/");
}
