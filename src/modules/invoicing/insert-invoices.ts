import type { DbOrTx } from '../../lib/db/database.js';
import { insertJsonRows, isoText } from '../../lib/db/json-rows.js';
import type { Invoice, InvoiceLine } from './invoice-types.js';
import { invoiceLines, invoices } from './schema.js';

/** A finalized invoice ready to write: every column but the voiding one, its id chosen by the caller. */
export type FinalInvoiceRow = Omit<Invoice, 'voidedAt'>;

/** Writes many invoices in one statement (see insertJsonRows): one round trip per batch. */
export async function insertInvoices(tx: DbOrTx, rows: readonly FinalInvoiceRow[]): Promise<void> {
  const records = rows.map((r) => ({
    id: r.id,
    customer_id: r.customerId,
    subscription_id: r.subscriptionId,
    test_clock_id: r.testClockId,
    status: r.status,
    billing_reason: r.billingReason,
    series: r.series,
    number: r.number,
    currency: r.currency,
    period_start: isoText(r.periodStart),
    period_end: isoText(r.periodEnd),
    subtotal: r.subtotal.toString(),
    discount_total: r.discountTotal.toString(),
    tax_total: r.taxTotal.toString(),
    total: r.total.toString(),
    amount_paid: r.amountPaid.toString(),
    amount_credited: r.amountCredited.toString(),
    amount_due: r.amountDue.toString(),
    amount_from_balance: r.amountFromBalance.toString(),
    payment_terms_days: r.paymentTermsDays,
    memo: r.memo,
    billing_snapshot: r.billingSnapshot,
    created_at: isoText(r.createdAt),
    updated_at: isoText(r.updatedAt),
    finalized_at: isoText(r.finalizedAt),
    due_at: isoText(r.dueAt),
    paid_at: isoText(r.paidAt),
  }));
  await insertJsonRows(tx, invoices, records);
}

export type NewInvoiceLine = Omit<InvoiceLine, 'id'>;

/** Writes many invoices' lines in one statement, in the order given. */
export async function insertInvoiceLines(tx: DbOrTx, lines: readonly NewInvoiceLine[]): Promise<void> {
  const records = lines.map((l) => ({
    invoice_id: l.invoiceId,
    kind: l.kind,
    description: l.description,
    quantity: l.quantity,
    unit_amount: l.unitAmount.toString(),
    amount: l.amount.toString(),
    period_start: isoText(l.periodStart),
    period_end: isoText(l.periodEnd),
    tax_rate_id: l.taxRateId,
    coupon_id: l.couponId,
  }));
  // Ids come from the sequence in the order given, so lines read back as they were made.
  await insertJsonRows(tx, invoiceLines, records);
}
