import type { ComponentChildren } from 'preact';
import { hasFilters, type BillingFilters } from './billing-filters.js';

/** One labelled filter input; the toolbar lays them out as a grid of short fields. */
function FilterLabel(props: { label: string; children: ComponentChildren }) {
  return (
    <label class="hint">
      {props.label}
      {props.children}
    </label>
  );
}

/** A select of one of a fixed set of values, or all of them. */
export function ChoiceFilter(props: {
  label: string;
  name: string;
  /** What "no filter" reads as, e.g. "All statuses". */
  all: string;
  value: string;
  options: { value: string; label: string }[];
}) {
  return (
    <FilterLabel label={props.label}>
      <select name={props.name}>
        <option value="">{props.all}</option>
        {props.options.map((option) => (
          <option value={option.value} selected={props.value === option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FilterLabel>
  );
}

/**
 * A billing list's filters as one GET form, so every state is a URL: customer search, the list's
 * own choices (`children`), created between, amount between.
 */
export function BillingFilterForm(props: {
  action: string;
  filters: BillingFilters;
  /** What the amount bounds are called: "Total" on invoices, "Amount" on credit notes. */
  amountLabel: string;
  children?: ComponentChildren;
}) {
  const { filters } = props;
  return (
    <form class="table-toolbar form-row compact" method="get" action={props.action} role="search">
      {filters.customer && <input type="hidden" name="customer" value={filters.customer} />}
      <FilterLabel label="Customer">
        <input type="search" name="q" value={filters.q} placeholder="Name or email" class="search" />
      </FilterLabel>
      {props.children}
      <FilterLabel label="Created from">
        <input type="date" name="from" value={filters.from} />
      </FilterLabel>
      <FilterLabel label="Created until">
        <input type="date" name="to" value={filters.to} />
      </FilterLabel>
      <FilterLabel label={`${props.amountLabel} from`}>
        <input type="text" inputMode="decimal" name="min" value={filters.min} placeholder="0.00" />
      </FilterLabel>
      <FilterLabel label={`${props.amountLabel} up to`}>
        <input type="text" inputMode="decimal" name="max" value={filters.max} placeholder="0.00" />
      </FilterLabel>
      <div class="form-actions">
        <button type="submit" class="button secondary small">
          Filter
        </button>
        {hasFilters(filters) && (
          <a class="button secondary small" href={props.action}>
            Clear
          </a>
        )}
      </div>
    </form>
  );
}
