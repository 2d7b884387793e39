import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * The last number given in a numbering series for a year. Finalization takes the next one by
 * updating this row in the finalizing transaction, so numbers are gap-free and never shared: a
 * rolled-back finalization gives its number back with the rollback.
 */
export const invoiceNumberCounters = pgTable(
  'invoice_number_counters',
  {
    series: text('series').notNull(),
    year: integer('year').notNull(),
    lastNumber: integer('last_number').notNull(),
  },
  (table) => [primaryKey({ columns: [table.series, table.year] })],
);

/**
 * An invoice: draft (editable, no number) → open (finalized: numbered, immutable) → paid, void or
 * uncollectible. Totals are kept in minor units: subtotal − discount + tax (exclusive) = total;
 * amount_due = total − amount_paid − amount_credited (Kill Bill's balance).
 */
export const invoices = pgTable(
  'invoices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id').notNull(),
    subscriptionId: uuid('subscription_id'),
    testClockId: uuid('test_clock_id'),
    status: text('status', { enum: ['draft', 'open', 'paid', 'void', 'uncollectible'] }).notNull(),
    billingReason: text('billing_reason', {
      enum: ['subscription_create', 'subscription_cycle', 'subscription_update', 'manual'],
    }).notNull(),
    series: text('series').notNull(),
    number: text('number'),
    currency: text('currency').notNull(),
    periodStart: timestamp('period_start', { withTimezone: true }),
    periodEnd: timestamp('period_end', { withTimezone: true }),
    subtotal: bigint('subtotal', { mode: 'bigint' }).notNull(),
    discountTotal: bigint('discount_total', { mode: 'bigint' }).notNull(),
    taxTotal: bigint('tax_total', { mode: 'bigint' }).notNull(),
    total: bigint('total', { mode: 'bigint' }).notNull(),
    amountPaid: bigint('amount_paid', { mode: 'bigint' }).notNull(),
    amountCredited: bigint('amount_credited', { mode: 'bigint' }).notNull(),
    amountDue: bigint('amount_due', { mode: 'bigint' }).notNull(),
    // The part of amount_paid taken from the customer's balance when the invoice was finalized.
    amountFromBalance: bigint('amount_from_balance', { mode: 'bigint' })
      .notNull()
      .default(sql`0`),
    paymentTermsDays: integer('payment_terms_days').notNull(),
    memo: text('memo').notNull(),
    // Customer details as they were when finalized: an issued invoice never changes.
    billingSnapshot: text('billing_snapshot'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    finalizedAt: timestamp('finalized_at', { withTimezone: true }),
    dueAt: timestamp('due_at', { withTimezone: true }),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    voidedAt: timestamp('voided_at', { withTimezone: true }),
  },
  (table) => [
    // One invoice per subscription period: what makes the bill run safe to repeat after a crash.
    uniqueIndex('invoices_subscription_period_unique')
      .on(table.subscriptionId, table.periodStart)
      .where(sql`${table.billingReason} IN ('subscription_create', 'subscription_cycle')`),
    uniqueIndex('invoices_number_unique').on(table.series, table.number),
    index('invoices_customer_idx').on(table.customerId, table.createdAt),
    index('invoices_status_idx').on(table.status, table.createdAt),
    check(
      'invoices_totals_add_up',
      sql`${table.amountDue} = ${table.total} - ${table.amountPaid} - ${table.amountCredited}`,
    ),
    check('invoices_from_balance_not_negative', sql`${table.amountFromBalance} >= 0`),
    check('invoices_numbered_when_final', sql`(${table.status} = 'draft') = (${table.number} IS NULL)`),
  ],
);

/** One line of an invoice. Amounts are signed minor units (discounts and credits negative). */
export const invoiceLines = pgTable(
  'invoice_lines',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    kind: text('kind', {
      enum: [
        'subscription_period',
        'proration',
        'setup_fee',
        'addon',
        'one_off',
        'discount',
        'credit_applied',
        'tax',
      ],
    }).notNull(),
    description: text('description').notNull(),
    quantity: integer('quantity').notNull(),
    unitAmount: bigint('unit_amount', { mode: 'bigint' }).notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    periodStart: timestamp('period_start', { withTimezone: true }),
    periodEnd: timestamp('period_end', { withTimezone: true }),
    taxRateId: uuid('tax_rate_id'),
    couponId: uuid('coupon_id'),
  },
  (table) => [index('invoice_lines_invoice_idx').on(table.invoiceId, table.id)],
);

/**
 * A correction to a finalized invoice: full or partial, with a reason; the money goes back as a
 * refund or onto the customer's balance.
 */
export const creditNotes = pgTable(
  'credit_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    series: text('series').notNull(),
    number: text('number').notNull(),
    currency: text('currency').notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    reason: text('reason', {
      enum: ['duplicate', 'fraudulent', 'order_change', 'product_unsatisfactory', 'other'],
    }).notNull(),
    memo: text('memo').notNull(),
    outcome: text('outcome', { enum: ['refund', 'customer_balance'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('credit_notes_number_unique').on(table.series, table.number),
    index('credit_notes_invoice_idx').on(table.invoiceId),
    // The credit-note list's order (newest first), so a page is read from the index, not sorted.
    index('credit_notes_created_idx').on(table.createdAt, table.id),
    check('credit_notes_amount_positive', sql`${table.amount} > 0`),
  ],
);

/** What a credit note takes back, line by line (or one amount line for a lump sum). */
export const creditNoteLines = pgTable(
  'credit_note_lines',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    creditNoteId: uuid('credit_note_id')
      .notNull()
      .references(() => creditNotes.id),
    invoiceLineId: bigint('invoice_line_id', { mode: 'bigint' }),
    description: text('description').notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
  },
  (table) => [index('credit_note_lines_note_idx').on(table.creditNoteId)],
);
