import { and, eq, gte, inArray, lt, lte, type SQL } from 'drizzle-orm';
import { count } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import { pageRows, type PageOf, type Paging } from '../../lib/db/keyset-cursor.js';
import { isUuid } from '../../lib/ids.js';
import type { Invoice, InvoiceStatus } from './invoice-types.js';
import { invoices } from './schema.js';

export interface ListInvoicesInput {
  status?: InvoiceStatus | undefined;
  customerId?: string | undefined;
  /** Only these customers' invoices (e.g. the customers a search found). */
  customerIds?: string[] | undefined;
  subscriptionId?: string | undefined;
  /** Created at or after / before. */
  from?: Date | undefined;
  to?: Date | undefined;
  /** Total between these, in minor units of the invoice's currency. */
  minTotal?: bigint | undefined;
  maxTotal?: bigint | undefined;
}

const none = '00000000-0000-0000-0000-000000000000';

/** Invoices newest first, filtered by status, customer, subscription, date range and amount. */
export async function listInvoices<P extends Paging>(
  db: DbOrTx,
  input: ListInvoicesInput & P,
): Promise<PageOf<Invoice, P>> {
  const conditions: SQL[] = [];
  if (input.status) conditions.push(eq(invoices.status, input.status));
  if (input.customerId)
    conditions.push(eq(invoices.customerId, isUuid(input.customerId) ? input.customerId : none));
  if (input.customerIds) conditions.push(inArray(invoices.customerId, [...input.customerIds, none]));
  if (input.subscriptionId)
    conditions.push(eq(invoices.subscriptionId, isUuid(input.subscriptionId) ? input.subscriptionId : none));
  if (input.from) conditions.push(gte(invoices.createdAt, input.from));
  if (input.to) conditions.push(lt(invoices.createdAt, input.to));
  if (input.minTotal !== undefined) conditions.push(gte(invoices.total, input.minTotal));
  if (input.maxTotal !== undefined) conditions.push(lte(invoices.total, input.maxTotal));
  return pageRows<Invoice, P>(input, {
    keys: [
      { column: invoices.createdAt, direction: 'desc' },
      { column: invoices.id, direction: 'desc' },
    ],
    scope: {
      list: 'invoices',
      status: input.status,
      customerId: input.customerId,
      customerIds: input.customerIds,
      subscriptionId: input.subscriptionId,
      from: input.from?.toISOString(),
      to: input.to?.toISOString(),
      minTotal: input.minTotal?.toString(),
      maxTotal: input.maxTotal?.toString(),
    },
    where: and(...conditions),
    rows: (q) =>
      db
        .select({ row: invoices, keys: q.keys })
        .from(invoices)
        .where(q.where)
        .orderBy(...q.orderBy)
        .limit(q.limit)
        .offset(q.offset),
    count: async (where) => (await db.select({ total: count() }).from(invoices).where(where))[0]?.total ?? 0,
  });
}
