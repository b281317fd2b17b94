import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Panel } from "~/components/panel";
import { requirePermission, requireUser } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Pilotage de groupes — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "read:dashboard-pilotage", { organisationId: user.organisationId });
  return { firstName: user.firstName, organisation: user.organisation.name };
}

export default function PilotageDashboard() {
  const { firstName, organisation } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Pilotage de groupes</h1>
      <p className="fr-text--lead">
        Bonjour {firstName} ({organisation}).
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        <Panel title="Vos groupes" empty="Les groupes que vous pilotez, leurs appels à commentaires et les commentaires en attente de réponse apparaîtront ici." />
        <Panel title="Commentaires sans réponse" empty="Les commentaires auxquels vous n'avez pas encore répondu apparaîtront ici." />
      </div>
    </>
  );
}
