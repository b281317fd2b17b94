import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { EmailField, FormError, Notice, TextField } from "~/components/fields";
import { DataTable } from "~/components/data-table";
import { signIn } from "~/modules/auth/account.server";
import { ownEmailField } from "~/modules/auth/forms.server";
import { sessionCookie } from "~/modules/auth/cookie.server";
import { getCurrent } from "~/utils/auth.server";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { can, homeOf } from "~/utils/permissions";
import { safeRedirect } from "~/utils/redirect";
import { listDemoAccounts, DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../seeds/demo-accounts";
import { localLinksAllowed } from "~/modules/auth/mailed-links.server";
import { env } from "~/utils/env.server";
import { refused } from "~/utils/intent.server";

export const meta: MetaFunction = () => [{ title: "Connexion — Passerelles" }];

const schema = z.object({
  email: ownEmailField,
  password: z
    .string({ required_error: "Saisissez votre mot de passe." })
    .min(1, "Saisissez votre mot de passe.")
    .max(256, "Le mot de passe ne peut dépasser 256 caractères."),
  retour: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await getCurrent(request);
  if (current && (!current.user.totpEnabled || current.session.twoFactorVerified)) throw redirect(homeOf(current.user));
  // Without a mail server the demo shows how invitation and reset links reach people (decision 010).
  const localLinksAdmin = localLinksAllowed()
    ? (DEMO_ACCOUNTS.find((account) => can(account, "manage:outbox"))?.email ?? null)
    : null;
  return { demo: env().demoData ? { accounts: listDemoAccounts(), password: DEMO_PASSWORD, localLinksAdmin } : null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = parseForm(schema, await request.formData());
  if (!form.ok) return refused({ code: "INVALIDE" }, { errors: form.errors, values: form.values, message: null });
  const result = await signIn({
    email: form.data.email,
    password: form.data.password,
    ip: context.ip,
    userAgent: request.headers.get("User-Agent"),
  });
  if (!result.ok)
    // Locked or wrong, known or unknown address: one status, so that it tells no more than the message.
    return refused(
      { code: "REFUSE" },
      { errors: {} as FieldErrors, values: { email: form.data.email }, message: result.message },
    );
  const next = result.needsSecondFactor
    ? `/connexion/double-authentification${form.data.retour ? `?retour=${encodeURIComponent(form.data.retour)}` : ""}`
    : safeRedirect(form.data.retour, "/");
  return redirect(next, { headers: { "Set-Cookie": sessionCookie(result.token, result.lifetimeMs) } });
}

export default function Connexion() {
  const { demo } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const info = params.get("message");
  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      <div className="fr-col-12 fr-col-md-6">
        <h1>Connexion à Passerelles</h1>
        <Notice
          message={
            info === "compte-active"
              ? "Votre compte est activé : connectez-vous avec votre nouveau mot de passe."
              : info === "mot-de-passe-modifie"
                ? "Votre mot de passe a été modifié : connectez-vous avec le nouveau."
                : info === "deconnecte"
                  ? "Vous êtes déconnecté."
                  : null
          }
        />
        <FormError message={data?.message} />
        <Form method="post" noValidate>
          <input type="hidden" name="retour" value={params.get("retour") ?? ""} />
          <fieldset className="fr-fieldset" aria-label="Identifiants">
            <div className="fr-fieldset__element">
              <EmailField
                name="email"
                autoComplete="username"
                defaultValue={data?.values?.email}
                error={data?.errors?.email}
              />
            </div>
            <div className="fr-fieldset__element">
              <TextField
                name="password"
                label="Mot de passe"
                type="password"
                autoComplete="current-password"
                required
                error={data?.errors?.password}
              />
            </div>
          </fieldset>
          <p>
            <Link className="fr-link" to="/mot-de-passe-oublie">
              Mot de passe oublié ?
            </Link>
          </p>
          <button className="fr-btn" type="submit" disabled={busy}>
            Se connecter
          </button>
        </Form>
      </div>
      {demo ? (
        <div className="fr-col-12 fr-col-md-6">
          <div className="fr-callout">
            <h2 className="fr-callout__title">Comptes de démonstration</h2>
            <p className="fr-callout__text">
              Cette instance contient des données de démonstration. Tous les comptes ci-dessous utilisent le mot de
              passe <strong>{demo.password}</strong>.
            </p>
          </div>
          {demo.localLinksAdmin ? (
            <div className="fr-callout fr-mt-2w">
              <h2 className="fr-callout__title">Liens d'invitation et de réinitialisation</h2>
              <p className="fr-callout__text">
                Cette démonstration n'a pas de serveur de courriel : les courriels restent dans sa boîte d'envoi locale
                et les liens personnels n'y sont jamais écrits. Pour recevoir un tel lien, connectez-vous avec le compte
                administrateur <code>{demo.localLinksAdmin}</code>, ouvrez Administration → Courriels, puis le courriel
                d'invitation ou de réinitialisation, et choisissez « Créer le lien personnel ». En production, ces liens
                partent uniquement par courriel à leur destinataire.
              </p>
            </div>
          ) : null}
          <DataTable
            caption="Un compte par rôle"
            className="app-demo-accounts"
            columns={["Rôle", "Organisation", "Adresse"]}
            rows={demo.accounts}
            row={(account) => (
              <tr key={account.email}>
                <td>{account.roleLabel}</td>
                <td>{account.organisationLabel}</td>
                <td>
                  <code>{account.email}</code>
                </td>
              </tr>
            )}
          />
        </div>
      ) : null}
    </div>
  );
}
