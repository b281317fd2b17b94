import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/** A list's row header in a table of lists: its application and month, linking to the list's page. */
export function ListRowHeader({
  list,
  children,
}: {
  list: { id: string; application: string; monthLabel: string };
  children?: ReactNode;
}) {
  return (
    <th scope="row">
      <Link to={`/etat/reprises/campagnes/${list.id}`}>
        {list.application} — {list.monthLabel}
      </Link>
      {children}
    </th>
  );
}

type FileSet = { what: string; files: { id: string; format: string; filename: string }[] };

/**
 * A list's files set by set (the prioritised list, the planning), each in its formats, to
 * download. `srContext` ends each link's screen-reader name (which list, which centre); in a
 * table cell (`compact`) the links are small and carry no icon nor file name.
 */
export function ListFileSets({
  campaignId,
  sets,
  srContext,
  compact = false,
}: {
  campaignId: string;
  sets: FileSet[];
  srContext: string;
  compact?: boolean;
}) {
  return (
    <ul className="fr-raw-list">
      {sets.map((set) => (
        <li key={set.what} className="fr-mb-1w">
          {compact ? null : <span className="fr-icon-file-line fr-icon--sm fr-mr-1v" aria-hidden="true" />}
          {set.what} :{" "}
          {set.files.map((f, i) => (
            <span key={f.id}>
              {i > 0 ? " · " : ""}
              <a
                className={compact ? "fr-link fr-link--sm" : "fr-link"}
                href={`/reprises/campagnes/${campaignId}/fichiers/${f.id}`}
                download={f.filename}
                title={compact ? undefined : f.filename}
              >
                {f.format}
                <span className="fr-sr-only">
                  , {set.what.toLowerCase()}
                  {srContext}
                </span>
              </a>
            </span>
          ))}
        </li>
      ))}
    </ul>
  );
}
