import { DataTable } from "~/components/data-table";
import { ListFileSets } from "~/components/reprise/campaign-lists";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumb, CNSA_CRUMBS } from "~/components/breadcrumb";
import { RequestRowHeader } from "~/components/reprise-request";
import { campaignDetail } from "~/modules/reprise/campaign-lists.server";
import { isCoordinator, stateServiceAccess } from "~/modules/reprise/policy.server";
import { SERVICE_LABELS } from "~/modules/reprise/rules";
import { orRefusal } from "~/utils/intent.server";
import { requireUser } from "~/utils/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `Liste ${data.campaign.application} ${data.campaign.ofMonth} — Passerelles`
      : "Liste de reprise — Passerelles",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // The State services that received the list; the coordinator too, who is copied on its mail.
  const coordinator = isCoordinator(user);
  if (!coordinator) orRefusal(stateServiceAccess(user));
  const campaign = orRefusal(await campaignDetail(user, params.id ?? ""));
  return { coordinator, campaign, service: SERVICE_LABELS[campaign.application as "ITAC" | "OPALES"] };
}

export default function CampaignPage() {
  const { coordinator, campaign: c, service } = useLoaderData<typeof loader>();
  const isOpales = c.application === "OPALES";
  return (
    <>
      <Breadcrumb
        items={
          coordinator
            ? CNSA_CRUMBS
            : [
                { label: "Service de l'État", to: "/etat" },
                { label: `Reprise ${c.application}`, to: "/etat/reprises" },
              ]
        }
        current={`Liste ${c.ofMonth}`}
      />
      <h1>
        Liste {c.application} {c.ofMonth}
        {c.scopeLabel ? ` — centre de ${c.scopeLabel}` : ""}
      </h1>
      <p className="fr-text--lead">
        Envoyée par la CNSA
        {c.early
          ? " par anticipation"
          : c.late
            ? " en retard (liste de rattrapage après une indisponibilité de Passerelles)"
            : ""}{" "}
        le {c.dispatchedAt} à {service}, pour planification en {c.planningMonthLabel}.
      </p>
      <div
        className={`fr-alert ${c.answerDeadlinePassed ? "fr-alert--info" : "fr-alert--warning"} fr-alert--sm fr-mb-3w`}
      >
        <p>
          {c.application === "ITAC"
            ? "Le MTRSS valide les dates souhaitées par les MDPH"
            : "Le MEN-STSI retourne le calendrier des extractions"}{" "}
          au plus tard le <strong>{c.answerDeadline}</strong>
          {c.answerDeadlinePassed ? " (échéance passée)" : ""}.
          {coordinator ? "" : " Répondez demande par demande : confirmez la date souhaitée ou proposez-en une autre."}
        </p>
      </div>

      <section className="fr-mt-4w" aria-labelledby="demandes-titre">
        <h2 id="demandes-titre">Demandes, par ordre de priorité</h2>
        <DataTable
          caption={
            <>
              {c.items.length} demande{c.items.length > 1 ? "s" : ""} de la liste {c.application} {c.ofMonth}
              {c.scopeLabel ? ` pour le centre de ${c.scopeLabel}` : ""}
            </>
          }
          columns={[
            "Priorité",
            "Demande",
            ...(isOpales ? ["Centre"] : []),
            "Date souhaitée",
            "État aujourd'hui",
            "Observations de la CNSA",
          ]}
          rows={c.items}
          row={(item) => (
            <tr key={item.id}>
              <td>{item.rank}</td>
              <RequestRowHeader request={item} listBadges />
              {isOpales ? <td>{item.centre ?? "—"}</td> : null}
              <td>{item.desiredDate}</td>
              <td>
                <span className={item.state.className}>{item.state.label}</span>
                {item.answerDue ? (
                  <>
                    <br />
                    <Link className="fr-link fr-link--sm" to={`/reprises/${item.id}`}>
                      {coordinator ? "Suivre la réponse" : "Répondre"}
                      <span className="fr-sr-only"> pour {item.reference}</span>
                    </Link>
                  </>
                ) : null}
              </td>
              <td className="fr-text--sm">{item.note ?? "—"}</td>
            </tr>
          )}
        />
      </section>

      <section className="fr-mt-6w" aria-labelledby="fichiers-titre">
        <h2 id="fichiers-titre">Fichiers de la liste</h2>
        <p>
          Les fichiers tels qu'ils ont été envoyés par courriel : la liste priorisée et le planning prévisionnel d'arrêt
          des services applicatifs.
        </p>
        {c.fileGroups.length === 0 ? (
          <p>Aucun fichier : cette liste ne portait aucune demande.</p>
        ) : (
          c.fileGroups.map((group) => (
            <div key={group.scope} className="fr-mb-3w">
              {c.fileGroups.length > 1 ? <h3 className="fr-h6">{group.label}</h3> : null}
              <ListFileSets
                campaignId={c.id}
                sets={group.sets}
                srContext={c.fileGroups.length > 1 ? ` (${group.label.toLowerCase()})` : ""}
              />
            </div>
          ))
        )}
      </section>
    </>
  );
}
