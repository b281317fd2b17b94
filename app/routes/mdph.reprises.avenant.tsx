import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CheckboxField } from "~/components/fields";
import {
  DateField,
  HalfWidthFields,
  MdphApplicationForm,
  nameAndFunction,
} from "~/components/reprise/mdph-application-form";
import { listSignatures } from "~/modules/reprise/requests.server";
import { recordSignature } from "~/modules/reprise/request-commands.server";
import { signatureSchema, submitMdphForm } from "~/modules/reprise/forms.server";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { orRefusal, refused } from "~/utils/intent.server";
import { formatDate } from "~/utils/format";
import { parisInstant } from "~/utils/working-days";

export const meta: MetaFunction = () => [{ title: "Enregistrer la signature de l'avenant — Passerelles" }];

const APPLICATIONS = [
  { value: "ITAC", label: "ITAC (ministère du Travail, dossiers adultes)" },
  { value: "OPALES", label: "OPALES (ministère de l'Éducation nationale, dossiers enfants)" },
];

const SIGNATORY_FIELDS = nameAndFunction(
  "signatory",
  { name: "Nom du signataire", function: "Fonction du signataire" },
  "Directrice de la MDPH",
);

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

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "read:dashboard-mdph", { organisationId: user.organisationId });
  const sent = await submitMdphForm(request, signatureSchema, (input) => recordSignature(user, input));
  return sent.ok ? redirect(`/mdph/reprises?avenant=${sent.input.application}`) : refused(sent.refusal, sent.answer);
}

export default function RecordAvenant() {
  const { organisation, signed, application } = useLoaderData<typeof loader>();
  const remaining = APPLICATIONS.filter((a) => !signed.some((s) => s.application === a.value));
  return (
    <MdphApplicationForm
      title="Enregistrer la signature de l'avenant"
      before={
        <>
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
        </>
      }
      nothingLeft="Les avenants ITAC et OPALES de votre MDPH sont tous deux enregistrés."
      width="fr-col-md-8"
      defaults={{ application }}
      notSaved="La signature n'est pas enregistrée : corrigez les champs signalés ci-dessous."
      applicationLabel="Application concernée par l'avenant"
      applications={remaining}
    >
      {(form) => {
        const { busy, values, errors } = form;
        return (
          <>
            <DateField
              form={form}
              name="signedOn"
              label="Date de signature"
              hint="La date portée sur l'avenant signé (elle ne peut pas être dans le futur)."
            />
            <div className="fr-grid-row fr-grid-row--gutters">
              <HalfWidthFields fields={SIGNATORY_FIELDS} values={values} errors={errors} />
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
          </>
        );
      }}
    </MdphApplicationForm>
  );
}
