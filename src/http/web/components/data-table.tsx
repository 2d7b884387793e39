import type { ComponentChildren } from 'preact';
import { pageSizes, tableHref, type TableQuery } from '../table-query.js';
import { EmptyState } from './empty-state.js';

export interface Column<Row> {
  key: string;
  label: string;
  sortable?: boolean;
  class?: string;
  render: (row: Row) => ComponentChildren;
}

export interface TableFilter {
  name: string;
  label: string;
  options: { value: string; label: string }[];
}

interface DataTableProps<Row> {
  id: string;
  basePath: string;
  columns: Column<Row>[];
  rows: Row[];
  total: number;
  query: TableQuery;
  filters?: TableFilter[];
  /** The search box's hint; a list that cannot be searched leaves it out and has no box. */
  searchPlaceholder?: string;
  rowHref?: (row: Row) => string;
  /** Shown when nothing exists at all (no search or filter active). */
  empty: { title: string; body?: ComponentChildren; action?: { href: string; label: string } | undefined };
}

function SortHeader<Row>(props: { column: Column<Row>; query: TableQuery; basePath: string }) {
  const { column, query } = props;
  if (!column.sortable) return <th class={column.class}>{column.label}</th>;
  const active = query.sort === column.key;
  const dir = active && query.dir === 'asc' ? 'desc' : 'asc';
  return (
    <th
      class={column.class}
      aria-sort={active ? (query.dir === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <a
        href={tableHref(props.basePath, query, { sort: column.key, dir, page: 1 })}
        class={active ? 'sort active' : 'sort'}
      >
        {column.label}
        <span class="sort-mark" aria-hidden="true">
          {active ? (query.dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </a>
    </th>
  );
}

function Pagination(props: { query: TableQuery; total: number; basePath: string }) {
  const { query, total } = props;
  const pages = Math.max(1, Math.ceil(total / query.per));
  const first = total === 0 ? 0 : (query.page - 1) * query.per + 1;
  const last = Math.min(total, query.page * query.per);
  return (
    <div class="pagination">
      <span class="muted">
        {first}–{last} of {total}
      </span>
      <div class="pager">
        {query.page > 1 ? (
          <a
            class="button secondary small"
            href={tableHref(props.basePath, query, { page: query.page - 1 })}
            rel="prev"
          >
            Previous
          </a>
        ) : (
          <span class="button secondary small disabled">Previous</span>
        )}
        <span class="muted">
          Page {Math.min(query.page, pages)} of {pages}
        </span>
        {query.page < pages ? (
          <a
            class="button secondary small"
            href={tableHref(props.basePath, query, { page: query.page + 1 })}
            rel="next"
          >
            Next
          </a>
        ) : (
          <span class="button secondary small disabled">Next</span>
        )}
      </div>
    </div>
  );
}

/**
 * A list with server-side search, filters, sorting and pagination. Everything lives in the URL;
 * htmx swaps only the results region, and the same links and form work without JavaScript.
 */
export function DataTable<Row>(props: DataTableProps<Row>) {
  const { query } = props;
  const resultsId = `${props.id}-results`;
  const narrowed = Boolean(query.q) || Object.keys(query.filters).length > 0;
  const htmx = {
    'hx-target': `#${resultsId}`,
    'hx-select': `#${resultsId}`,
    'hx-swap': 'outerHTML',
    'hx-push-url': 'true',
  };
  return (
    <section class="data-table" id={props.id}>
      <form
        class="table-toolbar"
        method="get"
        action={props.basePath}
        role="search"
        hx-get={props.basePath}
        hx-trigger="input changed delay:300ms from:find input[type=search], change from:find select, submit"
        {...htmx}
      >
        {props.searchPlaceholder && (
          <input
            type="search"
            name="q"
            value={query.q}
            placeholder={props.searchPlaceholder}
            aria-label="Search"
            class="search"
          />
        )}
        {props.filters?.map((filter) => (
          <select name={filter.name} aria-label={filter.label}>
            <option value="">{`All ${filter.label.toLowerCase()}`}</option>
            {filter.options.map((option) => (
              <option value={option.value} selected={query.filters[filter.name] === option.value}>
                {option.label}
              </option>
            ))}
          </select>
        ))}
        <select name="per" aria-label="Rows per page">
          {pageSizes.map((size) => (
            <option value={String(size)} selected={query.per === size}>{`${size} per page`}</option>
          ))}
        </select>
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.dir} />
        <noscript>
          <button type="submit" class="button secondary small">
            Apply
          </button>
        </noscript>
      </form>
      <div id={resultsId} class="table-results" hx-boost="true" {...htmx}>
        {props.rows.length === 0 ? (
          narrowed ? (
            <EmptyState title="Nothing matches">
              No results for these filters. <a href={props.basePath}>Clear search and filters</a>
            </EmptyState>
          ) : (
            <EmptyState title={props.empty.title} action={props.empty.action}>
              {props.empty.body}
            </EmptyState>
          )
        ) : (
          <>
            <div class="table-scroll">
              <table>
                <thead>
                  <tr>
                    {props.columns.map((column) => (
                      <SortHeader column={column} query={query} basePath={props.basePath} />
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {props.rows.map((row) => (
                    <tr data-href={props.rowHref?.(row)} class={props.rowHref ? 'clickable' : undefined}>
                      {props.columns.map((column) => (
                        <td class={column.class} data-label={column.label}>
                          {column.render(row)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination query={query} total={props.total} basePath={props.basePath} />
          </>
        )}
      </div>
    </section>
  );
}
