import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { AppError, validationError } from '../../lib/app-error.js';
import { toDecimalString } from '../../lib/money.js';
import { parseInput } from '../../lib/validation.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import { recordEvents } from '../events/index.js';
import { timeFor } from '../test-clocks/index.js';
import type { InvoicingContext } from './context.js';
import { findInvoice, invoiceSnapshot } from './find-invoice.js';
import type { CreditNote, Invoice } from './invoice-types.js';
import { balanceLine, invoiceAccounts, operatorLine, postIfAny, reversalLines } from './ledger-postings.js';
import { takeNumber } from './numbering.js';
import { creditNoteLines, creditNotes, invoiceLines, invoices } from './schema.js';
import { notifyCredited } from './settlement-listeners.js';

/** Why a credit note can be issued, and where the money goes (the schema's own lists). */
export const creditNoteReasons = creditNotes.reason.enumValues;
export const creditNoteOutcomes = creditNotes.outcome.enumValues;

const minorUnits = z
  .union([z.number(), z.bigint(), z.string().regex(/^\d+$/, 'must be a whole number of minor units')], {
    error: 'must be a whole number of minor units',
  })
  .transform((value) => BigInt(value))
  .refine((value) => value > 0n, 'must be more than 0');

const creditNoteInput = z
  .object({
    amount: minorUnits.optional().describe('A lump sum; or give lines'),
    lines: z
      .array(z.object({ invoiceLineId: z.coerce.bigint({ error: 'must be a line id' }), amount: minorUnits }))
      .max(200, 'at most 200 lines')
      .optional(),
    reason: z.enum(creditNoteReasons, {
      error: 'must be duplicate, fraudulent, order_change, product_unsatisfactory or other',
    }),
    memo: z.string().trim().max(2000, 'must be at most 2000 characters').default(''),
    outcome: z.enum(creditNoteOutcomes, { error: 'must be refund or customer_balance' }),
  })
  .refine((input) => (input.amount === undefined) !== (input.lines === undefined), {
    message: 'give either an amount or lines, not both',
    path: ['amount'],
  });

export type CreditNoteInput = z.input<typeof creditNoteInput>;

/**
 * Corrects a finalized invoice, fully or in part, without touching it: a numbered credit note of its
 * own. Before payment it lowers what is due; after payment the money goes back (refund) or onto the
 * customer's balance, so `amount_paid` gives it up. Either way amount_due = total − paid − credited
 * still holds (Kill Bill's balance), and an open invoice credited down to nothing is settled.
 */
