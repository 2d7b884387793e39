import type { DbOrTx } from '../../../../lib/db/database.js';
import { isUuid } from '../../../../lib/ids.js';
import { listCustomers } from '../../../../modules/customers/index.js';
import type { InvoiceStatus, ListInvoicesInput } from '../../../../modules/invoicing/index.js';
import { invoiceStatusLabels } from '../../../invoice-document.js';

/** The admin invoice list's filters as typed, kept as text so the form shows them again. */
export interface InvoiceFilters {
  status: string;
  /** One customer's id (the link from the customer page). */
  customer: string;
  /** A customer's name or email (part of it). */
  q: string;
  /** Created on or after / on or before these days (YYYY-MM-DD, UTC). */
  from: string;
  to: string;
  /** Total at least / at most, in major units such as 12.30. */
  min: string;
  max: string;
}

export const invoiceStatuses = Object.keys(invoiceStatusLabels) as InvoiceStatus[];

const day = /^\d{4}-\d{2}-\d{2}$/;
const amount = /^\d{1,13}(\.\d{1,2})?$/;
const dayMs = 86_400_000;

/**
 * Reads the filters from the query; like the other lists, a malformed value counts as "no filter"
 * instead of failing the page, and is dropped from the form.
 */
export function parseInvoiceFilters(raw: unknown): InvoiceFilters {
  const params = (raw ?? {}) as Record<string, unknown>;
  const text = (name: string, valid: (value: string) => boolean) => {
    const value = params[name];
    return typeof value === 'string' && valid(value.trim()) ? value.trim() : '';
  };
  const isDay = (value: string) => day.test(value) && !Number.isNaN(Date.parse(value));
  return {
    status: text('status', (value) => (invoiceStatuses as string[]).includes(value)),
    customer: text('customer', isUuid),
    q: text('q', (value) => value.length <= 200),
    from: text('from', isDay),
    to: text('to', isDay),
    min: text('min', (value) => amount.test(value)),
    max: text('max', (value) => amount.test(value)),
  };
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

/** The list query the filters mean; a customer search becomes the ids of the customers it finds. */
export async function invoiceListInput(db: DbOrTx, filters: InvoiceFilters): Promise<ListInvoicesInput> {
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
    status: (filters.status || undefined) as InvoiceStatus | undefined,
    customerId: filters.customer || undefined,
    customerIds,
    from: filters.from ? new Date(`${filters.from}T00:00:00Z`) : undefined,
    // The "to" day is included: before the start of the next day.
    to: filters.to ? new Date(Date.parse(`${filters.to}T00:00:00Z`) + dayMs) : undefined,
    minTotal: centsOf(filters.min),
    maxTotal: centsOf(filters.max),
  };
}

/** The filters as query parameters (only those set), e.g. for the export link and paging. */
export function filterParams(filters: InvoiceFilters): URLSearchParams {
  return new URLSearchParams(Object.entries(filters).filter(([, value]) => value !== ''));
}

export const hasFilters = (filters: InvoiceFilters) => filterParams(filters).size > 0;
