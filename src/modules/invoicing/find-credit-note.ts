import { asc, eq, sql } from 'drizzle-orm';
import { AppError } from '../../lib/app-error.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { isUuid } from '../../lib/ids.js';
import type { CreditNoteWithLines } from './invoice-types.js';
import { creditNoteLines, creditNotes, invoiceLines, invoices } from './schema.js';

/**
 * The columns of a credit note's invoice that lists and pages show. Only finalized invoices can be
 * credited and a CHECK ties the number to not being a draft, so the number is never null here.
 */
export const creditedInvoiceColumns = {
  id: invoices.id,
  number: sql<string>`${invoices.number}`,
  customerId: invoices.customerId,
  currency: invoices.currency,
};

/** One credit note with its lines (in the order written) and its invoice; not_found otherwise. */
export async function getCreditNote(db: DbOrTx, id: string): Promise<CreditNoteWithLines> {
  if (!isUuid(id)) throw new AppError('not_found', 'No such credit note.');
  const [found] = await db
    .select({
      note: creditNotes,
      invoice: { ...creditedInvoiceColumns, billingSnapshot: invoices.billingSnapshot },
    })
    .from(creditNotes)
    .innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId))
    .where(eq(creditNotes.id, id));
  if (!found) throw new AppError('not_found', 'No such credit note.');
  const lines = await db
    .select({
      line: creditNoteLines,
      invoiceLine: {
        kind: invoiceLines.kind,
        periodStart: invoiceLines.periodStart,
        periodEnd: invoiceLines.periodEnd,
      },
    })
    .from(creditNoteLines)
    .leftJoin(invoiceLines, eq(invoiceLines.id, creditNoteLines.invoiceLineId))
    .where(eq(creditNoteLines.creditNoteId, id))
    .orderBy(asc(creditNoteLines.id));
  return {
    ...found.note,
    invoice: found.invoice,
    lines: lines.map(({ line, invoiceLine }) => ({ ...line, invoiceLine })),
  };
}
