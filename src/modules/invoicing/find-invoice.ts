import { asc, eq } from 'drizzle-orm';
import { AppError } from '../../lib/app-error.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { isUuid } from '../../lib/ids.js';
import type { Invoice, InvoiceWithLines } from './invoice-types.js';
import { invoiceLines, invoices } from './schema.js';

/** One invoice by id; not_found otherwise. `forUpdate` locks it for a change. */
export async function findInvoice(db: DbOrTx, id: string, forUpdate = false): Promise<Invoice> {
  if (!isUuid(id)) throw new AppError('not_found', 'No such invoice.');
  const query = db.select().from(invoices).where(eq(invoices.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found', 'No such invoice.');
  return row;
}

/** An invoice with its lines in the order they were written. */
export async function getInvoice(db: DbOrTx, id: string): Promise<InvoiceWithLines> {
  const invoice = await findInvoice(db, id);
  const lines = await db
    .select()
    .from(invoiceLines)
    .where(eq(invoiceLines.invoiceId, id))
    .orderBy(asc(invoiceLines.id));
  return { ...invoice, lines };
}

/** What the audit log keeps of an invoice (money as text). */
export function invoiceSnapshot(invoice: Invoice) {
  return {
    status: invoice.status,
    number: invoice.number,
    total: invoice.total.toString(),
    amountDue: invoice.amountDue.toString(),
    amountFromBalance: invoice.amountFromBalance.toString(),
    currency: invoice.currency,
  };
}
