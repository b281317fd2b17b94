import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Panel } from "~/components/panel";
import { AwaitingAnswerPanel, PositionsToRecordList } from "~/components/work-panels";
import { awaitingAnswer, positionsToRecord } from "~/modules/rfc/dashboard.server";
import { RepriseStatus } from "~/components/reprise-status";
import { organisationHeader, team } from "~/modules/organisations/queries/team.server";
import { mdphReprisePanel } from "~/modules/reprise/queries/mdph-panel.server";
import { CENTRE_LABELS } from "~/modules/reprise/rules";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { orRefusal } from "~/utils/intent.server";
import { now } from "~/utils/clock.server";
import { formatDate } from "~/utils/format";
import { parisDate, parisInstant } from "~/utils/working-days";

export const meta: MetaFunction = () => [{ title: "Ma MDPH — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "read:dashboard-mdph", { organisationId: user.organisationId });
  const [organisation, people] = await Promise.all([
    organisationHeader(user.organisationId),
    team(user.organisationId),
  ]);
  const today = parisDate(now());
  const [{ reprises, pendingAvenants }, awaiting, toRecord] = await Promise.all([
    mdphReprisePanel(user, today).then(orRefusal),
    awaitingAnswer(user),
    positionsToRecord(user),
  ]);
  return {
    awaiting,
    toRecord,
    reprises,
    pendingAvenants,
    organisation,
    people,
  };
}

const day = (iso: string) => formatDate(parisInstant(iso, "12:00"));

export default function MdphDashboard() {
  const { organisation, people, reprises, pendingAvenants, awaiting, toRecord } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{organisation.name}</h1>
      {organisation.departement ? <p className="fr-text--lead">Département : {organisation.departement}</p> : null}
      <div className="fr-grid-row fr-grid-row--gutters">
        <Panel title="Reprise des données ITAC et OPALES" id="panneau-reprise">
          <p className="fr-text--sm">
            Base OPALES de votre département :{" "}
            {organisation.opalesCentre
              ? `centre d'exploitation de ${CENTRE_LABELS[organisation.opalesCentre]}`
              : "centre non encore désigné par la CNSA"}
            .
          </p>
          {reprises.length === 0 && pendingAvenants.length === 0 ? (
            <p className="fr-text--sm">Votre MDPH n'a encore aucune demande de reprise en cours.</p>
          ) : null}
          {pendingAvenants.length > 0 ? (
            <ul className="fr-text--sm">
              {pendingAvenants.map((a) => (
                <li key={a.application}>
                  Avenant {a.application} signé : demande de date à faire au plus tard le {day(a.requestDeadline)}{" "}
                  {a.late ? <span className="fr-badge fr-badge--sm fr-badge--error">En retard</span> : null}
                </li>
              ))}
            </ul>
          ) : null}
          {reprises.length > 0 ? (
            <ul className="fr-raw-list">
              {reprises.map((r) => (
                <li key={r.id} className="fr-mb-2w">
                  <Link to={`/reprises/${r.id}`}>{r.reference}</Link> <RepriseStatus status={r.status} />
                  <br />
                  <span className="fr-text--sm">
                    Prochaine échéance — {r.next.label}
                    {r.next.date ? ` : ${day(r.next.date)}` : ""}
                  </span>{" "}
                  {r.next.late ? <span className="fr-badge fr-badge--sm fr-badge--error">En retard</span> : null}
                </li>
              ))}
            </ul>
          ) : null}
          <p className="fr-text--sm fr-mb-0">
            <Link className="fr-link" to="/mdph/reprises">
              Avenants et demandes de reprise
            </Link>
          </p>
        </Panel>
        <Panel title="Votre équipe dans Passerelles">
          <ul className="fr-mb-0">
            {people.map((p) => (
              <li key={p.id}>
                {p.name}
                {p.jobTitle ? `, ${p.jobTitle}` : ""} — {p.roles}
              </li>
            ))}
          </ul>
        </Panel>
        <Panel title="Propositions adoptées : position de votre MDPH">
          <p className="fr-text--sm">
            Les conclusions des groupes de travail sont des propositions : chaque MDPH décide pour son système
            d'information.
          </p>
          <PositionsToRecordList items={toRecord} />
        </Panel>
        <AwaitingAnswerPanel items={awaiting} />
      </div>
    </>
  );
}
