import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Panel } from "~/components/panel";
import { centreOfOrganisation, departementsOfCentre, organisationWithDepartement } from "~/modules/organisations/directory.server";
import { requirePermission, requireUser } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Service de l'État — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "read:dashboard-etat", { organisationId: user.organisationId });
  const organisation = await organisationWithDepartement(user.organisationId);
  const centre = centreOfOrganisation(organisation.code);
  const departements = centre ? await departementsOfCentre(centre) : [];
  return {
    organisation: { name: organisation.name, parent: organisation.parent?.name ?? null },
    departements: departements.map((d) => ({ code: d.code, name: d.name })),
    application: organisation.code === "dagemo" ? "ITAC" : organisation.code.startsWith("men-stsi") ? "OPALES" : null,
  };
}

export default function EtatDashboard() {
  const { organisation, departements, application } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{organisation.name}</h1>
      {organisation.parent ? <p className="fr-text--lead">{organisation.parent}</p> : null}
      <div className="fr-grid-row fr-grid-row--gutters">
        <Panel title="Listes de reprise reçues" empty={`Les listes mensuelles de demandes de reprise${application ? ` ${application}` : ""} envoyées par la CNSA apparaîtront ici.`} />
        <Panel title="Dates à confirmer" empty="Les dates de mise à disposition à confirmer ou à proposer apparaîtront ici." />
        {departements.length > 0 ? (
          <Panel title={`Bases OPALES de votre centre (${departements.length} départements)`}>
            <p className="fr-text--sm fr-mb-0">{departements.map((d) => `${d.name} (${d.code})`).join(", ")}</p>
          </Panel>
        ) : null}
      </div>
    </>
  );
}
