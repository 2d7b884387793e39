import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import { invoiceTotals } from './invoice-totals.js';
import type { Invoice, InvoiceLine } from './invoice-types.js';
import { invoiceLines, invoices } from './schema.js';

export type NewLine = Omit<InvoiceLine, 'id' | 'invoiceId'>;

/**
 * Replaces a draft's lines and recomputes its totals from them, in the caller's transaction. The
 * totals are never typed in: they are always what the lines add up to.
 */
export async function replaceDraftLines(
  tx: DbOrTx,
  invoice: Invoice,
  lines: readonly NewLine[],
  at: Date,
): Promise<Invoice> {
  await tx.delete(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id));
  if (lines.length > 0) {
    await tx.insert(invoiceLines).values(lines.map((line) => ({ ...line, invoiceId: invoice.id })));
  }
  const totals = invoiceTotals(lines);
  const [updated] = await tx
    .update(invoices)
    .set({
      ...totals,
      amountDue: totals.total - invoice.amountPaid - invoice.amountCredited,
      updatedAt: at,
    })
    .where(eq(invoices.id, invoice.id))
    .returning();
  if (!updated) throw new Error('update returned no row');
  return updated;
}
