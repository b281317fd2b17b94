import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Dashboard, Panel } from "~/components/panel";
import { ActionList, PilotCycleList } from "~/components/work-panels";
import { groupsOverview } from "~/modules/groups/dashboard.server";
import { overdueActions } from "~/modules/groups/queries/dashboard.server";
import { pilotCycles } from "~/modules/rfc/dashboard.server";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { parisDate } from "~/utils/working-days";

export const meta: MetaFunction = () => [{ title: "Pilotage de groupes — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "read:dashboard-pilotage", { organisationId: user.organisationId });
  const at = now();
  const [cycles, groups, overdue] = await Promise.all([
    pilotCycles(user, at),
    groupsOverview(user, at),
    overdueActions(user, parisDate(at)),
  ]);
  const piloted = groups.filter((g) => g.piloting);
  const pilotedCodes = new Set(piloted.map((g) => g.code));
  return {
    firstName: user.firstName,
    organisation: user.organisation.name,
    cycles,
    // Dispositions are recorded once a cycle is closed.
    undisposed: cycles.filter((c) => c.status === "clos").reduce((sum, c) => sum + c.undisposed, 0),
    groups: piloted.map((g) => ({
      code: g.code,
      name: g.name,
      statusLabel: g.statusLabel,
      pilotValidated: g.pilot?.validated ?? false,
    })),
    overdue: overdue.filter((a) => pilotedCodes.has(a.group.code)),
  };
}

export default function PilotageDashboard() {
  const { firstName, organisation, cycles, undisposed, groups, overdue } = useLoaderData<typeof loader>();
  return (
    <Dashboard title="Pilotage de groupes" firstName={firstName} organisation={organisation}>
      <Panel title="Vos groupes">
        {groups.length === 0 ? (
          <p className="fr-text--sm fr-mb-0">Votre organisation ne pilote aucun groupe de travail.</p>
        ) : (
          <ul className="fr-raw-list">
            {groups.map((g) => (
              <li key={g.code} className="fr-mb-1w">
                <Link to={`/groupes/${g.code}`}>{g.name}</Link> <span className="fr-text--sm">· {g.statusLabel}</span>{" "}
                {g.pilotValidated ? null : (
                  <span className="fr-badge fr-badge--sm fr-badge--warning">Pilote à valider</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </Panel>
      <Panel title="Cycles d'appels à commentaires">
        {undisposed > 0 ? (
          <p className="fr-text--sm">
            <strong>
              {undisposed} commentaire{undisposed > 1 ? "s" : ""} sans réponse
            </strong>{" "}
            : chaque commentaire doit recevoir une suite avant de conclure le cycle.
          </p>
        ) : null}
        <PilotCycleList items={cycles} />
      </Panel>
      <Panel title="Actions en retard dans vos groupes">
        <ActionList items={overdue} empty="Aucune action en retard dans les groupes que vous pilotez." />
      </Panel>
    </Dashboard>
  );
}
