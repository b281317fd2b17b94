import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DataTable } from "~/components/data-table";
import { CycleBadge, RfcStatusBadge } from "~/components/rfc-fields";
import { groupsForNewRfc, listRfcs } from "~/modules/rfc/read-models.server";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { can } from "~/utils/permissions";

export const meta: MetaFunction = () => [{ title: "Appels à commentaires (RFC) — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "read:rfc");
  const [rfcs, groups] = await Promise.all([listRfcs(user), groupsForNewRfc(user)]);
  return { rfcs, groups, coordinator: can(user, "manage:group") };
}

export default function RfcList() {
  const { rfcs, groups, coordinator } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Appels à commentaires (RFC)</h1>
      <p>
        Les documents que les groupes de travail soumettent aux commentaires des organisations : chaque version est
        ouverte aux commentaires jusqu'à une échéance, puis le pilote du groupe répond à chaque commentaire avant de
        conclure (nouvelle version, adoption comme proposition ou retrait).
      </p>
      {coordinator ? (
        <p>
          <Link className="fr-link fr-icon-settings-5-line fr-link--icon-left" to="/rfc/parametres">
            Paramètres des appels à commentaires
          </Link>
        </p>
      ) : null}
      {groups.length > 0 ? (
        <details className="fr-mb-3w">
          <summary className="fr-link fr-icon-add-line fr-link--icon-left">Rédiger une RFC</summary>
          <ul className="fr-mt-1w">
            {groups.map((g) => (
              <li key={g.code}>
                <Link to={`/groupes/${g.code}/rfc/nouvelle`}>Nouvelle RFC du groupe « {g.name} »</Link>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {rfcs.length === 0 ? (
        <p>Aucun appel à commentaires ne vous concerne pour le moment.</p>
      ) : (
        <DataTable
          caption={`${rfcs.length === 1 ? "1 RFC" : `${rfcs.length} RFC`}, de la plus récente à la plus ancienne`}
          columns={["Numéro et titre", "Groupe", "État", "Version courante", "Échéance", "Temps restant"]}
          rows={rfcs}
          row={(r) => (
            <tr key={r.number}>
              <th scope="row">
                <Link to={`/rfc/${r.number}`}>
                  {r.number} — {r.title}
                </Link>
              </th>
              <td>{r.group.name}</td>
              <td>
                <RfcStatusBadge status={r.status} label={r.statusLabel} />
              </td>
              <td>
                <Link to={`/rfc/${r.number}/v/${r.version}`}>
                  Version {r.version}
                  <span className="fr-sr-only"> de {r.number}</span>
                </Link>
                <br />
                <CycleBadge status={r.cycleStatus} label={r.cycleLabel} />
              </td>
              <td>{r.deadline ? formatDateTime(r.deadline) : "—"}</td>
              <td>{r.timeLeft ?? "—"}</td>
            </tr>
          )}
        />
      )}
    </>
  );
}
