import type { Column } from './data-table.js';

/** A column of a PlainTable: a DataTable column without sorting. */
export type PlainColumn<Row> = Pick<Column<Row>, 'label' | 'class' | 'render'>;

/**
 * A short table shown whole inside a detail page's card (a product's plans, a price history):
 * no search, sorting or paging, which DataTable is for. Each cell carries its column's label so
 * the table reads as a list on narrow screens.
 */
export function PlainTable<Row>(props: { columns: PlainColumn<Row>[]; rows: Row[] }) {
  return (
    <div class="table-scroll">
      <table>
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th>{column.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              {props.columns.map((column) => (
                <td data-label={column.label} class={column.class}>
                  {column.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
