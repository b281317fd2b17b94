import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Panel } from "~/components/panel";
import { ActionList, AwaitingAnswerList } from "~/components/work-panels";
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
    <>
      <h1>Mes groupes de travail</h1>
      <p className="fr-text--lead">
        Bonjour {firstName} ({organisation}).
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        <Panel title="Appels à commentaires à traiter">
          <AwaitingAnswerList items={awaiting} />
          <Link className="fr-link fr-text--sm" to="/rfc">
            Tous les appels à commentaires
          </Link>
        </Panel>
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
      </div>
    </>
  );
}
