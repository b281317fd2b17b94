import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { FormError } from "~/components/fields";
import { SetPasswordPage } from "~/components/set-password-form";
import { loadTokenPage, submitTokenPage } from "~/modules/auth/set-password-route.server";

export const meta: MetaFunction = () => [{ title: "Activer mon compte — Passerelles" }];

export const loader = ({ params }: LoaderFunctionArgs) => loadTokenPage("INVITATION", params.token);

export async function action({ request, params }: ActionFunctionArgs) {
  return submitTokenPage("INVITATION", params.token, await request.formData(), "compte-active");
}

export default function Invitation() {
  return (
    <SetPasswordPage
      title="Activer mon compte"
      submitLabel="Activer mon compte"
      intro={(account) => (
        <p>
          Bienvenue {account.firstName} {account.lastName} ({account.organisation}). Choisissez le mot de passe de votre
          compte <strong>{account.email}</strong>.
        </p>
      )}
      refusal={(message) => <FormError message={`${message} Contactez la personne qui vous a invité.`} />}
    />
  );
}
