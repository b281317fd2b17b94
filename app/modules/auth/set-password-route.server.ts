import { redirect } from "@remix-run/node";
import type { ActionTokenKind } from "./action-tokens.server";
import { describeActionToken, setPasswordWithToken } from "./account.server";

/** Loader and action shared by /invitation/:token and /reinitialisation/:token. */
export async function loadTokenPage(kind: ActionTokenKind, token: string | undefined) {
  return describeActionToken(kind, token ?? "");
}

export async function submitTokenPage(
  kind: ActionTokenKind,
  token: string | undefined,
  formData: FormData,
  successMessage: string,
) {
  const password = String(formData.get("password") ?? "");
  const confirmation = String(formData.get("confirmation") ?? "");
  if (password !== confirmation) return { errors: { confirmation: "Les deux mots de passe ne sont pas identiques." } };
  const result = await setPasswordWithToken(kind, token ?? "", password);
  if (!result.ok) return { errors: { [result.field]: result.message } };
  return redirect(`/connexion?message=${successMessage}`);
}
