import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { z } from "zod";
import { BackLink } from "~/components/breadcrumb";
import { Notice, EmailField } from "~/components/fields";
import { requestPasswordReset } from "~/modules/auth/account.server";
import { ownEmailField } from "~/modules/auth/forms.server";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { refused } from "~/utils/intent.server";

export const meta: MetaFunction = () => [{ title: "Mot de passe oublié — Passerelles" }];

const schema = z.object({
  email: ownEmailField,
});

export async function action({ request, context }: ActionFunctionArgs) {
  const form = parseForm(schema, await request.formData());
  if (!form.ok)
    return refused({ code: "INVALIDE" }, { errors: form.errors, values: form.values, sent: false, message: null });
  const values = { email: form.data.email };
  const result = await requestPasswordReset(form.data.email, context.ip);
  if (!result.ok)
    return refused({ code: "REFUSE" }, { errors: {} as FieldErrors, values, sent: false, message: result.message });
  return { errors: {} as FieldErrors, values, sent: true, message: null };
}

export default function MotDePasseOublie() {
  const data = useActionData<typeof action>();
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-7">
        <h1>Mot de passe oublié</h1>
        {data?.sent ? (
          <Notice message="Si un compte actif correspond à cette adresse, un courriel contenant un lien de réinitialisation vient de lui être envoyé. Le lien est valable 30 minutes et ne sert qu'une fois." />
        ) : (
          <>
            <p>
              Indiquez l'adresse électronique de votre compte : nous vous enverrons un lien pour choisir un nouveau mot
              de passe.
            </p>
            {data?.message ? <Notice kind="warning" message={data.message} /> : null}
            <Form method="post" noValidate>
              <EmailField
                name="email"
                autoComplete="email"
                formatHint={false}
                defaultValue={data?.values?.email}
                error={data?.errors?.email}
              />
              <button className="fr-btn" type="submit">
                Recevoir un lien
              </button>
            </Form>
          </>
        )}
        <BackLink to="/connexion">Revenir à la connexion</BackLink>
      </div>
    </div>
  );
}
