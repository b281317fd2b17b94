/**
 * The national view of MDPH positions on an adopted RFC, "a map or equivalent": one tile per
 * département, ordered by code, each showing its code and a letter for the position, with a
 * legend. The letter and the tile's border style carry the information; the colour repeats it.
 */
import { POSITION_ABBREVIATIONS, POSITION_LABELS, type Position } from "~/modules/rfc/labels";

export type PositionTile = {
  departementCode: string;
  departementName: string;
  position: Position | null;
  positionLabel: string;
};

const LEGEND: { key: Position | "AUCUNE"; label: string }[] = [
  { key: "ADOPTE", label: POSITION_LABELS.ADOPTE },
  { key: "ADOPTERA", label: POSITION_LABELS.ADOPTERA },
  { key: "N_ADOPTE_PAS", label: POSITION_LABELS.N_ADOPTE_PAS },
  { key: "AUCUNE", label: "pas encore de position" },
];

export function PositionMap({ tiles, counts }: { tiles: PositionTile[]; counts: Record<Position | "AUCUNE", number> }) {
  return (
    <figure className="fr-m-0">
      <h3 className="fr-h6 fr-mb-1w" id="carte-legende-titre">
        Légende
      </h3>
      <ul className="rfc-tiles rfc-tiles--legend" aria-label="Légende des positions">
        {LEGEND.map((l) => (
          <li key={l.key} className={`rfc-tile--${l.key}`}>
            <span className="rfc-tile__code" aria-hidden="true">
              {POSITION_ABBREVIATIONS[l.key]}
            </span>
            {l.label} ({counts[l.key]})
          </li>
        ))}
      </ul>
      <ul className="rfc-tiles" aria-label="Position de la MDPH de chaque département, par numéro de département">
        {tiles.map((t) => {
          const key = t.position ?? "AUCUNE";
          return (
            <li
              key={t.departementCode}
              className={`rfc-tile--${key}`}
              title={`${t.departementName} : ${t.positionLabel}`}
            >
              <span className="rfc-tile__code">{t.departementCode}</span>
              <span aria-hidden="true">{POSITION_ABBREVIATIONS[key]}</span>
              <span className="fr-sr-only">
                {t.departementName} : {t.positionLabel}
              </span>
            </li>
          );
        })}
      </ul>
      <figcaption className="fr-text--sm">
        Chaque case est un département (numéro), avec la lettre de la position de sa MDPH ; le tableau ci-dessous donne
        le détail.
      </figcaption>
    </figure>
  );
}
