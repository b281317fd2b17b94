import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { FormError } from "~/components/fields";
import { SetPasswordPage } from "~/components/set-password-form";
import { loadTokenPage, submitTokenPage } from "~/modules/auth/set-password-route.server";

export const meta: MetaFunction = () => [{ title: "Nouveau mot de passe — Passerelles" }];

export const loader = ({ params }: LoaderFunctionArgs) => loadTokenPage("REINITIALISATION", params.token);

export async function action({ request, params }: ActionFunctionArgs) {
  return submitTokenPage("REINITIALISATION", params.token, await request.formData(), "mot-de-passe-modifie");
}

export default function Reinitialisation() {
  return (
    <SetPasswordPage
      title="Choisir un nouveau mot de passe"
      submitLabel="Enregistrer le mot de passe"
      intro={(account) => (
        <p>
          Compte : <strong>{account.email}</strong>. Toutes vos sessions ouvertes seront fermées.
        </p>
      )}
      refusal={(message) => (
        <>
          <FormError message={message} />
          <Link className="fr-link" to="/mot-de-passe-oublie">
            Demander un nouveau lien
          </Link>
        </>
      )}
    />
  );
}
