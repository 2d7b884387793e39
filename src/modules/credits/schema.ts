import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  integer,
  index,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const creditSources = ['subscription', 'rollover', 'carry', 'pack', 'adjustment', 'referral'] as const;
export type CreditSource = (typeof creditSources)[number];

/**
 * One grant of credits to a customer: a period's allocation, a rollover, a pack, an adjustment.
 * What is left of it is the balance of its own ledger account (`accountKey`), so the journal alone
 * proves every balance; this row says where the credits came from, when they expire and in which
 * order they are spent.
 */
export const creditGrants = pgTable(
  'credit_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id').notNull(),
    // The customer's test clock, so expiry runs in the customer's own time (null: real time).
    testClockId: uuid('test_clock_id'),
    unit: text('unit').notNull(),
    source: text('source', { enum: creditSources }).notNull(),
    // Spending order: a subscription's period credits (0) before anything else (1); oldest first in each.
    spendTier: smallint('spend_tier').notNull(),
    subscriptionId: uuid('subscription_id'),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    description: text('description').notNull(),
    accountKey: text('account_key').notNull(),
    // What caused it (`subscription:<id>:period:<start>`, `invoice:<id>` …): a grant is made once.
    sourceRef: text('source_ref').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    // Set once nothing is left to spend (used up, expired, rolled over or revoked): spending skips it.
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('credit_grants_source_ref_idx').on(table.sourceRef),
    uniqueIndex('credit_grants_account_key_idx').on(table.accountKey),
    // The open grants of one customer and unit, in spending order.
    index('credit_grants_spend_idx')
      .on(table.customerId, table.unit, table.spendTier, table.grantedAt, table.id)
      .where(sql`${table.closedAt} IS NULL`),
    index('credit_grants_expiry_idx')
      .on(table.expiresAt)
      .where(sql`${table.closedAt} IS NULL AND ${table.expiresAt} IS NOT NULL`),
    index('credit_grants_subscription_idx')
      .on(table.subscriptionId)
      .where(sql`${table.closedAt} IS NULL`),
    check('credit_grants_amount_positive', sql`${table.amount} > 0`),
  ],
);

/**
 * A customer's low-balance threshold for one unit. `below` remembers that the balance is under it,
 * so the event fires once per crossing, not on every spend below the line.
 */
export const creditThresholds = pgTable(
  'credit_thresholds',
  {
    customerId: uuid('customer_id').notNull(),
    unit: text('unit').notNull(),
    threshold: bigint('threshold', { mode: 'bigint' }).notNull(),
    below: boolean('below').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.customerId, table.unit] }),
    check('credit_thresholds_positive', sql`${table.threshold} > 0`),
  ],
);

/**
 * A credit pack bought on an invoice: its credits are granted when the invoice is paid (once), and
 * what a refund gives back of the money is taken back of the credits that are left.
 */
export const creditPackPurchases = pgTable(
  'credit_pack_purchases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    planId: uuid('plan_id').notNull(),
    unit: text('unit').notNull(),
    credits: bigint('credits', { mode: 'bigint' }).notNull(),
    // Days the credits last once granted; null: they never expire.
    expiryDays: integer('expiry_days'),
    status: text('status', { enum: ['awaiting_payment', 'granted'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('credit_pack_purchases_invoice_idx').on(table.invoiceId),
    index('credit_pack_purchases_customer_idx').on(table.customerId, table.createdAt),
    check('credit_pack_purchases_credits_positive', sql`${table.credits} > 0`),
  ],
);
