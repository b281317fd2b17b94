import { DataTable } from "~/components/data-table";
import { TitledSection } from "~/components/groups/titled-section";
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
    <TitledSection id="lettre-titre" title="Lettre de mission" className="fr-mt-4w">
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

      <DataTable
        className="fr-mt-3w"
        caption="Organisations membres et leur rôle"
        columns={["Organisation", "Rôle dans le groupe"]}
        rows={members}
        row={(m) => (
          <tr key={m.id}>
            <th scope="row">
              {m.name}{" "}
              {m.isPilot ? (
                <span className="fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon">Pilote</span>
              ) : null}
            </th>
            <td>{m.role || <span className="fr-text--sm">Rôle à préciser</span>}</td>
          </tr>
        )}
      />

      <DataTable
        caption="Livrables"
        columns={["Livrable", "Date de livraison", "Période de validation", "Fin de la validation"]}
        rows={deliverables}
        empty="Aucun livrable n'est encore prévu."
        row={(d) => (
          <tr key={d.id}>
            <th scope="row">{d.title}</th>
            <td>{d.due}</td>
            <td>{d.validationDays} jours ouvrés</td>
            <td>{d.validationEnds}</td>
          </tr>
        )}
      />
    </TitledSection>
  );
}
