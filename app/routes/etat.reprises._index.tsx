import { DataTable } from "~/components/data-table";
import { ListFileSets, ListRowHeader } from "~/components/reprise/campaign-lists";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { Deadline } from "~/components/deadline";
import { ExportLinks } from "~/components/export-links";
import { RequestRowHeader } from "~/components/reprise-request";
import { receivedLists } from "~/modules/reprise/campaign-lists.server";
import { requestTable } from "~/modules/reprise/queries/requests.server";
import { CENTRE_LABELS, SERVICE_LABELS } from "~/modules/reprise/rules";
import { stateServiceAccess } from "~/modules/reprise/policy.server";
import { orRefusal } from "~/utils/intent.server";
import { requireUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { parisDate } from "~/utils/working-days";

export const meta: MetaFunction = () => [{ title: "Listes et demandes de reprise — Service de l'État — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const service = orRefusal(stateServiceAccess(user));
  const today = parisDate(now());
  const [lists, requests] = await Promise.all([
    receivedLists(user).then(orRefusal),
    requestTable(user, today).then(orRefusal),
  ]);
  return {
    application: service.application,
    who: service.centre
      ? `centre d'exploitation de ${CENTRE_LABELS[service.centre]}`
      : SERVICE_LABELS[service.application],
    centre: service.centre ? CENTRE_LABELS[service.centre] : null,
    lists,
    requests,
  };
}

export default function StateServiceReprises() {
  const { application, who, centre, lists, requests } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumb items={[{ label: "Service de l'État", to: "/etat" }]} current={`Reprise ${application}`} />
      <h1>Reprise des données {application}</h1>
      <p className="fr-text--lead">
        Les listes priorisées que la CNSA vous a envoyées{centre ? ` (la part du centre de ${centre})` : ""} et les
        demandes qu'elles portent. Seules les listes envoyées par la CNSA sont à prendre en compte.
      </p>

      <section className="fr-mt-4w" aria-labelledby="listes-titre">
        <h2 id="listes-titre">Listes reçues</h2>
        {lists.length === 0 ? (
          <p>
            Aucune liste reçue pour l'instant. La CNSA envoie chaque mois, au plus tard le 25, la liste des demandes à
            planifier le mois suivant.
          </p>
        ) : (
          <DataTable
            caption={`Listes mensuelles reçues par : ${who}`}
            columns={["Liste", "Reçue le", "Demandes", "Réponse attendue au plus tard le", "Fichiers"]}
            rows={lists}
            row={(l) => (
              <tr key={l.id}>
                <ListRowHeader list={l}>
                  <br />
                  <span className="fr-text--sm">pour planification en {l.planningMonthLabel}</span>
                </ListRowHeader>
                <td>{l.dispatchedAt}</td>
                <td>{l.count}</td>
                <td>{l.answerDeadline}</td>
                <td>
                  <ListFileSets campaignId={l.id} sets={l.fileSets} srContext={`, liste ${l.ofMonth}`} compact />
                </td>
              </tr>
            )}
          />
        )}
      </section>

      <section className="fr-mt-6w" aria-labelledby="demandes-titre">
        <h2 id="demandes-titre">Demandes qui vous sont adressées</h2>
        <p>
          Pour chaque demande transmise, confirmez la date souhaitée par la MDPH ou proposez-en une autre avant
          l'échéance ; enregistrez ensuite l'extraction puis l'expédition.
        </p>
        <DataTable
          caption={`Demandes de reprise ${application} routées vers : ${who}`}
          columns={[
            "Demande",
            "État",
            "Date souhaitée",
            "Date arrêtée",
            "Réponse attendue au plus tard le",
            "Dernière liste",
          ]}
          rows={requests}
          empty="Aucune demande ne vous a encore été transmise."
          row={(r) => (
            <tr key={r.id}>
              <RequestRowHeader request={r} />
              <td>
                <span className={r.state.className}>{r.state.label}</span>
              </td>
              <td>{r.desiredDate}</td>
              <td>{r.finalDate}</td>
              <td>
                <Deadline date={r.answerDeadline} late={r.answerOverdue} />
              </td>
              <td>{r.campaignMonth ?? "—"}</td>
            </tr>
          )}
        />
        <ExportLinks to="/etat/reprises/export" what="les demandes qui vous sont adressées" />
      </section>
    </>
  );
}
