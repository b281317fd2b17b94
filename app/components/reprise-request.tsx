import { Link } from "@remix-run/react";

type RequestSummary = {
  id: string;
  reference: string;
  mdph: string;
  departement: string;
  carriedOver?: boolean;
  replay?: boolean;
};

/**
 * The row header of a reprise request in a table: its reference (a link to its page) and its
 * MDPH. With `listBadges`, the "reportée" and "rejeu" badges of a monthly list's rows.
 */
export function RequestRowHeader({
  request: r,
  listBadges = false,
}: {
  request: RequestSummary;
  listBadges?: boolean;
}) {
  return (
    <th scope="row">
      <Link to={`/reprises/${r.id}`}>{r.reference}</Link>
      <br />
      <span className="fr-text--sm">
        {r.mdph} ({r.departement})
      </span>
      {listBadges && (r.carriedOver || r.replay) ? (
        <ul className="fr-badges-group fr-mt-1w">
          {r.carriedOver ? (
            <li>
              <span className="fr-badge fr-badge--sm fr-badge--warning fr-badge--no-icon">reportée</span>
            </li>
          ) : null}
          {r.replay ? (
            <li>
              <span className="fr-badge fr-badge--sm fr-badge--error fr-badge--no-icon">rejeu</span>
            </li>
          ) : null}
        </ul>
      ) : null}
    </th>
  );
}
