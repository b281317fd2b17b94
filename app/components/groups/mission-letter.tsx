import { RichText } from "~/components/group-status";
import { formatDateTime } from "~/utils/format";

/** The mission letter as the circulaire wants it: its perimeter, each organisation's role, the dated deliverables. */
export function MissionLetter({
  updatedAt,
  completeness,
  html,
  members,
  deliverables,
}: {
  updatedAt: string | null;
  completeness: { perimeter: boolean; roles: boolean; deliverables: boolean };
  html: string;
  members: { id: string; name: string; role: string; isPilot: boolean }[];
  deliverables: { id: string; title: string; due: string; validationDays: number; validationEnds: string }[];
}) {
  return (
    <section aria-labelledby="lettre-titre" className="fr-mt-4w">
      <h2 id="lettre-titre" className="fr-h4">
        Lettre de mission
      </h2>
      {updatedAt ? <p className="fr-text--sm">Dernière modification le {formatDateTime(updatedAt)}.</p> : null}
      <ul className="fr-badges-group fr-mb-2w" aria-label="Contenu exigé de la lettre de mission">
        {[
          { ok: completeness.perimeter, label: "Périmètre" },
          { ok: completeness.roles, label: "Rôle de chaque organisation" },
          { ok: completeness.deliverables, label: "Livrables datés" },
        ].map((c) => (
          <li key={c.label}>
            <span className={`fr-badge fr-badge--sm ${c.ok ? "fr-badge--success" : "fr-badge--warning"}`}>
              {c.label} : {c.ok ? "précisé" : "à préciser"}
            </span>
          </li>
        ))}
      </ul>
      <RichText html={html} empty="Le périmètre du groupe n'est pas encore rédigé." />

      <div className="fr-table fr-table--sm fr-mt-3w">
        <table>
          <caption>Organisations membres et leur rôle</caption>
          <thead>
            <tr>
              <th scope="col">Organisation</th>
              <th scope="col">Rôle dans le groupe</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id}>
                <th scope="row">
                  {m.name}{" "}
                  {m.isPilot ? (
                    <span className="fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon">Pilote</span>
                  ) : null}
                </th>
                <td>{m.role || <span className="fr-text--sm">Rôle à préciser</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div className="fr-table fr-table--sm">
        <table>
          <caption>Livrables</caption>
          <thead>
            <tr>
              <th scope="col">Livrable</th>
              <th scope="col">Date de livraison</th>
              <th scope="col">Période de validation</th>
              <th scope="col">Fin de la validation</th>
            </tr>
          </thead>
          <tbody>
            {deliverables.length === 0 ? (
              <tr>
                <td colSpan={4}>Aucun livrable n'est encore prévu.</td>
              </tr>
            ) : (
              deliverables.map((d) => (
                <tr key={d.id}>
                  <th scope="row">{d.title}</th>
                  <td>{d.due}</td>
                  <td>{d.validationDays} jours ouvrés</td>
                  <td>{d.validationEnds}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
