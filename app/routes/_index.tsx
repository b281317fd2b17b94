import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getCurrent } from "~/utils/auth.server";
import { homeOf } from "~/utils/permissions";

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await getCurrent(request);
  return redirect(current ? homeOf(current.user) : "/connexion");
}
