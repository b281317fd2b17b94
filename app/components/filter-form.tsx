import { Form } from "@remix-run/react";
import type { ComponentProps, ReactNode } from "react";

import { type Choice, type ChoiceGroup, ChoiceField } from "./admin-forms";
import { ResultCount, type ResultCountProps } from "./result-count";
import { DataTable } from "./data-table";
import { fetchPage, Pagination, pageOf } from "./pagination";
import type { Vocabulary } from "~/utils/vocabulary";

/**
 * A filter parameter of a list's URL limited to known values (`?statut=FAILED`): the value when
 * it is one of `allowed`, otherwise undefined (no filter), so a typed URL never reaches a query.
 */
export function choiceParam<T extends string>(url: URL, name: string, allowed: readonly T[]): T | undefined {
  const value = url.searchParams.get(name);
  return (allowed as readonly string[]).includes(value ?? "") ? (value as T) : undefined;
}

/**
 * The filters above a list: a GET form (the filters stay in the URL), its fields on one row
 * of the DSFR grid, aligned on their bottom edge. `keep` holds parameters to send again as
 * they are (hidden fields), e.g. the record the list is narrowed to.
 */
export function FilterForm({
  label,
  keep,
  children,
}: {
  label: string;
  keep?: Record<string, string | null | undefined>;
  children: ReactNode;
}) {
  return (
    <Form method="get" className="fr-mb-3w" role="search" aria-label={label}>
      {Object.entries(keep ?? {}).map(([name, value]) =>
        value ? <input key={name} type="hidden" name={name} value={value} /> : null,
      )}
      <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">{children}</div>
    </Form>
  );
}

/** The free-text filter (`q`). */
export function SearchFilter({
  label,
  defaultValue,
  columns,
}: {
  label: string;
  defaultValue?: string;
  columns: string;
}) {
  return (
    <div className={`fr-col-12 ${columns}`}>
      <div className="fr-input-group fr-mb-0">
        <label className="fr-label" htmlFor="filtre-q">
          {label}
        </label>
        <input className="fr-input" id="filtre-q" name="q" type="search" defaultValue={defaultValue} />
      </div>
    </div>
  );
}

/** The column of the "Filtrer" button; `columns` are its DSFR grid widths beyond the full width on small screens. */
export function FilterSubmit({ columns, buttonClassName }: { columns: string; buttonClassName?: string }) {
  return (
    <div className={`fr-col-12 ${columns}`}>
      <button className={buttonClassName ? `fr-btn ${buttonClassName}` : "fr-btn"} type="submit">
        Filtrer
      </button>
    </div>
  );
}

/**
 * A select filter in its grid column (`?<name>=…`, id `filtre-<name>`): its first option,
 * `emptyLabel`, means "no filter".
 */
export function ChoiceFilter({
  name,
  label,
  columns,
  emptyLabel,
  defaultValue,
  options,
  groups,
}: {
  name: string;
  label: string;
  columns: string;
  emptyLabel: string;
  defaultValue?: string;
  options?: Choice[];
  groups?: ChoiceGroup[];
}) {
  return (
    <div className={`fr-col-12 ${columns}`}>
      <ChoiceField
        id={`filtre-${name}`}
        name={name}
        label={label}
        options={options}
        groups={groups}
        emptyLabel={emptyLabel}
        emptySelectable
        defaultValue={defaultValue}
      />
    </div>
  );
}

/**
 * What a queue's loader reads and fetches: the status chosen (`?statut=`, "" for all), the
 * statuses to choose from, and the page asked for with its rows.
 */
export async function statusQueuePage<S extends string, R extends { total: number }>(
  url: URL,
  statuses: Vocabulary<S>,
  list: (query: { status?: S; take: number; skip: number }) => Promise<R>,
) {
  const status = choiceParam(url, "statut", statuses.codes);
  const found = await fetchPage(pageOf(url), ({ take, skip }) => list({ status, take, skip }));
  return { ...found, status: status ?? "", statuses: statuses.options() };
}

/**
 * A queue's list (the outbox, the jobs): one filter, the status, then the count that names the
 * status chosen (« 3 courriels au statut « En échec » »), the page's rows and the pages.
 */
export function StatusQueue<T>({
  queue: { statuses, status, total, page, pageCount },
  count,
  table,
}: {
  /** What `statusQueuePage` read: the statuses, the one chosen ("" for all), the count and the pages. */
  queue: { statuses: Choice[]; status: string; total: number; page: number; pageCount: number };
  count: Omit<ResultCountProps, "about" | "filtered" | "total" | "page" | "pageCount">;
  table: ComponentProps<typeof DataTable<T>>;
}) {
  const chosen = statuses.find((s) => s.value === status);
  return (
    <>
      <FilterForm label={`Filtrer les ${count.noun}s`}>
        <ChoiceFilter
          name="statut"
          label="Statut"
          columns="fr-col-md-5"
          options={statuses}
          emptyLabel="Tous les statuts"
          defaultValue={status}
        />
        <FilterSubmit columns="fr-col-md-3" />
      </FilterForm>
      <ResultCount
        {...count}
        total={total}
        page={page}
        pageCount={pageCount}
        about={chosen ? `au statut « ${chosen.label} »` : undefined}
      />

      <DataTable {...table} />
      <Pagination page={page} pageCount={pageCount} />
    </>
  );
}

export type ChoiceFilterSpec = Omit<Parameters<typeof ChoiceFilter>[0], "defaultValue">;

/** A list's select filters, in order, each showing the value its URL parameter carries in `values`. */
export function ChoiceFilters({
  filters,
  values,
}: {
  filters: ChoiceFilterSpec[];
  values: Record<string, string | null | undefined>;
}) {
  return (
    <>
      {filters.map((filter) => (
        <ChoiceFilter key={filter.name} {...filter} defaultValue={values[filter.name] ?? undefined} />
      ))}
    </>
  );
}

/**
 * The head of an admin list: its filters (an optional free-text search, then the select filters,
 * then the button) and the count of what they let through, with the way to clear them.
 */
export function ListFilters({
  label,
  keep,
  search,
  filters,
  values,
  submitColumns,
  count,
}: {
  /** The filter form's accessible name, e.g. « Filtrer les personnes ». */
  label: string;
  keep?: Record<string, string | null | undefined>;
  search?: { label: string; columns: string };
  filters: ChoiceFilterSpec[];
  values: Record<string, string | null | undefined>;
  submitColumns: string;
  count: ResultCountProps;
}) {
  return (
    <>
      <FilterForm label={label} keep={keep}>
        {search ? <SearchFilter {...search} defaultValue={values.q ?? undefined} /> : null}
        <ChoiceFilters filters={filters} values={values} />
        <FilterSubmit columns={submitColumns} />
      </FilterForm>
      <ResultCount {...count} />
    </>
  );
}
