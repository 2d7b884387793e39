import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import type { ResolvedTax } from '../taxes/index.js';
import { invoiceTotals } from './invoice-totals.js';
import type { Invoice, InvoiceLine } from './invoice-types.js';
import { invoiceLines, invoices } from './schema.js';
import { taxOf } from './tax-lines.js';

export type NewLine = Omit<InvoiceLine, 'id' | 'invoiceId'>;

/**
 * Replaces a draft's bought lines, taxes them, and recomputes its totals from them, in the caller's
 * transaction. The totals are never typed in: they are always what the lines add up to.
 */
export async function replaceDraftLines(
  tx: DbOrTx,
  invoice: Invoice,
  bought: readonly NewLine[],
  tax: ResolvedTax,
  at: Date,
): Promise<Invoice> {
  const taxed = taxOf(bought, tax);
  const lines = taxed.line ? [...bought, taxed.line] : bought;
  await tx.delete(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id));
  if (lines.length > 0) {
    await tx.insert(invoiceLines).values(lines.map((line) => ({ ...line, invoiceId: invoice.id })));
  }
  const totals = invoiceTotals(lines, taxed.included);
  const [updated] = await tx
    .update(invoices)
    .set({
      ...totals,
      amountDue: totals.total - invoice.amountPaid - invoice.amountCredited,
      memo:
        taxed.note && !invoice.memo.includes(taxed.note)
          ? [invoice.memo, taxed.note].filter(Boolean).join('\n')
          : invoice.memo,
      updatedAt: at,
    })
    .where(eq(invoices.id, invoice.id))
    .returning();
  if (!updated) throw new Error('update returned no row');
  return updated;
}
