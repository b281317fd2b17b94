import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { FormError } from "~/components/fields";
import { SetPasswordForm } from "~/components/set-password-form";
import { loadTokenPage, submitTokenPage } from "~/modules/auth/set-password-route.server";

export const meta: MetaFunction = () => [{ title: "Activer mon compte — Passerelles" }];

export const loader = ({ params }: LoaderFunctionArgs) => loadTokenPage("INVITATION", params.token);

export async function action({ request, params }: ActionFunctionArgs) {
  return submitTokenPage("INVITATION", params.token, await request.formData(), "compte-active");
}

export default function Invitation() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-7">
        <h1>Activer mon compte</h1>
        {data.ok ? (
          <>
            <p>
              Bienvenue {data.firstName} {data.lastName} ({data.organisation}). Choisissez le mot de passe de votre
              compte <strong>{data.email}</strong>.
            </p>
            <SetPasswordForm errors={result?.errors} submitLabel="Activer mon compte" />
          </>
        ) : (
          <FormError message={`${data.message} Contactez la personne qui vous a invité.`} />
        )}
      </div>
    </div>
  );
}
