import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Dashboard, Panel } from "~/components/panel";
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
    <Dashboard title="Pilotes Ségur" firstName={firstName} organisation={organisation}>
      <Panel
        title="Prérequis"
        empty="Les prérequis du Ségur numérique de votre établissement (FINESS, contrat ANS, cartes, certificats, homologation INS) et leur avancement apparaîtront ici."
      />
      <Panel
        title="Objectifs"
        empty="Les objectifs INS, DMP, MSSanté et Pro Santé Connect et leur atteinte apparaîtront ici."
      />
    </Dashboard>
  );
}
