import { DataTable } from "~/components/data-table";
import { Link } from "@remix-run/react";
import { ExportLinks } from "~/components/export-links";
import { ListRowHeader } from "./campaign-lists";
import type { CampaignBoard } from "~/modules/reprise/dispatch-board.server";

/** The last lists sent to the State services, on the coordinator's board. */
export function RecentLists({ lists }: { lists: CampaignBoard["recent"] }) {
  return (
    <section className="fr-mt-6w" aria-labelledby="listes-envoyees">
      <h2 id="listes-envoyees">Listes déjà envoyées</h2>
      {lists.length === 0 ? (
        <p>Aucune liste n'a encore été envoyée.</p>
      ) : (
        <DataTable
          caption="Six dernières listes mensuelles envoyées aux services de l'État"
          columns={["Liste", "Envoyée le", "Demandes", "Réponse attendue au plus tard le"]}
          rows={lists}
          row={(c) => (
            <tr key={c.id}>
              <ListRowHeader list={c} />
              <td>
                {c.dispatchedAt}{" "}
                {c.early ? <span className="fr-badge fr-badge--sm fr-badge--no-icon">Par anticipation</span> : null}
                {c.late ? <span className="fr-badge fr-badge--sm fr-badge--warning">Envoyée en retard</span> : null}
              </td>
              <td>{c.count}</td>
              <td>{c.answerDeadline}</td>
            </tr>
          )}
        />
      )}
      <p>
        <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" to="/cnsa/reprises/demandes">
          Voir toutes les demandes de reprise
        </Link>
      </p>
      <ExportLinks to="/cnsa/reprises/export/demandes" what="toutes les demandes de reprise" confirm />
    </section>
  );
}
