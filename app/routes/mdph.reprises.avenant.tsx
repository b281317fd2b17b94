import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ChoiceField } from "~/components/admin-forms";
import { CheckboxField, FormError, TextField } from "~/components/fields";
import { listSignatures } from "~/modules/reprise/requests.server";
import { recordSignature } from "~/modules/reprise/request-commands.server";
import { signatureSchema } from "~/modules/reprise/forms.server";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { orRefusal, refused } from "~/utils/intent.server";
import { formValues, parseForm, type FieldErrors } from "~/utils/forms";
import { formatDate } from "~/utils/format";
import { parisInstant } from "~/utils/working-days";

export const meta: MetaFunction = () => [{ title: "Enregistrer la signature de l'avenant — Passerelles" }];

const APPLICATIONS = [
  { value: "ITAC", label: "ITAC (ministère du Travail, dossiers adultes)" },
  { value: "OPALES", label: "OPALES (ministère de l'Éducation nationale, dossiers enfants)" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "read:dashboard-mdph", { organisationId: user.organisationId });
  const signed = orRefusal(await listSignatures(user))
    .filter((s) => s.organisationId === user.organisationId)
    .map((s) => ({ application: s.application, signedOn: s.signedOn }));
  const wanted = new URL(request.url).searchParams.get("application") ?? "";
  return {
    organisation: user.organisation.name,
    signed,
    application:
      APPLICATIONS.some((a) => a.value === wanted) && !signed.some((s) => s.application === wanted) ? wanted : "",
  };
}

type ActionData = { errors: FieldErrors; values: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "read:dashboard-mdph", { organisationId: user.organisationId });
  const form = await request.formData();
  const parsed = parseForm(signatureSchema, form);
  if (!parsed.ok)
    return refused({ code: "INVALIDE" }, { errors: parsed.errors, values: parsed.values } satisfies ActionData);
  const result = await recordSignature(user, parsed.data);
  if (!result.ok)
    return refused(result, {
      errors: { [result.field ?? "_form"]: result.message },
      values: formValues(form),
    } satisfies ActionData);
  return redirect(`/mdph/reprises?avenant=${parsed.data.application}`);
}

export default function RecordAvenant() {
  const { organisation, signed, application } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state === "submitting";
  const values = failed?.values ?? { application };
  const errors = failed?.errors ?? {};
  const remaining = APPLICATIONS.filter((a) => !signed.some((s) => s.application === a.value));
  return (
    <>
      <p className="fr-mb-2w">
        <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" to="/mdph/reprises">
          Retour à la reprise des données
        </Link>
      </p>
      <h1>Enregistrer la signature de l'avenant</h1>
      <p className="fr-text--lead">{organisation}</p>
      <p>
        L'avenant au protocole d'assistance peut être signé pour ITAC, pour OPALES ou pour les deux, à des moments
        différents : enregistrez une signature par application. La signature engage la MDPH à demander sa date
        d'extraction au plus tard à la fin du mois qui suit celui de la signature.
      </p>
      {signed.length > 0 ? (
        <ul>
          {signed.map((s) => (
            <li key={s.application}>
              Avenant {s.application} déjà enregistré : signé le {formatDate(parisInstant(s.signedOn, "12:00"))}.
            </li>
          ))}
        </ul>
      ) : null}
      {remaining.length === 0 ? (
        <div className="fr-alert fr-alert--info fr-mb-3w">
          <p>Les avenants ITAC et OPALES de votre MDPH sont tous deux enregistrés.</p>
        </div>
      ) : (
        <div className="fr-col-12 fr-col-md-8">
          <FormError
            message={
              failed
                ? (errors._form ?? "La signature n'est pas enregistrée : corrigez les champs signalés ci-dessous.")
                : null
            }
          />
          <Form method="post" noValidate>
            <ChoiceField
              name="application"
              label="Application concernée par l'avenant"
              options={remaining}
              required
              defaultValue={values.application}
              error={errors.application}
            />
            <TextField
              name="signedOn"
              label="Date de signature"
              hint="La date portée sur l'avenant signé (elle ne peut pas être dans le futur)."
              type="date"
              required
              defaultValue={values.signedOn}
              error={errors.signedOn}
            />
            <div className="fr-grid-row fr-grid-row--gutters">
              <div className="fr-col-12 fr-col-md-6">
                <TextField
                  name="signatoryName"
                  label="Nom du signataire"
                  hint="Prénom et nom."
                  autoComplete="off"
                  required
                  maxLength={200}
                  defaultValue={values.signatoryName}
                  error={errors.signatoryName}
                />
              </div>
              <div className="fr-col-12 fr-col-md-6">
                <TextField
                  name="signatoryFunction"
                  label="Fonction du signataire"
                  hint="Par exemple « Directrice de la MDPH »."
                  autoComplete="off"
                  required
                  maxLength={200}
                  defaultValue={values.signatoryFunction}
                  error={errors.signatoryFunction}
                />
              </div>
            </div>
            <CheckboxField
              name="designatedByCommission"
              value="oui"
              required
              defaultChecked={values.designatedByCommission === "oui"}
              label="Le signataire est la personne désignée par la commission exécutive de la MDPH"
              hint="Seule cette personne peut signer l'avenant."
              error={errors.designatedByCommission}
            />
            <button className="fr-btn" type="submit" disabled={busy}>
              Enregistrer la signature
            </button>
          </Form>
        </div>
      )}
    </>
  );
}
