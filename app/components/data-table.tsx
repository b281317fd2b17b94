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
  captionClassName,
}: {
  caption: ReactNode;
  /** A column's header: its text, or a node with a key when the header says more than a word. */
  columns: readonly (string | { key: string; header: ReactNode })[];
  rows: readonly T[];
  row: (item: T) => ReactNode;
  /** The line shown instead of rows when there are none; none given: an empty body. */
  empty?: ReactNode;
  /** The caption is for screen readers only (the heading above says it). */
  hiddenCaption?: boolean;
  /** DSFR's small table; pages that list few wide rows keep the regular one. */
  small?: boolean;
  /** More classes on the table's frame (DSFR modifiers, spacing). */
  className?: string;
  /** A class on the caption, when it stands as the section's heading. */
  captionClassName?: string;
}) {
  return (
    <div
      className={`fr-table${small ? " fr-table--sm" : ""}${hiddenCaption ? " fr-table--no-caption" : ""}${className ? ` ${className}` : ""}`}
    >
      <table>
        <caption className={captionClassName}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const { key, header } = typeof column === "string" ? { key: column, header: column } : column;
              return (
                <th scope="col" key={key}>
                  {header}
                </th>
              );
            })}
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
