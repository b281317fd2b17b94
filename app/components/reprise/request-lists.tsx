import { DataTable } from "~/components/data-table";
import { CENTRE_LABELS, monthLabel, type Month } from "~/modules/reprise/rules";
import { formatDateTime } from "~/utils/format";

type ListEntry = {
  id: string;
  month: string;
  dispatchedAt: string;
  rank: number;
  centre: string | null;
  carriedOver: boolean;
  replay: boolean;
};

/** The CNSA's monthly lists that carried one request, with its rank and why it was there. */
export function RequestLists({
  reference,
  application,
  lists,
}: {
  reference: string;
  application: string;
  lists: ListEntry[];
}) {
  return (
    <section aria-labelledby="listes-titre" className="fr-mt-4w">
      <h2 id="listes-titre" className="fr-h4">
        Listes mensuelles de la CNSA
      </h2>
      {lists.length === 0 ? (
        <p>Cette demande n'a encore figuré dans aucune liste envoyée aux services de l'État.</p>
      ) : (
        <DataTable
          hiddenCaption
          caption={`Listes mensuelles qui ont porté la demande ${reference}`}
          columns={[
            "Liste",
            "Envoyée le",
            "Rang",
            ...(application === "OPALES" ? ["Centre"] : []),
            "Motif de présence",
          ]}
          rows={lists}
          row={(l) => (
            <tr key={l.id}>
              <td>
                {application}, {monthLabel(l.month as Month)}
              </td>
              <td>{formatDateTime(l.dispatchedAt)}</td>
              <td>{l.rank}</td>
              {application === "OPALES" ? (
                <td>{l.centre ? CENTRE_LABELS[l.centre as keyof typeof CENTRE_LABELS] : "—"}</td>
              ) : null}
              <td>
                {l.replay ? (
                  <span className="fr-badge fr-badge--sm fr-badge--warning">Rejeu après non-conformité</span>
                ) : l.carriedOver ? (
                  <span className="fr-badge fr-badge--sm fr-badge--info">Reportée du mois précédent</span>
                ) : (
                  <span className="fr-badge fr-badge--sm">Première inscription</span>
                )}
              </td>
            </tr>
          )}
        />
      )}
    </section>
  );
}
