import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Panel, StatList } from "~/components/panel";
import { organisationOverview } from "~/modules/organisations/directory.server";
import { prisma } from "~/utils/db.server";
import { requireUserWith } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Coordination CNSA — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read:dashboard-cnsa");
  const [overview, unassigned] = await Promise.all([
    organisationOverview(),
    prisma.departement.findMany({ where: { opalesCentre: null }, orderBy: { code: "asc" } }),
  ]);
  return { firstName: user.firstName, overview, unassigned };
}

export default function CnsaDashboard() {
  const { firstName, overview, unassigned } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Coordination CNSA</h1>
      <p className="fr-text--lead">Bonjour {firstName}. Voici l'état du réseau des MDPH et de leurs partenaires.</p>
      <div className="fr-grid-row fr-grid-row--gutters">
        <Panel title="Réseau">
          <StatList
            items={[
              { label: "MDPH", value: overview.byKind.MDPH ?? 0 },
              { label: "organismes partenaires", value: overview.byKind.PARTENAIRE ?? 0 },
              { label: "services de l'État et centres", value: overview.byKind.SERVICE_ETAT ?? 0 },
              { label: "personnes ayant activé leur compte", value: overview.activePeople },
            ]}
          />
          <Link className="fr-link" to="/personnes/inviter">
            Inviter une personne
          </Link>
        </Panel>
        <Panel title="Routage OPALES à compléter">
          {unassigned.length === 0 ? (
            <p className="fr-mb-0">Chaque département est rattaché à un centre d'exploitation.</p>
          ) : (
            <>
              <p className="fr-text--sm">La circulaire ne rattache pas ces départements à un centre OPALES ; ils devront l'être avant leur premier envoi :</p>
              <ul>
                {unassigned.map((d) => (
                  <li key={d.code}>
                    {d.name} ({d.code})
                  </li>
                ))}
              </ul>
            </>
          )}
        </Panel>
        <Panel title="Campagne de reprise du mois" empty="Les demandes de reprise ITAC et OPALES apparaîtront ici." />
        <Panel title="Appels à commentaires ouverts" empty="Les cycles d'appels à commentaires en cours apparaîtront ici." />
      </div>
    </>
  );
}
