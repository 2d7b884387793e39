import type { DbOrTx } from '../../../../lib/db/database.js';
import type { InvoiceStatus, ListInvoicesInput } from '../../../../modules/invoicing/index.js';
import { invoiceStatusLabels } from '../../../invoice-document.js';
import {
  billingListInput,
  choiceFilter,
  parseBillingFilters,
  queryParams,
  type BillingFilters,
} from '../billing-filters.js';

/** The admin invoice list's filters: the billing lists' own and the status. */
export interface InvoiceFilters extends BillingFilters {
  status: string;
}

export const invoiceStatuses = Object.keys(invoiceStatusLabels) as InvoiceStatus[];

export function parseInvoiceFilters(raw: unknown): InvoiceFilters {
  const params = queryParams(raw);
  return { status: choiceFilter(params, 'status', invoiceStatuses), ...parseBillingFilters(params) };
}

/** The list query the filters mean. */
export async function invoiceListInput(db: DbOrTx, filters: InvoiceFilters): Promise<ListInvoicesInput> {
  const { minAmount, maxAmount, ...shared } = await billingListInput(db, filters);
  return {
    ...shared,
    status: (filters.status || undefined) as InvoiceStatus | undefined,
    minTotal: minAmount,
    maxTotal: maxAmount,
  };
}
