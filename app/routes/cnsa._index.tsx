import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Panel, PanelLinks, StatList } from "~/components/panel";
import { LateLetterList, ActionList, PilotCycleList, ResponseRateTable } from "~/components/work-panels";
import { countOverdueActions, lateLetters, overdueActions } from "~/modules/groups/queries/dashboard.server";
import { pilotCycles, responseRates } from "~/modules/rfc/dashboard.server";
import { parisDate } from "~/utils/working-days";
import { departementsWithoutOpalesCentre, organisationOverview } from "~/modules/organisations/queries/overview.server";
import { dispatchPanel } from "~/modules/reprise/dispatch-board.server";
import { coordinatorAccess } from "~/modules/reprise/policy.server";
import { orRefusal } from "~/utils/intent.server";
import { requireUserWith } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";

const DASHBOARD_ROWS = 10;

export const meta: MetaFunction = () => [{ title: "Coordination CNSA — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read:dashboard-cnsa");
  orRefusal(coordinatorAccess(user));
  const at = now();
  const today = parisDate(at);
  const [overview, unassigned, reprise, rates, cycles, overdue, overdueTotal, late] = await Promise.all([
    organisationOverview(),
    departementsWithoutOpalesCentre(),
    dispatchPanel(at),
    responseRates(at),
    pilotCycles(user, at),
    overdueActions(user, today, { limit: DASHBOARD_ROWS }),
    countOverdueActions(user, today),
    lateLetters(today),
  ]);
  // A national dashboard shows the most pressing rows; the lists behind it have them all.
  return {
    rates: rates.slice(0, DASHBOARD_ROWS),
    ratesTotal: rates.length,
    cycles: cycles.slice(0, DASHBOARD_ROWS),
    cyclesTotal: cycles.length,
    overdue,
    overdueTotal,
    late,
    firstName: user.firstName,
    overview,
    unassigned,
    reprise,
  };
}

export default function CnsaDashboard() {
  const {
    firstName,
    overview,
    unassigned,
    reprise,
    rates,
    ratesTotal,
    cycles,
    cyclesTotal,
    overdue,
    overdueTotal,
    late,
  } = useLoaderData<typeof loader>();
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
        <Panel title="Campagne de reprise du mois">
          <ul className="fr-raw-list">
            {reprise.map((r) => (
              <li key={r.application} className="fr-mb-2w">
                <p className="fr-text--bold fr-mb-1v">{r.application}</p>
                {r.sent ? (
                  <p className="fr-text--sm fr-mb-1v">
                    Liste {r.ofMonth} envoyée{r.sent.early ? " par anticipation" : ""} le {r.sent.atLabel}. Prochain
                    envoi le {r.nextDispatch.atLabel}, <strong>{r.nextDispatch.countdown}</strong>.
                  </p>
                ) : (
                  <p className="fr-text--sm fr-mb-1v">
                    Liste {r.ofMonth} : {r.nextCount} demande{r.nextCount > 1 ? "s" : ""}, envoi le {r.dispatchAtLabel},{" "}
                    <strong>{r.countdown}</strong>.
                  </p>
                )}
                <p className="fr-text--sm fr-mb-1v">
                  {r.openTotal} demande{r.openTotal > 1 ? "s" : ""} en cours
                  {r.counts.length > 0 ? ` — ${r.counts.map((c) => `${c.label} : ${c.count}`).join(" ; ")}` : ""}.
                </p>
                {r.overdueAnswers > 0 || r.windowsEndingSoon > 0 ? (
                  <ul className="fr-badges-group">
                    {r.overdueAnswers > 0 ? (
                      <li>
                        <span className="fr-badge fr-badge--sm fr-badge--error">
                          {r.overdueAnswers} réponse{r.overdueAnswers > 1 ? "s" : ""} de l'État en retard
                        </span>
                      </li>
                    ) : null}
                    {r.windowsEndingSoon > 0 ? (
                      <li>
                        <span className="fr-badge fr-badge--sm fr-badge--warning">
                          {r.windowsEndingSoon} validation{r.windowsEndingSoon > 1 ? "s" : ""} bientôt échue
                          {r.windowsEndingSoon > 1 ? "s" : ""}
                        </span>
                      </li>
                    ) : null}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
          <PanelLinks
            links={[
              { to: "/cnsa/reprises", label: "Ouvrir le tableau de bord de la campagne" },
              { to: "/cnsa/reprises/demandes", label: "Toutes les demandes de reprise" },
              { to: "/cnsa/reprises/avenants", label: "Avenants et outil de consultation" },
              { to: "/cnsa/reprises/parametres", label: "Jour et heure d'envoi, rappels" },
            ]}
          />
        </Panel>
        <Panel title="Routage OPALES à compléter">
          {unassigned.length === 0 ? (
            <p className="fr-mb-0">Chaque département est rattaché à un centre d'exploitation.</p>
          ) : (
            <>
              <p className="fr-text--sm">
                La circulaire ne rattache pas ces départements à un centre OPALES ; ils devront l'être avant leur
                premier envoi :
              </p>
              <ul>
                {unassigned.map((d) => (
                  <li key={d.code}>
                    {d.name} ({d.code})
                  </li>
                ))}
              </ul>
              <Link className="fr-link" to="/cnsa/reprises#sans-centre-titre">
                Rattacher ces départements
              </Link>
            </>
          )}
        </Panel>
        <Panel title="Groupes de travail">
          <p className="fr-text--bold fr-mb-1w">Lettres de mission en retard</p>
          <LateLetterList items={late} />
          <p className="fr-text--bold fr-mt-2w fr-mb-1w">Actions en retard</p>
          <ActionList items={overdue} empty="Aucune action en retard." />
          {overdueTotal > overdue.length ? (
            <p className="fr-text--sm">
              Les {overdue.length} plus anciennes sur {overdueTotal} ; chaque groupe liste les siennes.
            </p>
          ) : null}
          <PanelLinks
            className="fr-mt-2w"
            links={[
              { to: "/cnsa/groupes", label: "Tous les groupes de travail" },
              { to: "/livrables", label: "Livrables et échéances de tous les groupes" },
            ]}
          />
        </Panel>
        <Panel title="Appels à commentaires">
          <p className="fr-text--bold fr-mb-1w">Taux de réponse des organisations invitées (cycles ouverts)</p>
          <ResponseRateTable rows={rates} />
          {ratesTotal > rates.length ? (
            <p className="fr-text--sm">
              Les {rates.length} organisations qui ont le moins répondu, sur {ratesTotal} invitées.
            </p>
          ) : null}
          <p className="fr-text--bold fr-mt-2w fr-mb-1w">Cycles en cours</p>
          <PilotCycleList items={cycles} />
          {cyclesTotal > cycles.length ? (
            <p className="fr-text--sm">
              {cycles.length} cycles sur {cyclesTotal} ; la liste des appels à commentaires les montre tous.
            </p>
          ) : null}
          <Link className="fr-link" to="/rfc">
            Tous les appels à commentaires
          </Link>
        </Panel>
      </div>
    </>
  );
}
