import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError } from "~/components/fields";
import { SetPasswordForm } from "~/components/set-password-form";
import { loadTokenPage, submitTokenPage } from "~/modules/auth/set-password-route.server";

export const meta: MetaFunction = () => [{ title: "Nouveau mot de passe — Passerelles" }];

export const loader = ({ params }: LoaderFunctionArgs) => loadTokenPage("REINITIALISATION", params.token);

export async function action({ request, params }: ActionFunctionArgs) {
  return submitTokenPage("REINITIALISATION", params.token, await request.formData(), "mot-de-passe-modifie");
}

export default function Reinitialisation() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-7">
        <h1>Choisir un nouveau mot de passe</h1>
        {data.ok ? (
          <>
            <p>
              Compte : <strong>{data.email}</strong>. Toutes vos sessions ouvertes seront fermées.
            </p>
            <SetPasswordForm errors={result?.errors} submitLabel="Enregistrer le mot de passe" />
          </>
        ) : (
          <>
            <FormError message={data.message} />
            <Link className="fr-link" to="/mot-de-passe-oublie">
              Demander un nouveau lien
            </Link>
          </>
        )}
      </div>
    </div>
  );
}