export async function createCreditNote(
  ctx: InvoicingContext,
  invoiceId: string,
  input: CreditNoteInput,
  actor: Actor,
): Promise<CreditNote> {
  const data = parseInput(creditNoteInput, input);
  const realNow = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const invoice = await findInvoice(tx, invoiceId, true);
    if (invoice.status !== 'open' && invoice.status !== 'paid') {
      throw new AppError(
        'conflict',
        `Only an open or paid invoice can be credited; this one is ${invoice.status}.`,
      );
    }
    const invoiceLineRows = await tx
      .select()
      .from(invoiceLines)
      .where(eq(invoiceLines.invoiceId, invoice.id))
      .orderBy(asc(invoiceLines.id));
    // Messages name amounts as people read them: 10.00 USD, not 1000.
    const money = (amount: bigint) =>
      `${toDecimalString({ amount, currency: invoice.currency })} ${invoice.currency}`;
    const noteLines = (data.lines ?? []).map((line, index) => {
      const original = invoiceLineRows.find((row) => row.id === line.invoiceLineId);
      if (!original)
        throw validationError({ [`lines.${index}.invoiceLineId`]: 'is not a line of this invoice' });
      if (line.amount > original.amount)
        throw validationError({
          [`lines.${index}.amount`]: `must be at most the line's ${money(original.amount)}`,
        });
      return { invoiceLineId: original.id, description: original.description, amount: line.amount };
    });
    const amount = data.amount ?? noteLines.reduce((sum, line) => sum + line.amount, 0n);
    const remaining = creditableAmount(invoice);
    if (amount > remaining)
      throw validationError({
        amount: `must be at most ${money(remaining)}, what is left to credit on this invoice`,
      });
    const postPayment = amount - (amount < invoice.amountDue ? amount : invoice.amountDue);
    if (data.outcome === 'refund' && postPayment > invoice.amountPaid)
      throw validationError({ outcome: 'refund is more than was paid' });

    const at = await timeFor(tx, invoice.testClockId, realNow);
    const number = await takeNumber(tx, 'credit_note', ctx.creditNoteNumberFormat, at);
    const [note] = await tx
      .insert(creditNotes)
      .values({
        invoiceId: invoice.id,
        series: 'credit_note',
        number,
        currency: invoice.currency,
        amount,
        reason: data.reason,
        memo: data.memo,
        outcome: data.outcome,
        createdAt: at,
      })
      .returning();
    if (!note) throw new Error('insert returned no row');
    await tx
      .insert(creditNoteLines)
      .values(
        noteLines.length > 0
          ? noteLines.map((line) => ({ ...line, creditNoteId: note.id }))
          : [{ creditNoteId: note.id, invoiceLineId: null, description: data.memo || 'Credit', amount }],
      );
    const amountCredited = invoice.amountCredited + amount;
    const amountPaid = invoice.amountPaid - postPayment;
    const amountDue = invoice.total - amountPaid - amountCredited;
    const settled = invoice.status === 'open' && amountDue <= 0n;
    const [after] = await tx
      .update(invoices)
      .set({
        amountCredited,
        amountPaid,
        amountDue,
        ...(settled ? { status: 'paid' as const, paidAt: at } : {}),
        updatedAt: realNow,
      })
      .where(eq(invoices.id, invoice.id))
      .returning();
    if (!after) throw new Error('update returned no row');
    // The part before payment is owed no more; the part after it is paid back or kept on the balance.
    await postIfAny(tx, ctx.clock, {
      kind: 'credit_note.issued',
      description: `Credit note ${number} on invoice ${invoice.number ?? invoice.id}`,
      occurredAt: at,
      sourceRef: `credit_note:${note.id}`,
      lines: reversalLines(invoice, invoice.amountCredited, [
        ...operatorLine(invoiceAccounts.receivables, invoice.currency, amount - postPayment),
        ...(data.outcome === 'refund'
          ? operatorLine(invoiceAccounts.refunds, invoice.currency, postPayment)
          : balanceLine(invoice.customerId, invoice.currency, postPayment)),
      ]),
    });
    await notifyCredited(ctx.listeners ?? [], tx, {
      invoice: after,
      creditNote: note,
      refunded: postPayment,
      at,
    });
    await recordEvents(tx, [
      {
        type: 'credit_note.created',
        entityType: 'credit_note',
        entityId: note.id,
        payload: {
          invoiceId: invoice.id,
          customerId: invoice.customerId,
          number,
          amount: amount.toString(),
          currency: invoice.currency,
          outcome: data.outcome,
          // What leaves the invoice's payments: refunded, or moved to the customer's balance.
          fromPayments: postPayment.toString(),
        },
        occurredAt: at,
      },
    ]);
    await recordAuditEvent(tx, {
      actor,
      action: 'invoice.credited',
      entityType: 'invoice',
      entityId: invoice.id,
      before: invoiceSnapshot(invoice),
      after: { ...invoiceSnapshot(after), creditNote: number, reason: data.reason, outcome: data.outcome },
      at: realNow,
    });
    return note;
  });
}

/**
 * What is left to credit on an invoice: its total less the credit notes it already has, and
 * nothing unless it is open or paid (a draft can still be edited; void and written-off invoices
 * are closed).
 */
export function creditableAmount(invoice: Pick<Invoice, 'status' | 'total' | 'amountCredited'>): bigint {
  return invoice.status === 'open' || invoice.status === 'paid' ? invoice.total - invoice.amountCredited : 0n;
}
