/**
 * Confirming one's identity before a full export (decision 015): the password, or the TOTP code
 * for accounts with a second factor; then back to the export, which downloads.
 */
import { redirectDocument, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormError, OneTimeCodeField, TextField } from "~/components/fields";
import { confirmationMethod, confirmIdentity } from "~/modules/auth/reauth.server";
import { requireCurrent } from "~/utils/auth.server";
import { refused } from "~/utils/intent.server";
import { safeRedirect } from "~/utils/redirect";

export const meta: MetaFunction = () => [{ title: "Confirmer votre identité — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireCurrent(request);
  return {
    method: confirmationMethod(user),
    retour: safeRedirect(new URL(request.url).searchParams.get("retour"), "/"),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requireCurrent(request);
  const form = await request.formData();
  const secret = String(form.get(confirmationMethod(current.user) === "code" ? "code" : "password") ?? "");
  if (secret.trim() === "")
    return refused(
      { code: "INVALIDE" },
      {
        message:
          confirmationMethod(current.user) === "code"
            ? "Saisissez le code à 6 chiffres."
            : "Saisissez votre mot de passe.",
      },
    );
  const result = await confirmIdentity({ user: current.user, sessionId: current.session.id, secret, ip: context.ip });
  if (!result.ok) return refused({ code: "REFUSE" }, { message: result.message });
  // A document navigation: the export is a file that the browser downloads, not a page of the app.
  return redirectDocument(safeRedirect(String(form.get("retour") ?? ""), "/"));
}

export default function ConfirmerIdentite() {
  const { method, retour } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-7">
        <h1>Confirmer votre identité</h1>
        <p>
          Cet export contient l'ensemble des données d'une liste sensible. Pour le télécharger, confirmez votre identité
          {method === "code" ? " avec le code de votre application d'authentification" : " avec votre mot de passe"}. La
          confirmation vaut 10 minutes ; le téléchargement démarre ensuite.
        </p>
        <FormError message={data?.message} />
        <Form method="post" reloadDocument>
          <input type="hidden" name="retour" value={retour} />
          {method === "code" ? (
            <OneTimeCodeField hint="6 chiffres, par exemple 123456" maxLength={7} />
          ) : (
            <TextField name="password" label="Mot de passe" type="password" autoComplete="current-password" required />
          )}
          <button className="fr-btn" type="submit">
            Confirmer et télécharger
          </button>
        </Form>
      </div>
    </div>
  );
}
