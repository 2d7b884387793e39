import type { Clock } from '../../lib/clock.js';
import type { Tx } from '../../lib/db/database.js';
import { timeOrderedUuid } from '../../lib/ids.js';
import type { DueWork, DueWorkScope } from '../../lib/due-work.js';
import { openBalanceBook, type BalanceBook } from '../balances/index.js';
import { findCustomers, type Customer } from '../customers/index.js';
import { discountFor, openRedemptionBook, type RedemptionBook } from '../discounts/index.js';
import { recordEvents, type EventInput } from '../events/index.js';
import { taxResolver, type TaxResolver } from '../taxes/index.js';
import {
  claimBillableCharges,
  countBillable,
  markChargesInvoiced,
  nextBillableAt,
  type BillableCursor,
  type BillableGroup,
  type SubscriptionCharge,
} from '../subscriptions/index.js';
import { billingSnapshotOf } from './billing-snapshot.js';
import type { InvoicingContext } from './context.js';
import { insertInvoiceLines, insertInvoices, type FinalInvoiceRow } from './insert-invoices.js';
import { invoiceTotals } from './invoice-totals.js';
import type { InvoiceLineKind } from './invoice-types.js';
import { balanceAppliedLines, issueLines, postIfAny } from './ledger-postings.js';
import { takeNumbers } from './numbering.js';
import { notifyPaid } from './settlement-listeners.js';
import { taxOf } from './tax-lines.js';
import type { NewLine } from './write-lines.js';

const lineKinds: Record<SubscriptionCharge['kind'], InvoiceLineKind> = {
  period_charge: 'subscription_period',
  addon_charge: 'addon',
  setup_fee: 'setup_fee',
  proration_charge: 'proration',
  proration_credit: 'proration',
  cancellation_credit: 'proration',
};

/** An invoice worked out in memory, still without its number. */
interface PlannedInvoice {
  row: Omit<FinalInvoiceRow, 'number'>;
  lines: NewLine[];
  chargeIds: bigint[];
}

/**
 * The subscription's coupons still running, as discount lines on this bill, each on what the ones
 * before it left; each one applied counts one of its periods. A discount never exceeds what is left.
 */
