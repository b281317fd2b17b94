import { DataTable } from "~/components/data-table";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Breadcrumb, CNSA_CRUMBS } from "~/components/breadcrumb";
import { Deadline } from "~/components/deadline";
import { ExportLinks } from "~/components/export-links";
import { FilterForm, FilterSubmit, ChoiceFilter } from "~/components/filter-form";
import { RequestRowHeader } from "~/components/reprise-request";
import { ResultCount } from "~/components/result-count";
import { requestFilterOf } from "~/modules/reprise/forms.server";
import { STATE_OPTIONS } from "~/modules/reprise/labels";
import { requestTable } from "~/modules/reprise/queries/requests.server";
import { orRefusal } from "~/utils/intent.server";
import { now } from "~/utils/clock.server";
import { parisDate } from "~/utils/working-days";
import { requireCoordinator } from "~/utils/route-steps.server";

export const meta: MetaFunction = () => [{ title: "Demandes de reprise — Coordination CNSA — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCoordinator(request);
  const filter = requestFilterOf(new URL(request.url));
  const requests = orRefusal(
    await requestTable(user, parisDate(now()), {
      application: filter.application,
      statuses: filter.state ? [filter.state] : undefined,
    }),
  );
  return {
    filter: { application: filter.application ?? "", etat: filter.state ?? "" },
    states: STATE_OPTIONS,
    requests,
  };
}

export default function CoordinatorRequests() {
  const { filter, states, requests } = useLoaderData<typeof loader>();
  const filtered = Boolean(filter.application || filter.etat);
  const stateLabel = states.find((s) => s.value === filter.etat)?.label;
  return (
    <>
      <Breadcrumb items={CNSA_CRUMBS} current="Demandes" />
      <h1>Demandes de reprise</h1>
      <p>Toutes les demandes des MDPH, ITAC et OPALES, par application puis par ordre de priorité.</p>

      <FilterForm label="Filtrer les demandes">
        <ChoiceFilter
          name="application"
          label="Application"
          columns="fr-col-md-3"
          options={[
            { value: "ITAC", label: "ITAC" },
            { value: "OPALES", label: "OPALES" },
          ]}
          emptyLabel="ITAC et OPALES"
          defaultValue={filter.application}
        />
        <ChoiceFilter
          name="etat"
          label="État"
          columns="fr-col-md-5"
          options={states}
          emptyLabel="Tous les états"
          defaultValue={filter.etat}
        />
        <FilterSubmit columns="fr-col-md-2" buttonClassName="fr-mb-3w" />
      </FilterForm>

      <ResultCount total={requests.length} noun="demande" filtered={filtered} clearTo="/cnsa/reprises/demandes" />

      <DataTable
        caption={
          <>
            Demandes de reprise{filter.application ? ` ${filter.application}` : ""}
            {stateLabel ? ` — ${stateLabel}` : ""}
          </>
        }
        columns={[
          "Demande",
          "Application",
          "Priorité",
          "État",
          "Date souhaitée",
          "Date arrêtée",
          "Dernière liste",
          "Réponse de l'État attendue le",
        ]}
        rows={requests}
        empty={filtered ? "Aucune demande ne correspond à ces filtres." : "Aucune demande de reprise pour l'instant."}
        row={(r) => (
          <tr key={r.id}>
            <RequestRowHeader request={r} />
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
              <Deadline date={r.answerDeadline} late={r.answerOverdue} />
            </td>
          </tr>
        )}
      />
      <ExportLinks to="/cnsa/reprises/export/demandes" what="les demandes" confirm />
    </>
  );
}
