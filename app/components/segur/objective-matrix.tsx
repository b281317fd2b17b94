/**
 * 002's objectives matrix (establishment × core service) and its legend, readable without
 * colour (issue 11): each cell shows its symbol *and* its words, the badge's colour only repeats
 * them; the use cases that reached the cell's outcome follow, then the others with theirs.
 */
import { Link } from "@remix-run/react";
import { DataTable } from "~/components/data-table";
import { CELL_LEGEND, CORE_SERVICE_VOCABULARY } from "~/modules/segur/vocabulary";
import type { MatrixRow } from "~/modules/segur/queries/board-matrix.server";
import { CORE_SERVICES, type Cell, type CellOutcome } from "../../../workflows/segur-objective";

/** The DSFR badge colour of each outcome: a repetition of the symbol and the words, never alone. */
const BADGE: Record<CellOutcome, string> = {
  ATTEINT_REEL: "fr-badge--success",
  ATTEINT_TEST: "fr-badge--info",
  NON_ATTEINT: "fr-badge--error",
  EN_COURS: "fr-badge--new",
  AUCUN: "",
};

/** An outcome as a badge: its symbol (hidden from screen readers, which read the words) and its short words. */
export function ObjectiveBadge({ outcome }: { outcome: CellOutcome }) {
  const legend = CELL_LEGEND[outcome];
  return (
    <span className={`fr-badge fr-badge--sm fr-badge--no-icon ${BADGE[outcome]}`}>
      <span aria-hidden="true">{legend.symbol}&nbsp;</span>
      {legend.short}
      <span className="fr-sr-only"> : {legend.label}</span>
    </span>
  );
}

export function ObjectiveCellView({ cell }: { cell: Cell }) {
  return (
    <>
      <ObjectiveBadge outcome={cell.outcome} />
      {cell.best.length > 0 ? <p className="fr-text--xs fr-mb-0 fr-mt-1v">{cell.best.join(" ; ")}</p> : null}
      {cell.others.length > 0 ? (
        <p className="fr-text--xs fr-mb-0 fr-mt-1v">
          Autres : {cell.others.map((o) => `${o.what} (${CELL_LEGEND[o.outcome].short.toLowerCase()})`).join(" ; ")}
        </p>
      ) : null}
    </>
  );
}

/** The legend under the matrix's title: every outcome, best first, symbol and words. */
export function ObjectiveLegend() {
  return (
    <div className="fr-mb-2w">
      <p className="fr-text--sm fr-mb-1v">
        Légende. Plusieurs cas d'usage d'un même service : la cellule montre le meilleur résultat atteint, les autres
        sont listés.
      </p>
      <ul className="fr-badges-group">
        {(Object.keys(CELL_LEGEND) as CellOutcome[]).map((outcome) => (
          <li key={outcome}>
            <span className="fr-text--sm fr-mr-1w">
              <span aria-hidden="true">{CELL_LEGEND[outcome].symbol} </span>
              {CELL_LEGEND[outcome].label}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A row of the matrix; on the board, with the pilot it belongs to (linked to its objectives). */
export type MatrixLine = MatrixRow & { pilot?: { code: string; name: string } };

export function ObjectiveMatrix({ caption, rows }: { caption: string; rows: readonly MatrixLine[] }) {
  const withPilot = rows.some((r) => r.pilot);
  return (
    <DataTable
      caption={caption}
      hiddenCaption
      columns={[
        ...(withPilot ? ["Pilote"] : []),
        "Établissement",
        ...CORE_SERVICES.map((service) => CORE_SERVICE_VOCABULARY.labels[service]),
      ]}
      rows={rows}
      empty="Aucun pilote."
      row={(r) => (
        <tr key={`${r.pilotId}|${r.legalEntityId ?? ""}`}>
          {withPilot ? (
            <td>{r.pilot ? <Link to={`/segur/pilotes/${r.pilot.code}/objectifs`}>{r.pilot.name}</Link> : null}</td>
          ) : null}
          <td>{r.establishment ?? "Tout le pilote"}</td>
          {CORE_SERVICES.map((service) => (
            <td key={service}>
              <ObjectiveCellView cell={r.cells[service]} />
            </td>
          ))}
        </tr>
      )}
    />
  );
}
