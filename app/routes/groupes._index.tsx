import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Panel } from "~/components/panel";
import { requirePermission, requireUser } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Mes groupes de travail — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "read:dashboard-groupes", { organisationId: user.organisationId });
  return { firstName: user.firstName, organisation: user.organisation.name };
}

export default function GroupesDashboard() {
  const { firstName, organisation } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Mes groupes de travail</h1>
      <p className="fr-text--lead">
        Bonjour {firstName} ({organisation}).
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        <Panel title="Appels à commentaires à traiter" empty="Les appels à commentaires qui attendent la réponse de votre organisation apparaîtront ici, avec le temps restant." />
        <Panel title="Actions à mener" empty="Les actions dont votre organisation est responsable, avec leur échéance, apparaîtront ici." />
      </div>
    </>
  );
}
