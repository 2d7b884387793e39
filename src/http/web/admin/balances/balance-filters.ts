import type { BalanceHistoryFilter } from '../../../../modules/balances/index.js';
import { choiceFilter, dayFilter, dayRange, queryParams } from '../billing-filters.js';

/** The history's filters as typed, so the form shows them again. */
export interface BalanceFilters {
  currency: string;
  kind: string;
  from: string;
  to: string;
}

/** The filters from the query; a currency or kind the customer never had counts as none. */
export function parseBalanceFilters(raw: unknown, currencies: string[], kinds: string[]): BalanceFilters {
  const params = queryParams(raw);
  return {
    currency: choiceFilter(params, 'currency', currencies),
    kind: choiceFilter(params, 'kind', kinds),
    from: dayFilter(params, 'from'),
    to: dayFilter(params, 'to'),
  };
}

export function balanceHistoryInput(filters: BalanceFilters): BalanceHistoryFilter {
  return {
    currency: filters.currency || undefined,
    kind: filters.kind || undefined,
    ...dayRange(filters.from, filters.to),
  };
}
