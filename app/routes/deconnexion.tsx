import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { clearedSessionCookie } from "~/modules/auth/cookie.server";
import { signOut } from "~/modules/auth/sign-out.server";
import { getCurrent } from "~/utils/auth.server";

export async function action({ request }: ActionFunctionArgs) {
  const current = await getCurrent(request);
  if (current) await signOut(current.user, current.session.id);
  return redirect("/connexion?message=deconnecte", { headers: { "Set-Cookie": clearedSessionCookie() } });
}

export function loader() {
  return redirect("/");
}
