import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Dashboard, Panel } from "~/components/panel";
import { ActionList, AwaitingAnswerPanel } from "~/components/work-panels";
import { seesEveryGroup, withGroupFacts } from "~/modules/groups/policy.server";
import { groupsOverview, myActions } from "~/modules/groups/dashboard.server";
import { awaitingAnswer } from "~/modules/rfc/dashboard.server";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { parisDate } from "~/utils/working-days";

export const meta: MetaFunction = () => [{ title: "Mes groupes de travail — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await withGroupFacts(await requireUser(request));
  requirePermission(user, "read:dashboard-groupes", { organisationId: user.organisationId });
  const at = now();
  const [awaiting, actions, groups, steering] = await Promise.all([
    awaitingAnswer(user, at),
    myActions(user, parisDate(at)),
    groupsOverview(user, at),
    seesEveryGroup(user),
  ]);
  return {
    steering,
    firstName: user.firstName,
    organisation: user.organisation.name,
    awaiting,
    actions,
    groups: groups.map((g) => ({ code: g.code, name: g.name, statusLabel: g.statusLabel })),
  };
}

export default function GroupesDashboard() {
  const { firstName, organisation, awaiting, actions, groups, steering } = useLoaderData<typeof loader>();
  return (
    <Dashboard title="Mes groupes de travail" firstName={firstName} organisation={organisation}>
      <AwaitingAnswerPanel items={awaiting} />
      <Panel title="Actions à mener">
        <ActionList items={actions} empty="Votre organisation n'a aucune action en cours." />
      </Panel>
      <Panel title="Vos groupes">
        {groups.length === 0 ? (
          <p className="fr-text--sm fr-mb-0">Votre organisation ne participe encore à aucun groupe de travail.</p>
        ) : (
          <ul className="fr-raw-list">
            {groups.map((g) => (
              <li key={g.code} className="fr-mb-1w">
                <Link to={`/groupes/${g.code}`}>{g.name}</Link> <span className="fr-text--sm">· {g.statusLabel}</span>
              </li>
            ))}
          </ul>
        )}
        {steering ? (
          <Link className="fr-link fr-text--sm" to="/livrables">
            Livrables et échéances de tous les groupes (instance de pilotage)
          </Link>
        ) : null}
      </Panel>
    </Dashboard>
  );
}
