import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ChoiceField } from "~/components/admin-forms";
import { ExportLinks } from "~/components/export-links";
import { requestFilterOf, requestRow, requireCoordinator, STATE_OPTIONS } from "~/modules/reprise/board.server";
import { listRequests } from "~/modules/reprise/requests.server";
import { requireUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { parisDate } from "~/utils/working-days";

export const meta: MetaFunction = () => [{ title: "Demandes de reprise — Coordination CNSA — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requireCoordinator(user);
  const filter = requestFilterOf(new URL(request.url));
  const rows = await listRequests(user, { application: filter.application, statuses: filter.state ? [filter.state] : undefined });
  const today = parisDate(now());
  return {
    filter: { application: filter.application ?? "", etat: filter.state ?? "" },
    states: STATE_OPTIONS,
    requests: rows.map((row) => ({ ...requestRow(row, today), priority: row.priority })),
  };
}

export default function CoordinatorRequests() {
  const { filter, states, requests } = useLoaderData<typeof loader>();
  const filtered = Boolean(filter.application || filter.etat);
  const stateLabel = states.find((s) => s.value === filter.etat)?.label;
  return (
    <>
      <nav role="navigation" className="fr-breadcrumb" aria-label="vous êtes ici :">
        <ol className="fr-breadcrumb__list">
          <li>
            <Link className="fr-breadcrumb__link" to="/cnsa">
              Coordination CNSA
            </Link>
          </li>
          <li>
            <Link className="fr-breadcrumb__link" to="/cnsa/reprises">
              Campagne de reprise
            </Link>
          </li>
          <li>
            <a className="fr-breadcrumb__link" aria-current="page">
              Demandes
            </a>
          </li>
        </ol>
      </nav>
      <h1>Demandes de reprise</h1>
      <p>Toutes les demandes des MDPH, ITAC et OPALES, par application puis par ordre de priorité.</p>

      <Form method="get" className="fr-mb-3w" role="search" aria-label="Filtrer les demandes">
        <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          <div className="fr-col-12 fr-col-md-3">
            <ChoiceField
              id="filtre-application"
              name="application"
              label="Application"
              options={[
                { value: "ITAC", label: "ITAC" },
                { value: "OPALES", label: "OPALES" },
              ]}
              emptyLabel="ITAC et OPALES"
              emptySelectable
              defaultValue={filter.application}
            />
          </div>
          <div className="fr-col-12 fr-col-md-5">
            <ChoiceField id="filtre-etat" name="etat" label="État" options={states} emptyLabel="Tous les états" emptySelectable defaultValue={filter.etat} />
          </div>
          <div className="fr-col-12 fr-col-md-2">
            <button className="fr-btn fr-mb-3w" type="submit">
              Filtrer
            </button>
          </div>
        </div>
      </Form>

      <p role="status">
        {requests.length} demande{requests.length > 1 ? "s" : ""}
        {filtered ? " correspondant aux filtres" : ""}.
        {filtered ? (
          <>
            {" "}
            <Link to="/cnsa/reprises/demandes">Effacer les filtres</Link>
          </>
        ) : null}
      </p>

      <div className="fr-table fr-table--sm">
        <table>
          <caption>
            Demandes de reprise{filter.application ? ` ${filter.application}` : ""}
            {stateLabel ? ` — ${stateLabel}` : ""}
          </caption>
          <thead>
            <tr>
              <th scope="col">Demande</th>
              <th scope="col">Application</th>
              <th scope="col">Priorité</th>
              <th scope="col">État</th>
              <th scope="col">Date souhaitée</th>
              <th scope="col">Date arrêtée</th>
              <th scope="col">Dernière liste</th>
              <th scope="col">Réponse de l'État attendue le</th>
            </tr>
          </thead>
          <tbody>
            {requests.length === 0 ? (
              <tr>
                <td colSpan={8}>{filtered ? "Aucune demande ne correspond à ces filtres." : "Aucune demande de reprise pour l'instant."}</td>
              </tr>
            ) : (
              requests.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`/reprises/${r.id}`}>{r.reference}</Link>
                    <br />
                    <span className="fr-text--sm">
                      {r.mdph} ({r.departement})
                    </span>
                  </th>
                  <td>
                    {r.application}
                    {r.application === "OPALES" && r.centre ? (
                      <>
                        <br />
                        <span className="fr-text--sm">centre de {r.centre}</span>
                      </>
                    ) : null}
                  </td>
                  <td>{r.priority}</td>
                  <td>
                    <span className={r.state.className}>{r.state.label}</span>
                    {r.replay ? (
                      <>
                        {" "}
                        <span className="fr-badge fr-badge--sm fr-badge--error fr-badge--no-icon">rejeu</span>
                      </>
                    ) : null}
                  </td>
                  <td>{r.desiredDate}</td>
                  <td>{r.finalDate}</td>
                  <td>{r.campaignMonth ?? "—"}</td>
                  <td>
                    {r.answerDeadline ?? "—"}
                    {r.answerOverdue ? (
                      <>
                        {" "}
                        <span className="fr-badge fr-badge--sm fr-badge--error">En retard</span>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <ExportLinks to="/cnsa/reprises/export/demandes" what="les demandes" />
    </>
  );
}
