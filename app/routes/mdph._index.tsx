import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Panel } from "~/components/panel";
import { colleagues, organisationWithDepartement } from "~/modules/organisations/directory.server";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { ROLE_LABELS, isRole } from "~/utils/roles";

export const meta: MetaFunction = () => [{ title: "Ma MDPH — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "read:dashboard-mdph", { organisationId: user.organisationId });
  const organisation = await organisationWithDepartement(user.organisationId);
  const people = await colleagues(user.organisationId);
  return {
    organisation: { name: organisation.name, departement: organisation.departement ? `${organisation.departement.name} (${organisation.departement.code})` : null, opalesCentre: organisation.departement?.opalesCentre ?? null },
    people: people.map((p) => ({ id: p.id, name: `${p.firstName} ${p.lastName}`, jobTitle: p.jobTitle, roles: p.roles.map((r) => r.role).filter(isRole).map((r) => ROLE_LABELS[r]).join(", ") })),
  };
}

const CENTRE_LABELS: Record<string, string> = { RENNES: "centre d'exploitation de Rennes", VERSAILLES: "centre d'exploitation de Versailles" };

export default function MdphDashboard() {
  const { organisation, people } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{organisation.name}</h1>
      {organisation.departement ? <p className="fr-text--lead">Département : {organisation.departement}</p> : null}
      <div className="fr-grid-row fr-grid-row--gutters">
        <Panel title="Reprise des données ITAC et OPALES">
          <p className="fr-text--sm">
            Base OPALES de votre département : {organisation.opalesCentre ? CENTRE_LABELS[organisation.opalesCentre] : "centre non encore désigné par la CNSA"}.
          </p>
          <p className="fr-text--sm fr-mb-0">Vos demandes de reprise et leurs prochaines échéances apparaîtront ici.</p>
        </Panel>
        <Panel title="Votre équipe dans Passerelles">
          <ul className="fr-mb-0">
            {people.map((p) => (
              <li key={p.id}>
                {p.name}
                {p.jobTitle ? `, ${p.jobTitle}` : ""} — {p.roles}
              </li>
            ))}
          </ul>
        </Panel>
        <Panel title="Recommandations à examiner" empty="Les propositions adoptées par les groupes de travail, sur lesquelles votre MDPH peut prendre position, apparaîtront ici." />
      </div>
    </>
  );
}
