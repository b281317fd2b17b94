import { redirect } from "@remix-run/node";
import { refused } from "~/utils/intent.server";
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
  if (password !== confirmation)
    return refused(
      { code: "INVALIDE" },
      { errors: { confirmation: "Les deux mots de passe ne sont pas identiques." } },
    );
  const result = await setPasswordWithToken(kind, token ?? "", password);
  // A used or expired link is refused like a weak password: the page says which.
  if (!result.ok) return refused({ code: "REFUSE" }, { errors: { [result.field]: result.message } });
  return redirect(`/connexion?message=${successMessage}`);
}