function discountLines(
  book: RedemptionBook,
  group: BillableGroup,
  customer: Customer,
  bought: readonly NewLine[],
  at: Date,
): NewLine[] {
  let left = bought.reduce((sum, line) => sum + line.amount, 0n);
  const lines: NewLine[] = [];
  const applied = book.activeAt(customer.id, group.subscriptionId, at).filter((redemption) => {
    const off = discountFor(redemption.coupon, customer.currency, left);
    if (off === 0n) return false;
    left -= off;
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
    return true;
  });
  book.use(applied, at);
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
 * One finalized invoice for a subscription's waiting charges, worked out without the database: the
 * customer's details frozen, due at once (subscriptions are charged when the period starts), paid
 * at once when there is nothing to pay.
 */
function planInvoice(
  group: BillableGroup,
  customer: Customer,
  book: RedemptionBook,
  resolveTax: TaxResolver,
  realNow: Date,
): PlannedInvoice {
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
  const beforeTax = [...bought, ...discountLines(book, group, customer, bought, at)];
  const taxed = taxOf(beforeTax, resolveTax(customer));
  const lines = taxed.line ? [...beforeTax, taxed.line] : beforeTax;
  const totals = invoiceTotals(lines, taxed.included);
  const nothingDue = totals.total <= 0n;
  return {
    row: {
      id: timeOrderedUuid(realNow.getTime()),
      customerId: group.customerId,
      subscriptionId: group.subscriptionId,
      testClockId: group.testClockId,
      status: nothingDue ? 'paid' : 'open',
      billingReason: group.charges.some((charge) => charge.kind === 'setup_fee')
        ? 'subscription_create'
        : 'subscription_cycle',
      series: 'invoice',
      currency: start.currency,
      periodStart: start.periodStart,
      periodEnd: start.periodEnd,
      ...totals,
      amountPaid: 0n,
      amountCredited: 0n,
      amountDue: totals.total,
      amountFromBalance: 0n,
      paymentTermsDays: 0,
      memo: taxed.note ?? '',
      billingSnapshot: billingSnapshotOf(customer),
      createdAt: at,
      updatedAt: realNow,
      finalizedAt: at,
      dueAt: at,
      paidAt: nothingDue ? at : null,
    },
    lines,
    chargeIds: group.charges.map((charge) => charge.id),
  };
}

function invoiceEvents(invoice: FinalInvoiceRow): EventInput[] {
  const payload = {
    customerId: invoice.customerId,
    subscriptionId: invoice.subscriptionId,
    number: invoice.number,
    currency: invoice.currency,
    total: invoice.total.toString(),
    amountDue: invoice.amountDue.toString(),
    amountFromBalance: invoice.amountFromBalance.toString(),
    status: invoice.status,
  };
  return ['invoice.created', 'invoice.finalized'].map((type) => ({
    type,
    entityType: 'invoice',
    entityId: invoice.id,
    payload,
    occurredAt: invoice.createdAt,
  }));
}

/**
 * Customers' balances pay what they can of the batch's invoices, oldest first, read and locked once
 * for the whole batch (none when applying balances is switched off). An invoice paid in full is paid.
 */
async function payFromBalances(tx: Tx, planned: PlannedInvoice[], apply: boolean): Promise<BalanceBook> {
  const owing = apply ? planned.filter((invoice) => invoice.row.amountDue > 0n) : [];
  const book = await openBalanceBook(
    tx,
    owing.map(({ row }) => ({ customerId: row.customerId, currency: row.currency })),
  );
  for (const invoice of owing) {
    const { row } = invoice;
    const taken = book.take(row.customerId, row.currency, row.amountDue);
    if (taken === 0n) continue;
    const amountDue = row.amountDue - taken;
    invoice.row = {
      ...row,
      amountPaid: taken,
      amountFromBalance: taken,
      amountDue,
      ...(amountDue === 0n ? { status: 'paid' as const, paidAt: row.createdAt } : {}),
    };
  }
  return book;
}

/** "INV-1, INV-2" for a few numbers, "12 invoices, INV-1 to INV-12" for more. */
function numbersText(rows: readonly FinalInvoiceRow[]): string {
  const numbers = rows.map((row) => row.number ?? '');
  return numbers.length <= 3
    ? numbers.join(', ')
    : `${numbers.length} invoices, ${numbers[0]} to ${numbers.at(-1)}`;
}

/**
 * The batch's books: per currency, ONE entry for all its invoices (receivables against revenue and
 * tax payable) and, when balances paid some, one for what they paid — not one per invoice, which
 * would add thousands of entries and lines to every batch. Each is posted once (its reference is
 * the batch's first invoice), and rolls back with the batch.
 */
async function postBatch(tx: Tx, clock: Clock, rows: readonly FinalInvoiceRow[], book: BalanceBook) {
  const byCurrency = new Map<string, FinalInvoiceRow[]>();
  for (const row of rows) {
    const same = byCurrency.get(row.currency);
    if (same) same.push(row);
    else byCurrency.set(row.currency, [row]);
  }
  for (const [currency, invoices] of byCurrency) {
    const first = invoices[0]!;
    const at = invoices.at(-1)!.createdAt;
    const sourceRef = `bill-run:${first.id}:${currency}`;
    const sum = (pick: (row: FinalInvoiceRow) => bigint) => invoices.reduce((s, row) => s + pick(row), 0n);
    await postIfAny(tx, clock, {
      kind: 'invoices.finalized',
      description: `Bill run: ${numbersText(invoices)}`,
      occurredAt: at,
      sourceRef: `${sourceRef}:finalized`,
      lines: issueLines(
        currency,
        sum((row) => row.total),
        sum((row) => row.taxTotal),
      ),
    });
    await postIfAny(tx, clock, {
      kind: 'invoices.balance_applied',
      description: `Applied to ${numbersText(invoices.filter((row) => row.amountFromBalance > 0n))}`,
      occurredAt: at,
      sourceRef: `${sourceRef}:balance_applied`,
      lines: balanceAppliedLines(book, currency),
    });
  }
}

/**
 * Invoices one claimed batch, set-based: the customers, their coupons and the tax rates are read
 * once; the invoices are worked out in memory, in time order; then each kind of row is written with
 * one statement. The numbers are taken as one block as late as possible, because the series'
 * counter stays locked until commit and another run's batch waits for it. The unique key per
 * subscription period refuses a second invoice for the same period, whatever happens.
 */
async function invoiceBatch(tx: Tx, ctx: InvoicingContext, groups: readonly BillableGroup[]): Promise<void> {
  const customers = await findCustomers(
    tx,
    groups.map((group) => group.customerId),
  );
  const inTimeOrder = groups
    .map((group) => ({ group, at: opening(group).createdAt }))
    .sort(
      (a, b) =>
        a.at.getTime() - b.at.getTime() || a.group.subscriptionId.localeCompare(b.group.subscriptionId),
    );
  const book = await openRedemptionBook(tx, [...customers.keys()], inTimeOrder[0]?.at ?? new Date(0));
  const resolveTax = await taxResolver(tx);
  const realNow = ctx.clock.now();
  const planned = inTimeOrder.map(({ group }) => {
    const customer = customers.get(group.customerId);
    if (!customer) throw new Error(`customer ${group.customerId} is missing`);
    return planInvoice(group, customer, book, resolveTax, realNow);
  });
  await book.save(tx);
  const balances = await payFromBalances(tx, planned, ctx.applyBalanceToInvoices);
  await markChargesInvoiced(
    tx,
    planned.map((invoice) => ({ chargeIds: invoice.chargeIds, invoiceId: invoice.row.id })),
  );
  const numbers = await takeNumbers(
    tx,
    'invoice',
    ctx.invoiceNumberFormat,
    planned.map((invoice) => invoice.row.createdAt),
  );
  const rows = planned.map((invoice, index) => ({ ...invoice.row, number: numbers[index] ?? null }));
  await insertInvoices(tx, rows);
  await insertInvoiceLines(
    tx,
    planned.flatMap((invoice) => invoice.lines.map((line) => ({ ...line, invoiceId: invoice.row.id }))),
  );
  await postBatch(tx, ctx.clock, rows, balances);
  await recordEvents(tx, rows.flatMap(invoiceEvents));
  for (const row of rows)
    if (row.amountFromBalance > 0n && row.status === 'paid')
      await notifyPaid(ctx.listeners ?? [], tx, { invoice: { ...row, voidedAt: null }, at: row.createdAt });
}

/**
 * Invoicing's share of the bill run: every subscription period billed (with the prorations and
 * credits waiting for it) becomes one numbered, finalized invoice. The run walks waiting bills in
 * (customer, subscription) order, a batch per transaction, passing over what another run holds;
 * at the end of a walk it starts again from the beginning, and stops when a fresh walk claims
 * nothing — so several runs share the work, and one finishes what a crash left.
 * `batchSize` subscriptions go in one transaction: large enough that each statement carries many
 * rows, small enough that a batch's locks are held briefly and its memory stays flat.
 */
export function invoiceDueWork(ctx: InvoicingContext, batchSize: number): DueWork {
  const runBatch = (scope: DueWorkScope, until: Date, after: BillableCursor | null) =>
    ctx.db.transaction(async (tx) => {
      const claim = await claimBillableCharges(tx, scope, until, batchSize, after);
      if (claim.groups.length > 0) await invoiceBatch(tx, ctx, claim.groups);
      return { handled: claim.groups.length, claimed: claim.claimed, cursor: claim.cursor };
    });
  return {
    name: 'invoices',
    nextDueAt: (db, scope) => nextBillableAt(db, scope),
    countDue: (db, scope, until) => countBillable(db, scope, until),
    async runDue(scope, until, onProgress) {
      let total = 0;
      let cursor: BillableCursor | null = null;
      for (;;) {
        const fromStart = cursor === null;
        const batch = await runBatch(scope, until, cursor);
        total += batch.handled;
        if (batch.handled > 0) onProgress?.(total);
        if (fromStart && batch.claimed === 0) return total;
        // Everything left waits for earlier periods another run is billing: give it a moment.
        if (fromStart && batch.handled === 0) await new Promise((resolve) => setTimeout(resolve, 50));
        cursor = batch.cursor;
      }
    },
  };
}
