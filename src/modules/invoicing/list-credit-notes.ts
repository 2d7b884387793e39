import { and, asc, count, eq, gte, inArray, lt, lte, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import { pageRows, type PageOf, type Paging } from '../../lib/db/keyset-cursor.js';
import { isUuid } from '../../lib/ids.js';
import { creditedInvoiceColumns } from './find-credit-note.js';
import type { CreditNote, CreditNoteOutcome, CreditNoteReason, ListedCreditNote } from './invoice-types.js';
import { findInvoice } from './find-invoice.js';
import { creditNotes, invoices } from './schema.js';

export interface ListCreditNotesInput {
  /** The customer of the credited invoice. */
  customerId?: string | undefined;
  /** Only these customers' credit notes (e.g. the customers a search found). */
  customerIds?: string[] | undefined;
  reason?: CreditNoteReason | undefined;
  outcome?: CreditNoteOutcome | undefined;
  /** Issued at or after / before. */
  from?: Date | undefined;
  to?: Date | undefined;
  /** Amount between these, in minor units of the note's currency. */
  minAmount?: bigint | undefined;
  maxAmount?: bigint | undefined;
}

// Matches no row: an id that is not a uuid, or an empty list of customers, finds nothing.
const none = '00000000-0000-0000-0000-000000000000';

/**
 * Credit notes newest first, filtered by customer, reason, outcome, date range and amount, each
 * with its invoice's number and customer.
 */
export async function listCreditNotes<P extends Paging>(
  db: DbOrTx,
  input: ListCreditNotesInput & P,
): Promise<PageOf<ListedCreditNote, P>> {
  const conditions: SQL[] = [];
  if (input.customerId)
    conditions.push(eq(invoices.customerId, isUuid(input.customerId) ? input.customerId : none));
  if (input.customerIds) conditions.push(inArray(invoices.customerId, [...input.customerIds, none]));
  if (input.reason) conditions.push(eq(creditNotes.reason, input.reason));
  if (input.outcome) conditions.push(eq(creditNotes.outcome, input.outcome));
  if (input.from) conditions.push(gte(creditNotes.createdAt, input.from));
  if (input.to) conditions.push(lt(creditNotes.createdAt, input.to));
  if (input.minAmount !== undefined) conditions.push(gte(creditNotes.amount, input.minAmount));
  if (input.maxAmount !== undefined) conditions.push(lte(creditNotes.amount, input.maxAmount));
  return pageRows<ListedCreditNote, P>(input, {
    keys: [
      { column: creditNotes.createdAt, direction: 'desc' },
      { column: creditNotes.id, direction: 'desc' },
    ],
    scope: {
      list: 'credit_notes',
      customerId: input.customerId,
      customerIds: input.customerIds,
      reason: input.reason,
      outcome: input.outcome,
      from: input.from?.toISOString(),
      to: input.to?.toISOString(),
      minAmount: input.minAmount?.toString(),
      maxAmount: input.maxAmount?.toString(),
    },
    where: and(...conditions),
    rows: async (q) =>
      (
        await db
          .select({ note: creditNotes, invoice: creditedInvoiceColumns, keys: q.keys })
          .from(creditNotes)
          .innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId))
          .where(q.where)
          .orderBy(...q.orderBy)
          .limit(q.limit)
          .offset(q.offset)
      ).map(({ note, invoice, keys }) => ({ row: { ...note, invoice }, keys })),
    count: async (where) =>
      (
        await db
          .select({ total: count() })
          .from(creditNotes)
          .innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId))
          .where(where)
      )[0]?.total ?? 0,
  });
}

/** One invoice's credit notes, oldest first (by number when issued at the same moment, e.g. on a test clock). */
export async function creditNotesOfInvoice(db: DbOrTx, invoiceId: string): Promise<CreditNote[]> {
  // An unknown invoice is not found, rather than an invoice with no credit notes.
  await findInvoice(db, invoiceId);
  return db
    .select()
    .from(creditNotes)
    .where(eq(creditNotes.invoiceId, invoiceId))
    .orderBy(asc(creditNotes.createdAt), asc(creditNotes.number));
}
