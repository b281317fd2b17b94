import { DataTable } from "~/components/data-table";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import {
  DateField,
  HalfWidthFields,
  MdphApplicationForm,
  nameAndFunction,
} from "~/components/reprise/mdph-application-form";
import { organisationWithDepartement } from "~/modules/organisations/directory.server";
import { nextDispatchDays } from "~/modules/reprise/calendar.server";
import { listRequests, listSignatures } from "~/modules/reprise/requests.server";
import { requestSchema, submitMdphForm } from "~/modules/reprise/forms.server";
import { submitRequest } from "~/modules/reprise/request-commands.server";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { orRefusal, refused } from "~/utils/intent.server";
import { now } from "~/utils/clock.server";
import { formatDate } from "~/utils/format";
import { parisDate, parisInstant } from "~/utils/working-days";
import type { Application } from "../../workflows/reprise";

export const meta: MetaFunction = () => [{ title: "Demande de reprise des données — Passerelles" }];

/** Where the circulaire's paper form went; in Passerelles the CNSA receives it and forwards it in its monthly list. */
const RECIPIENTS: Record<Application, string> = {
  ITAC: "Directeur départemental du travail, de l'emploi et de la formation professionnelle (services de la DAGEMO)",
  OPALES: "MEN-STSI-B1, application OPALES",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "read:dashboard-mdph", { organisationId: user.organisationId });
  const [organisation, signatures, requests, dispatch] = await Promise.all([
    organisationWithDepartement(user.organisationId),
    listSignatures(user).then(orRefusal),
    listRequests(user).then(orRefusal),
    nextDispatchDays(),
  ]);
  const applications = (["ITAC", "OPALES"] as const).map((application) => {
    const signature = signatures.find((s) => s.organisationId === user.organisationId && s.application === application);
    const open = requests.find(
      (r) => r.organisationId === user.organisationId && r.application === application && r.tags.includes("ouverte"),
    );
    return {
      application,
      signed: Boolean(signature),
      requestDeadline: signature?.requestDeadline ?? null,
      open: open ? { id: open.id, reference: open.reference } : null,
      nextDispatch: dispatch[application],
    };
  });
  const eligible = applications.filter((a) => a.signed && !a.open);
  const wanted = new URL(request.url).searchParams.get("application");
  return {
    director: `${user.firstName} ${user.lastName}`,
    mdph: organisation.name,
    departement: organisation.departement ? `${organisation.departement.name} (${organisation.departement.code})` : "—",
    today: parisDate(now()),
    applications,
    application:
      eligible.find((a) => a.application === wanted)?.application ??
      (eligible.length === 1 ? eligible[0].application : ""),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "read:dashboard-mdph", { organisationId: user.organisationId });
  const sent = await submitMdphForm(request, requestSchema, (input) => submitRequest(user, input));
  return sent.ok ? redirect(`/reprises/${sent.value.id}?fait=demande`) : refused(sent.refusal, sent.answer);
}

const CONTACT_FIELDS = [
  ...nameAndFunction("contact", { name: "Nom", function: "Fonction" }, "Responsable du système d'information"),
  { name: "contactPhone", label: "Téléphone", hint: "Format attendu : 02 43 00 00 00.", type: "tel" },
  {
    name: "contactEmail",
    label: "Adresse électronique",
    hint: "Format attendu : prenom.nom@exemple.fr",
    type: "email",
    maxLength: 254,
  },
];

const day = (iso: string) => formatDate(parisInstant(iso, "12:00"));

type ApplicationSituation = Awaited<ReturnType<typeof loader>>["applications"][number];

/** Where the MDPH stands for one application: avenant to record, request under way, or request to make by a day. */
function RequestSituation({ application: a, today }: { application: ApplicationSituation; today: string }) {
  if (!a.signed)
    return (
      <>
        Avenant non signé :{" "}
        <Link to={`/mdph/reprises/avenant?application=${a.application}`}>enregistrer d'abord sa signature</Link>
      </>
    );
  if (a.open)
    return (
      <>
        Demande en cours : <Link to={`/reprises/${a.open.id}`}>{a.open.reference}</Link>
      </>
    );
  return (
    <>
      Demande à faire au plus tard le {day(a.requestDeadline!)}
      {a.requestDeadline! < today ? (
        <>
          {" "}
          <span className="fr-badge fr-badge--sm fr-badge--error">En retard</span>
        </>
      ) : null}
      . Prochaine liste : {day(a.nextDispatch)}.
    </>
  );
}

export default function NewRepriseRequest() {
  const { director, mdph, departement, today, applications, application } = useLoaderData<typeof loader>();
  const eligible = applications.filter((a) => a.signed && !a.open);
  return (
    <MdphApplicationForm
      title="Demande de reprise des données"
      before={
        <>
          <p>
            Une demande par application. Elle est adressée à la CNSA, qui compile et priorise les demandes, puis les
            transmet aux services de l'État dans sa liste mensuelle, au plus tard le 25 du mois, pour une planification
            le mois suivant.
          </p>

          <DataTable
            caption="Situation de votre MDPH par application"
            columns={["Application", "Destinataire du formulaire", "Situation"]}
            rows={applications}
            row={(a) => (
              <tr key={a.application}>
                <th scope="row">{a.application}</th>
                <td>{RECIPIENTS[a.application]}, copie à la CNSA</td>
                <td>
                  <RequestSituation application={a} today={today} />
                </td>
              </tr>
            )}
          />
        </>
      }
      nothingLeft="Aucune demande ne peut être faite pour le moment : il faut un avenant signé et aucune demande en cours pour l'application."
      width="fr-col-md-9"
      defaults={{ application, requestDate: today }}
      notSaved="La demande n'est pas envoyée : corrigez les champs signalés ci-dessous."
      applicationLabel="Demande de reprise pour l'application"
      applications={eligible.map((a) => ({ value: a.application, label: a.application }))}
    >
      {(form) => {
        const { busy, values, errors } = form;
        return (
          <>
            <p>
              <strong>MDPH du département de :</strong> {departement} — {mdph}
            </p>
            <DateField form={form} name="requestDate" label="Date de la demande" />

            <fieldset className="fr-fieldset" aria-labelledby="personne-designee">
              <legend className="fr-fieldset__legend" id="personne-designee">
                Personne désignée par la direction de la MDPH
                <span className="fr-hint-text">
                  Destinataire et responsable des opérations de reprise des données et du suivi de la procédure pour la
                  MDPH.
                </span>
              </legend>
              <HalfWidthFields
                fields={CONTACT_FIELDS}
                values={values}
                errors={errors}
                cellClassName="fr-fieldset__element"
              />
            </fieldset>

            <DateField
              form={form}
              name="desiredDate"
              label="Date souhaitée de la mise à disposition des fichiers de reprise"
              hint="Postérieure à aujourd'hui. Les demandes transmises le 25 du mois sont planifiées le mois suivant ; le service de l'État confirme la date ou en propose une autre."
            />
            <p className="fr-text--sm">
              Pour la maison départementale des personnes handicapées, le directeur : {director}. En envoyant ce
              formulaire, vous signez la demande.
            </p>
            <button className="fr-btn fr-icon-send-plane-line fr-btn--icon-left" type="submit" disabled={busy}>
              Envoyer la demande à la CNSA
            </button>
          </>
        );
      }}
    </MdphApplicationForm>
  );
}
