import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { Notice } from "~/components/fields";
import { digestChoice, rfcSettings, setDigestChoice } from "~/modules/rfc/settings.server";
import { requireUser } from "~/utils/auth.server";
import { can } from "~/utils/permissions";
import { useFormPage } from "~/utils/form-page";

export const meta: MetaFunction = () => [{ title: "Notifications — Mon compte — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [enabled, { digest }] = await Promise.all([digestChoice(user.id), rfcSettings()]);
  return { enabled, hour: digest.hour, concerned: can(user, "read:rfc") };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const enabled = form.get("rfcDigest") === "oui";
  await setDigestChoice(user, enabled);
  return {
    message: enabled
      ? "C'est noté : vous recevrez le récapitulatif quotidien des nouveaux commentaires."
      : "C'est noté : vous ne recevrez plus le récapitulatif quotidien.",
  };
}

export default function Notifications() {
  const { data, answer: result, busy } = useFormPage<typeof loader, typeof action>();
  const { enabled, hour, concerned } = data;
  return (
    <>
      <Breadcrumb items={[{ label: "Mon compte", to: "/compte" }]} current="Notifications" />
      <h1>Notifications</h1>
      <Notice message={result?.message} />
      <p>
        Les courriels liés à votre rôle (ouverture d'un appel à commentaires, rappels avant l'échéance, conclusions)
        vous sont toujours envoyés. Vous pouvez en plus recevoir un récapitulatif quotidien.
      </p>
      {concerned ? null : (
        <p className="fr-text--sm">
          Votre rôle ne vous donne pas accès aux appels à commentaires : le récapitulatif resterait vide.
        </p>
      )}
      <Form method="post" className="fr-col-md-8">
        <fieldset className="fr-fieldset" aria-labelledby="recapitulatif-legende">
          <legend className="fr-fieldset__legend" id="recapitulatif-legende">
            Récapitulatif quotidien des commentaires
          </legend>
          <div className="fr-fieldset__element">
            <div className="fr-checkbox-group">
              <input type="checkbox" id="champ-rfcDigest" name="rfcDigest" value="oui" defaultChecked={enabled} />
              <label className="fr-label" htmlFor="champ-rfcDigest">
                Recevoir chaque jour, vers {hour} (heure de Paris), la liste des nouveaux commentaires sur les appels à
                commentaires que je peux lire
                <span className="fr-hint-text">Aucun courriel les jours sans nouveau commentaire.</span>
              </label>
            </div>
          </div>
        </fieldset>
        <button className="fr-btn" type="submit" disabled={busy}>
          Enregistrer
        </button>
      </Form>
    </>
  );
}
