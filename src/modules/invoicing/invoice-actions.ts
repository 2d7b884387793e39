import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { parseInput } from '../../lib/validation.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import { recordEvents } from '../events/index.js';
import { timeFor } from '../test-clocks/index.js';
import type { InvoicingContext } from './context.js';
import { findInvoice, invoiceSnapshot } from './find-invoice.js';
import { nextInvoiceStatus } from './invoice-states.js';
import type { Invoice } from './invoice-types.js';
import { invoiceAccounts, operatorLine, postIfAny, reversalLines } from './ledger-postings.js';
import { invoices } from './schema.js';
import { notifyPaid } from './settlement-listeners.js';

const actionInput = z.object({
  action: z.enum(['mark_paid', 'void', 'mark_uncollectible'], {
    error: 'must be mark_paid, void or mark_uncollectible',
  }),
  reason: z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required: say why, for the audit log')
    .max(500, 'must be at most 500 characters'),
});

export type InvoiceActionInput = z.input<typeof actionInput>;

/**
 * The entry of each action, for what is still due: paid by hand goes to the manual clearing
 * account; written off moves it from receivables to bad debt; void takes the revenue and tax back.
 * What is due sits in receivables, or in bad debt once written off.
 */
function actionEntry(action: InvoiceActionInput['action'], invoice: Invoice) {
  const { currency, amountDue: due } = invoice;
  const owed = invoice.status === 'uncollectible' ? invoiceAccounts.badDebt : invoiceAccounts.receivables;
  const number = invoice.number ?? invoice.id;
  switch (action) {
    case 'mark_paid':
      return {
        kind: 'invoice.paid',
        description: `Invoice ${number} paid (recorded by staff)`,
        lines: [
          ...operatorLine(invoiceAccounts.clearingManual, currency, -due),
          ...operatorLine(owed, currency, due),
        ],
      };
    case 'void':
      return {
        kind: 'invoice.voided',
        description: `Invoice ${number} voided`,
        lines: reversalLines(invoice, invoice.amountCredited, operatorLine(owed, currency, due)),
      };
    case 'mark_uncollectible':
      return {
        kind: 'invoice.written_off',
        description: `Invoice ${number} written off as uncollectible`,
        lines: [
          ...operatorLine(invoiceAccounts.badDebt, currency, -due),
          ...operatorLine(invoiceAccounts.receivables, currency, due),
        ],
      };
  }
}

const eventTypes = {
  mark_paid: 'invoice.paid',
  void: 'invoice.voided',
  mark_uncollectible: 'invoice.marked_uncollectible',
} as const;

/**
 * Moves a finalized invoice: paid outside Tollgate (bank transfer, cash), voided (it should never
 * have been issued: the number stays used), or written off as uncollectible. Only what the status
 * table allows; nothing else about the invoice changes.
 */
export async function applyInvoiceAction(
  ctx: InvoicingContext,
  id: string,
  input: InvoiceActionInput,
  actor: Actor,
): Promise<Invoice> {
  const { action, reason } = parseInput(actionInput, input);
  const realNow = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = await findInvoice(tx, id, true);
    const status = nextInvoiceStatus(before.status, action);
    const at = await timeFor(tx, before.testClockId, realNow);
    const settled =
      action === 'mark_paid'
        ? { amountPaid: before.amountPaid + before.amountDue, amountDue: 0n, paidAt: at }
        : action === 'void'
          ? { voidedAt: at }
          : {};
    const [after] = await tx
      .update(invoices)
      .set({ status, ...settled, updatedAt: realNow })
      .where(eq(invoices.id, id))
      .returning();
    if (!after) throw new Error('update returned no row');
    await postIfAny(tx, ctx.clock, {
      ...actionEntry(action, before),
      occurredAt: at,
      sourceRef: `invoice:${id}:${action}`,
    });
    if (action === 'mark_paid') await notifyPaid(ctx.listeners ?? [], tx, { invoice: after, at });
    await recordEvents(tx, [
      {
        type: eventTypes[action],
        entityType: 'invoice',
        entityId: id,
        payload: { customerId: after.customerId, reason, ...invoiceSnapshot(after) },
        occurredAt: at,
      },
    ]);
    await recordAuditEvent(tx, {
      actor,
      action: `invoice.${action}`,
      entityType: 'invoice',
      entityId: id,
      before: invoiceSnapshot(before),
      after: { ...invoiceSnapshot(after), reason },
      at: realNow,
    });
    return after;
  });
}
