import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Panel } from "~/components/panel";
import { stateHome } from "~/modules/reprise/queries/state-home.server";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { orRefusal } from "~/utils/intent.server";
import { now } from "~/utils/clock.server";
import { parisDate } from "~/utils/working-days";

export const meta: MetaFunction = () => [{ title: "Service de l'État — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "read:dashboard-etat", { organisationId: user.organisationId });
  return orRefusal(await stateHome(user, parisDate(now())));
}

export default function EtatDashboard() {
  const { organisation, departements, application, lists, listTotal, awaiting } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{organisation.name}</h1>
      {organisation.parent ? <p className="fr-text--lead">{organisation.parent}</p> : null}
      <div className="fr-grid-row fr-grid-row--gutters">
        {application ? (
          <>
            <Panel title="Listes de reprise reçues">
              {lists.length === 0 ? (
                <p className="fr-text--sm">
                  La CNSA ne vous a encore envoyé aucune liste de demandes de reprise {application}. Elle l'envoie
                  chaque mois, au plus tard le 25.
                </p>
              ) : (
                <ul>
                  {lists.map((l) => (
                    <li key={l.id} className="fr-mb-1w">
                      <Link to={`/etat/reprises/campagnes/${l.id}`}>
                        Liste {l.application} {l.ofMonth}
                      </Link>{" "}
                      — {l.count} demande{l.count > 1 ? "s" : ""}, reçue le {l.dispatchedAt}
                    </li>
                  ))}
                </ul>
              )}
              <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" to="/etat/reprises">
                {listTotal > lists.length
                  ? `Voir les ${listTotal} listes et toutes les demandes`
                  : "Voir les listes et toutes les demandes"}
              </Link>
            </Panel>
            <Panel title="Dates à confirmer">
              {awaiting.length === 0 ? (
                <p className="fr-text--sm">Aucune demande n'attend votre réponse.</p>
              ) : (
                <>
                  <p className="fr-text--sm">
                    Confirmez la date souhaitée par la MDPH ou proposez-en une autre avant l'échéance.
                  </p>
                  <ul>
                    {awaiting.map((r) => (
                      <li key={r.id} className="fr-mb-1w">
                        <Link to={`/reprises/${r.id}`}>{r.reference}</Link> — {r.mdph}, souhaitée le {r.desiredDate} ;
                        réponse au plus tard le {r.answerDeadline}
                        {r.answerOverdue ? (
                          <>
                            {" "}
                            <span className="fr-badge fr-badge--sm fr-badge--error">En retard</span>
                          </>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </Panel>
          </>
        ) : (
          <Panel title="Reprise des données ITAC et OPALES">
            <p className="fr-text--sm fr-mb-0">
              Votre service ne reçoit pas les listes de reprise : elles vont à la DAGEMO (ITAC), au MEN-STSI et à ses
              centres d'exploitation (OPALES).
            </p>
          </Panel>
        )}
        {departements.length > 0 ? (
          <Panel title={`Bases OPALES de votre centre (${departements.length} départements)`}>
            <p className="fr-text--sm fr-mb-0">{departements.map((d) => `${d.name} (${d.code})`).join(", ")}</p>
          </Panel>
        ) : null}
      </div>
    </>
  );
}
