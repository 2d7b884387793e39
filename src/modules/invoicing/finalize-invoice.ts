import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import { billingSnapshotOf } from './billing-snapshot.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import { openBalanceBook } from '../balances/index.js';
import { getCustomer } from '../customers/index.js';
import { recordEvents } from '../events/index.js';
import { timeFor } from '../test-clocks/index.js';
import type { InvoicingContext } from './context.js';
import { findInvoice, invoiceSnapshot } from './find-invoice.js';
import { nextInvoiceStatus } from './invoice-states.js';
import type { Invoice } from './invoice-types.js';
import { balanceAppliedLines, issueLines, postIfAny } from './ledger-postings.js';
import { takeNumber } from './numbering.js';
import { invoices } from './schema.js';
import { notifyPaid } from './settlement-listeners.js';

const dayMs = 86_400_000;

/**
 * Finalizes a draft in the caller's transaction: it takes the next number of its series (gap-free:
 * a rollback gives it back), freezes the customer's details, sets the due date from the payment
 * terms and becomes immutable; the books record what the customer owes. Unless switched off, the
 * customer's balance pays what it can of the amount due. An invoice with nothing left to pay is
 * paid at once.
 */
export async function finalizeInTransaction(
  tx: DbOrTx,
  ctx: InvoicingContext,
  draft: Invoice,
  actor: Actor,
): Promise<Invoice> {
  const realNow = ctx.clock.now();
  const at = await timeFor(tx, draft.testClockId, realNow);
  nextInvoiceStatus(draft.status, 'finalize');
  const number = await takeNumber(tx, draft.series, ctx.invoiceNumberFormat, at);
  const book = await openBalanceBook(
    tx,
    ctx.applyBalanceToInvoices && draft.amountDue > 0n
      ? [{ customerId: draft.customerId, currency: draft.currency }]
      : [],
  );
  const fromBalance = book.take(draft.customerId, draft.currency, draft.amountDue);
  const amountDue = draft.amountDue - fromBalance;
  const nothingDue = amountDue <= 0n;
  const [invoice] = await tx
    .update(invoices)
    .set({
      status: nothingDue ? 'paid' : 'open',
      amountPaid: draft.amountPaid + fromBalance,
      amountFromBalance: fromBalance,
      amountDue,
      number,
      billingSnapshot: billingSnapshotOf(await getCustomer(tx, draft.customerId)),
      finalizedAt: at,
      dueAt: new Date(at.getTime() + draft.paymentTermsDays * dayMs),
      paidAt: nothingDue ? at : null,
      updatedAt: realNow,
    })
    .where(eq(invoices.id, draft.id))
    .returning();
  if (!invoice) throw new Error('update returned no row');
  await postIfAny(tx, ctx.clock, {
    kind: 'invoice.finalized',
    description: `Invoice ${number}`,
    occurredAt: at,
    sourceRef: `invoice:${invoice.id}:finalized`,
    lines: issueLines(invoice.currency, invoice.total, invoice.taxTotal),
  });
  if (fromBalance > 0n) {
    await postIfAny(tx, ctx.clock, {
      kind: 'invoice.balance_applied',
      description: `Applied to invoice ${number}`,
      occurredAt: at,
      sourceRef: `invoice:${invoice.id}:balance_applied`,
      lines: balanceAppliedLines(book, invoice.currency),
    });
    if (nothingDue) await notifyPaid(ctx.listeners ?? [], tx, { invoice, at });
  }
  await recordEvents(tx, [
    {
      type: 'invoice.finalized',
      entityType: 'invoice',
      entityId: invoice.id,
      payload: {
        customerId: invoice.customerId,
        subscriptionId: invoice.subscriptionId,
        number,
        currency: invoice.currency,
        total: invoice.total.toString(),
        amountDue: invoice.amountDue.toString(),
        amountFromBalance: invoice.amountFromBalance.toString(),
        status: invoice.status,
      },
      occurredAt: at,
    },
  ]);
  await recordAuditEvent(tx, {
    actor,
    action: 'invoice.finalized',
    entityType: 'invoice',
    entityId: invoice.id,
    before: invoiceSnapshot(draft),
    after: invoiceSnapshot(invoice),
    at: realNow,
  });
  return invoice;
}

/** Finalizes a draft invoice: numbers it and makes it immutable. */
export async function finalizeInvoice(ctx: InvoicingContext, id: string, actor: Actor): Promise<Invoice> {
  return ctx.db.transaction(async (tx) =>
    finalizeInTransaction(tx, ctx, await findInvoice(tx, id, true), actor),
  );
}
