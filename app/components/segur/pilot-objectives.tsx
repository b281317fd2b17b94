/**
 * A pilot's objectives per core service, as the board's legend reads them without colour: each
 * service's best outcome reached with its symbol and short text, the other use cases listed.
 */
import type { Cell } from "../../../workflows/segur-objective";
import { CELL_LEGEND, CORE_SERVICE_VOCABULARY } from "~/modules/segur/vocabulary";

export function ObjectivesSummary({ objectives }: { objectives: readonly { service: string; cell: Cell }[] }) {
  return (
    <ul className="fr-raw-list fr-mb-0">
      {objectives.map(({ service, cell }) => {
        const legend = CELL_LEGEND[cell.outcome];
        return (
          <li key={service} className="fr-mb-1w">
            <strong>{CORE_SERVICE_VOCABULARY.labelOf(service)}</strong> :{" "}
            <span aria-hidden="true">{legend.symbol}</span> {legend.label}
            {cell.best.length > 0 ? ` — ${cell.best.join(" ; ")}` : ""}
            {cell.others.length > 0 ? (
              <span className="fr-text--xs">
                {" "}
                (autres cas d'usage :{" "}
                {cell.others.map((o) => `${o.what}, ${CELL_LEGEND[o.outcome].short.toLowerCase()}`).join(" ; ")})
              </span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
