import type { DbOrTx } from '../../../lib/db/database.js';
import { isUuid } from '../../../lib/ids.js';
import { listCustomers } from '../../../modules/customers/index.js';

/**
 * The filters the billing lists (invoices, credit notes) share, kept as the text typed so the
 * form shows them again.
 */
export interface BillingFilters {
  /** One customer's id (the link from the customer page). */
  customer: string;
  /** A customer's name or email (part of it). */
  q: string;
  /** Created on or after / on or before these days (YYYY-MM-DD, UTC). */
  from: string;
  to: string;
  /** Amount at least / at most, in major units such as 12.30. */
  min: string;
  max: string;
}

/** What the shared filters ask of a list query; each list names the amount bounds its own way. */
export interface BillingListInput {
  customerId: string | undefined;
  customerIds: string[] | undefined;
  from: Date | undefined;
  to: Date | undefined;
  minAmount: bigint | undefined;
  maxAmount: bigint | undefined;
}

type QueryParams = Record<string, unknown>;

const day = /^\d{4}-\d{2}-\d{2}$/;
const amount = /^\d{1,13}(\.\d{1,2})?$/;
const dayMs = 86_400_000;

export const queryParams = (raw: unknown) => (raw ?? {}) as QueryParams;

/**
 * One parameter, trimmed, when `valid` accepts it. Like the other lists, a malformed value counts
 * as "no filter" instead of failing the page, and is dropped from the form.
 */
function filterText(params: QueryParams, name: string, valid: (value: string) => boolean): string {
  const value = params[name];
  return typeof value === 'string' && valid(value.trim()) ? value.trim() : '';
}

/** A filter that is one of a fixed set of values (a status, a reason …), or none. */
export function choiceFilter(params: QueryParams, name: string, allowed: readonly string[]): string {
  return filterText(params, name, (value) => allowed.includes(value));
}

/** A day (YYYY-MM-DD) typed into a date filter, or none. */
export function dayFilter(params: QueryParams, name: string): string {
  return filterText(params, name, (value) => day.test(value) && !Number.isNaN(Date.parse(value)));
}

/** The instants a from/to pair of days means: from the start of `from` to the end of `to` (UTC). */
export function dayRange(from: string, to: string): { from: Date | undefined; to: Date | undefined } {
  return {
    from: from ? new Date(`${from}T00:00:00Z`) : undefined,
    // The "to" day is included: before the start of the next day.
    to: to ? new Date(Date.parse(`${to}T00:00:00Z`) + dayMs) : undefined,
  };
}

export function parseBillingFilters(params: QueryParams): BillingFilters {
  return {
    customer: filterText(params, 'customer', isUuid),
    q: filterText(params, 'q', (value) => value.length <= 200),
    from: dayFilter(params, 'from'),
    to: dayFilter(params, 'to'),
    min: filterText(params, 'min', (value) => amount.test(value)),
    max: filterText(params, 'max', (value) => amount.test(value)),
  };
}

/** The page number asked for (from 1), or the first page for anything else. */
export function pageOf(params: QueryParams): number {
  const page = Number(params['page']);
  return Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
}

/**
 * Amounts are typed in major units and compared as two-decimal minor units (cents), which is
 * exact for almost every currency; the filter does not know each row's currency.
 */
function centsOf(text: string): bigint | undefined {
  if (!text) return undefined;
  const [whole = '0', fraction = ''] = text.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
}

// Enough for any real search; a search matching more customers than this is not a useful filter.
const maxSearchedCustomers = 1000;

/** The list query the shared filters mean; a customer search becomes the ids of the customers it finds. */
export async function billingListInput(db: DbOrTx, filters: BillingFilters): Promise<BillingListInput> {
  const customerIds = filters.q
    ? (
        await listCustomers(db, {
          search: filters.q,
          sort: 'name',
          direction: 'asc',
          page: 1,
          pageSize: maxSearchedCustomers,
        })
      ).rows.map((customer) => customer.id)
    : undefined;
  return {
    customerId: filters.customer || undefined,
    customerIds,
    ...dayRange(filters.from, filters.to),
    minAmount: centsOf(filters.min),
    maxAmount: centsOf(filters.max),
  };
}

/** The filters as query parameters (only those set), e.g. for the export link and paging. */
export function filterParams(filters: object): URLSearchParams {
  return new URLSearchParams(
    Object.entries(filters).filter((entry): entry is [string, string] => entry[1] !== ''),
  );
}

export const hasFilters = (filters: object) => filterParams(filters).size > 0;

/** `path` with the filters and, past the first, the page. */
export function listHref(path: string, filters: object, page = 1): string {
  const params = filterParams(filters);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
