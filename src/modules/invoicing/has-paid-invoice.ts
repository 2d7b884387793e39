import { and, eq, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import { invoices } from './schema.js';

/** Whether the customer has ever had an invoice paid (refunded later or not). */
export async function hasPaidInvoice(db: DbOrTx, customerId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: invoices.id })
    .from(invoices)
    .where(and(eq(invoices.customerId, customerId), isNotNull(invoices.paidAt)))
    .limit(1);
  return row !== undefined;
}
