import type { Tx } from '../../lib/db/database.js';
import type { DueWork, DueWorkScope } from '../../lib/due-work.js';
import { findCustomers, type Customer } from '../customers/index.js';
import { activeRedemptions, consumeRedemptionPeriod, discountFor } from '../discounts/index.js';
import { recordEvents, type EventInput } from '../events/index.js';
import { resolveTaxRate } from '../taxes/index.js';
import {
  claimBillableCharges,
  countBillable,
  markChargesInvoiced,
  nextBillableAt,
  type BillableGroup,
  type SubscriptionCharge,
} from '../subscriptions/index.js';
import { billingSnapshotOf } from './billing-snapshot.js';
import type { InvoicingContext } from './context.js';
import { invoiceTotals } from './invoice-totals.js';
import type { Invoice, InvoiceLineKind } from './invoice-types.js';
import { takeNumber } from './numbering.js';
import { taxOf } from './tax-lines.js';
import type { NewLine } from './write-lines.js';
import { invoiceLines, invoices } from './schema.js';

// Subscriptions invoiced per transaction.
const batchSize = 500;

const lineKinds: Record<SubscriptionCharge['kind'], InvoiceLineKind> = {
  period_charge: 'subscription_period',
  addon_charge: 'addon',
  setup_fee: 'setup_fee',
  proration_charge: 'proration',
  proration_credit: 'proration',
  cancellation_credit: 'proration',
};

/**
 * The subscription's coupons still running, as discount lines on this bill, each on what the ones
 * before it left; each one applied counts one of its periods. A discount never exceeds what is left.
 */
async function discountLines(
  tx: Tx,
  group: BillableGroup,
  customer: Customer,
  bought: readonly NewLine[],
  at: Date,
): Promise<NewLine[]> {
  const redemptions = await activeRedemptions(
    tx,
    { customerId: customer.id, subscriptionId: group.subscriptionId },
    at,
  );
  let left = bought.reduce((sum, line) => sum + line.amount, 0n);
  const lines: NewLine[] = [];
  const applied: bigint[] = [];
  for (const redemption of redemptions) {
    const off = discountFor(redemption.coupon, customer.currency, left);
    if (off === 0n) continue;
    left -= off;
    applied.push(redemption.id);
    lines.push({
      kind: 'discount',
      description: redemption.coupon.name,
      quantity: 1,
      unitAmount: -off,
      amount: -off,
      periodStart: null,
      periodEnd: null,
      taxRateId: null,
      couponId: redemption.coupon.id,
    });
  }
  await consumeRedemptionPeriod(tx, applied, at);
  return lines;
}

/** The charge that opened the bill: its period is the invoice's, and its time the invoice's. */
function opening(group: BillableGroup): SubscriptionCharge {
  const starter =
    group.charges.find((charge) => charge.kind === 'period_charge') ??
    group.charges.find((charge) => charge.kind === 'setup_fee');
  if (!starter) throw new Error(`subscription ${group.subscriptionId} has nothing to open a bill`);
  return starter;
}

/**
 * One finalized invoice for a subscription's waiting charges: numbered from the series, the
 * customer's details frozen, due at once (subscriptions are charged when the period starts), paid
 * at once when there is nothing to pay. The unique key per subscription period refuses a second
 * invoice for the same period, whatever happens.
 */
async function invoiceGroup(
  tx: Tx,
  ctx: InvoicingContext,
  group: BillableGroup,
  customer: Customer,
  realNow: Date,
): Promise<{ invoice: Invoice; events: EventInput[] }> {
  const start = opening(group);
  const at = start.createdAt;
  const bought = group.charges.map((charge) => ({
    kind: lineKinds[charge.kind],
    description: charge.description,
    quantity: charge.quantity,
    unitAmount: charge.amount / BigInt(charge.quantity),
    amount: charge.amount,
    periodStart: charge.periodStart,
    periodEnd: charge.periodEnd,
    taxRateId: null,
    couponId: null,
  }));
  const discounts = await discountLines(tx, group, customer, bought, at);
  const beforeTax = [...bought, ...discounts];
  const taxed = taxOf(beforeTax, await resolveTaxRate(tx, customer));
  const lines = taxed.line ? [...beforeTax, taxed.line] : beforeTax;
  const totals = invoiceTotals(lines, taxed.included);
  const nothingDue = totals.total <= 0n;
  const [invoice] = await tx
    .insert(invoices)
    .values({
      customerId: group.customerId,
      subscriptionId: group.subscriptionId,
      testClockId: group.testClockId,
      status: nothingDue ? 'paid' : 'open',
      billingReason: group.charges.some((charge) => charge.kind === 'setup_fee')
        ? 'subscription_create'
        : 'subscription_cycle',
      series: 'invoice',
      number: await takeNumber(tx, 'invoice', ctx.invoiceNumberFormat, at),
      currency: start.currency,
      periodStart: start.periodStart,
      periodEnd: start.periodEnd,
      ...totals,
      amountPaid: 0n,
      amountCredited: 0n,
      amountDue: totals.total,
      paymentTermsDays: 0,
      memo: taxed.note ?? '',
      billingSnapshot: billingSnapshotOf(customer),
      createdAt: at,
      updatedAt: realNow,
      finalizedAt: at,
      dueAt: at,
      paidAt: nothingDue ? at : null,
    })
    .returning();
  if (!invoice) throw new Error('insert returned no row');
  await tx.insert(invoiceLines).values(lines.map((line) => ({ ...line, invoiceId: invoice.id })));
  await markChargesInvoiced(
    tx,
    group.charges.map((charge) => charge.id),
    invoice.id,
  );
  const payload = {
    customerId: invoice.customerId,
    subscriptionId: invoice.subscriptionId,
    number: invoice.number,
    currency: invoice.currency,
    total: invoice.total.toString(),
    amountDue: invoice.amountDue.toString(),
    status: invoice.status,
  };
  const event = (type: string): EventInput => ({
    type,
    entityType: 'invoice',
    entityId: invoice.id,
    payload,
    occurredAt: at,
  });
  return { invoice, events: [event('invoice.created'), event('invoice.finalized')] };
}

async function runBatch(ctx: InvoicingContext, scope: DueWorkScope, until: Date): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const groups = await claimBillableCharges(tx, scope, until, batchSize);
    if (groups.length === 0) return 0;
    const customers = await findCustomers(
      tx,
      groups.map((group) => group.customerId),
    );
    const realNow = ctx.clock.now();
    const events: EventInput[] = [];
    for (const group of groups) {
      const customer = customers.get(group.customerId);
      if (!customer) throw new Error(`customer ${group.customerId} is missing`);
      events.push(...(await invoiceGroup(tx, ctx, group, customer, realNow)).events);
    }
    await recordEvents(tx, events);
    return groups.length;
  });
}

/**
 * Invoicing's share of the bill run: every subscription period billed (with the prorations and
 * credits waiting for it) becomes one numbered, finalized invoice.
 */
export function invoiceDueWork(ctx: InvoicingContext): DueWork {
  return {
    name: 'invoices',
    nextDueAt: (db, scope) => nextBillableAt(db, scope),
    countDue: (db, scope, until) => countBillable(db, scope, until),
    async runDue(scope, until, onProgress) {
      let total = 0;
      for (let handled = await runBatch(ctx, scope, until); handled > 0;) {
        total += handled;
        onProgress?.(total);
        handled = await runBatch(ctx, scope, until);
      }
      return total;
    },
  };
}
