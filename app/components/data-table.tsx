import type { ReactNode } from "react";

/**
 * A data table of any page, in DSFR markup: a small table, its caption,
 * one header cell per column, and one line saying so when there is nothing to show. Rows are the
 * page's own (`row`), so each list keeps its cells; the frame is written once here.
 */
export function DataTable<T>({
  caption,
  columns,
  rows,
  row,
  empty,
  hiddenCaption,
  small = true,
  className,
}: {
  caption: ReactNode;
  columns: readonly string[];
  rows: readonly T[];
  row: (item: T) => ReactNode;
  /** The line shown instead of rows when there are none; none given: an empty body. */
  empty?: ReactNode;
  /** The caption is for screen readers only (the heading above says it). */
  hiddenCaption?: boolean;
  /** DSFR's small table; pages that list few wide rows keep the regular one. */
  small?: boolean;
  /** Extra classes on the frame, e.g. a DSFR spacing class. */
  className?: string;
}) {
  return (
    <div
      className={`fr-table${small ? " fr-table--sm" : ""}${hiddenCaption ? " fr-table--no-caption" : ""}${className ? ` ${className}` : ""}`}
    >
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && empty !== undefined ? (
            <tr>
              <td colSpan={columns.length}>{empty}</td>
            </tr>
          ) : (
            rows.map(row)
          )}
        </tbody>
      </table>
    </div>
  );
}
