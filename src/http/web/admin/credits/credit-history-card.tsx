import type { CreditMovement } from '../../../../modules/credits/index.js';
import { Card } from '../../components/detail.js';
import { EmptyState } from '../../components/empty-state.js';
import { Pager } from '../../components/pager.js';
import { PlainTable, type PlainColumn } from '../../components/plain-table.js';
import { formatDateTime } from '../../format.js';
import { ChoiceFilter } from '../billing-filter-form.js';
import { listHref } from '../billing-filters.js';
import { creditKindLabel, creditKindOptions, signedCredits } from './credit-labels.js';

/** The history's filters as typed (kept as text so the form shows them again); `unit` is always set. */
export interface HistoryFilters {
  unit: string;
  kind: string;
  from: string;
  to: string;
}

export const historyPageSize = 25;

const columns: PlainColumn<CreditMovement>[] = [
  { label: 'Date', class: 'nowrap', render: (row) => formatDateTime(row.occurredAt) },
  { label: 'Kind', render: (row) => creditKindLabel(row.kind) },
  { label: 'Description', render: (row) => row.description },
  { label: 'Amount', class: 'nowrap', render: (row) => signedCredits(row.amount) },
];

// History is read one unit at a time, so unlike the other filters there is no "all".
function UnitFilter(props: { units: string[]; value: string }) {
  if (props.units.length < 2) return <input type="hidden" name="unit" value={props.value} />;
  return (
    <label class="hint">
      Unit
      <select name="unit">
        {props.units.map((unit) => (
          <option value={unit} selected={unit === props.value}>
            {unit}
          </option>
        ))}
      </select>
    </label>
  );
}

function DayFilter(props: { label: string; name: 'from' | 'to'; value: string }) {
  return (
    <label class="hint">
      {props.label}
      <input type="date" name={props.name} value={props.value} />
    </label>
  );
}

/** The credits page's history: one row per movement, filtered by unit, kind and days, by pages. */
export function CreditHistoryCard(props: {
  customerId: string;
  units: string[];
  filters: HistoryFilters;
  page: number;
  rows: CreditMovement[];
  total: number;
}) {
  const { filters } = props;
  const path = `/admin/customers/${props.customerId}/credits`;
  const narrowed = filters.kind !== '' || filters.from !== '' || filters.to !== '';
  const csvHref = listHref(`/api/v1/customers/${props.customerId}/credits/history/export.csv`, filters);
  return (
    <div id="credit-history" class="form-anchor">
      <Card title="History">
        <form class="table-toolbar form-row compact" method="get" action={`${path}#credit-history`}>
          <UnitFilter units={props.units} value={filters.unit} />
          <ChoiceFilter
            label="Kind"
            name="kind"
            all="All kinds"
            value={filters.kind}
            options={creditKindOptions}
          />
          <DayFilter label="From" name="from" value={filters.from} />
          <DayFilter label="Until" name="to" value={filters.to} />
          <div class="form-actions">
            <button type="submit" class="button secondary small">
              Filter
            </button>
            {narrowed && (
              <a
                class="button secondary small"
                href={`${listHref(path, { unit: filters.unit })}#credit-history`}
              >
                Clear
              </a>
            )}
          </div>
        </form>
        {props.rows.length === 0 ? (
          narrowed ? (
            <EmptyState title="Nothing matches">No movements of {filters.unit} for these filters.</EmptyState>
          ) : (
            <EmptyState title="No movements yet">
              Grants, usage, adjustments and expiries of {filters.unit} show here as they happen.
            </EmptyState>
          )
        ) : (
          <>
            <PlainTable columns={columns} rows={props.rows} />
            <Pager
              page={props.page}
              pageSize={historyPageSize}
              total={props.total}
              href={(page) => `${listHref(path, filters, page)}#credit-history`}
            />
          </>
        )}
        <div class="form-actions">
          <a class="button secondary small" href={csvHref} download>
            Export CSV
          </a>
        </div>
      </Card>
    </div>
  );
}
