import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Panel } from "~/components/panel";
import { requirePermission, requireUser } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Pilotes Ségur — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "read:dashboard-segur", { organisationId: user.organisationId });
  return { firstName: user.firstName, organisation: user.organisation.name };
}

export default function SegurDashboard() {
  const { firstName, organisation } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Pilotes Ségur</h1>
      <p className="fr-text--lead">
        Bonjour {firstName} ({organisation}).
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        <Panel
          title="Prérequis"
          empty="Les prérequis du Ségur numérique de votre établissement (FINESS, contrat ANS, cartes, certificats, homologation INS) et leur avancement apparaîtront ici."
        />
        <Panel
          title="Objectifs"
          empty="Les objectifs INS, DMP, MSSanté et Pro Santé Connect et leur atteinte apparaîtront ici."
        />
      </div>
    </>
  );
}
