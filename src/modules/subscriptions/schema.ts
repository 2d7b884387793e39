import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Who has which plan, at which price version, and where the subscription stands. Periods are
 * kept as computed boundaries; they always derive from `anchorAt` + n intervals in `timeZone`.
 */
export const subscriptions = pgTable(
  'subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id').notNull(),
    productId: uuid('product_id').notNull(),
    planId: uuid('plan_id').notNull(),
    priceId: uuid('price_id').notNull(),
    state: text('state', {
      enum: ['trialing', 'active', 'past_due', 'paused', 'suspended', 'canceled', 'expired'],
    }).notNull(),
    quantity: integer('quantity').notNull(),
    timeZone: text('time_zone').notNull(),
    anchorAt: timestamp('anchor_at', { withTimezone: true }).notNull(),
    currentPeriodStart: timestamp('current_period_start', { withTimezone: true }).notNull(),
    currentPeriodEnd: timestamp('current_period_end', { withTimezone: true }).notNull(),
    trialEndsAt: timestamp('trial_ends_at', { withTimezone: true }),
    cancelAtPeriodEnd: boolean('cancel_at_period_end').notNull(),
    canceledAt: timestamp('canceled_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    // A change booked for the end of the period (a downgrade, a price migration), applied at renewal.
    pendingPlanId: uuid('pending_plan_id'),
    pendingPriceId: uuid('pending_price_id'),
    pendingQuantity: integer('pending_quantity'),
    // While paused: when it was paused (the rest of the period is kept for the resume) and,
    // optionally, when it resumes by itself.
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    resumeAt: timestamp('resume_at', { withTimezone: true }),
    trialWillEndSentAt: timestamp('trial_will_end_sent_at', { withTimezone: true }),
    // Copied from the customer (which never changes clock): scopes the bill run to one clock's world.
    testClockId: uuid('test_clock_id'),
    // When the bill run must next look at it (period end, trial warning, resume, end of grace);
    // null when nothing is scheduled. Kept by every write from one function (dueAtOf).
    nextDueAt: timestamp('next_due_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('subscriptions_customer_idx').on(table.customerId),
    index('subscriptions_state_period_idx').on(table.state, table.currentPeriodEnd),
    // The bill run walks due rows by (next_due_at, id) within one clock's world.
    index('subscriptions_clock_due_idx').on(table.testClockId, table.nextDueAt, table.id),
    check('subscriptions_quantity_positive', sql`${table.quantity} >= 1`),
  ],
);

/** The timeline: every change of state, with who made it and why. */
export const subscriptionTransitions = pgTable(
  'subscription_transitions',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => subscriptions.id),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    reason: text('reason').notNull(),
    actorUserId: uuid('actor_user_id'),
    actorLabel: text('actor_label').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('subscription_transitions_subscription_idx').on(table.subscriptionId, table.id)],
);

/** One add-on on a subscription, at the price version it was bought at. */
export const subscriptionItems = pgTable(
  'subscription_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => subscriptions.id),
    addonId: uuid('addon_id').notNull(),
    addonPriceId: uuid('addon_price_id').notNull(),
    quantity: integer('quantity').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('subscription_items_addon_unique').on(table.subscriptionId, table.addonId),
    check('subscription_items_quantity_positive', sql`${table.quantity} >= 1`),
  ],
);

/**
 * Money a subscription change owes or gives back, not yet on an invoice: proration charges and
 * credits, cancellation credits, and whole periods that start outside a renewal (a new interval,
 * a reactivation). The invoicing step picks these up; amounts are signed minor units
 * (credits negative), so the sum over a subscription is what its changes billed.
 */
export const subscriptionCharges = pgTable(
  'subscription_charges',
  {
    // A sequence, so lines read back in the order they were made (a credit before its charge).
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => subscriptions.id),
    // The subscription's customer (which never changes), so the bill run can take a customer-id
    // range of waiting bills straight from an index.
    customerId: uuid('customer_id').notNull(),
    // And its test clock, so the bill run finds a world's waiting bills without reading subscriptions.
    testClockId: uuid('test_clock_id'),
    kind: text('kind', {
      enum: [
        'proration_charge',
        'proration_credit',
        'cancellation_credit',
        'period_charge',
        'addon_charge',
        'setup_fee',
      ],
    }).notNull(),
    description: text('description').notNull(),
    quantity: integer('quantity').notNull().default(1),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    currency: text('currency').notNull(),
    periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
    periodEnd: timestamp('period_end', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    // Set when an invoice took the charge: each charge is billed exactly once.
    invoiceId: uuid('invoice_id'),
  },
  (table) => [
    index('subscription_charges_subscription_idx').on(table.subscriptionId),
    index('subscription_charges_uninvoiced_idx')
      .on(table.subscriptionId, table.createdAt)
      .where(sql`${table.invoiceId} IS NULL`),
    // Bills waiting to be made, in the order the bill run walks them (the order they were written),
    // with the customer beside the id so a customer range is checked in the index.
    index('subscription_charges_billable_idx')
      .on(table.id, table.customerId)
      .where(sql`${table.invoiceId} IS NULL AND ${table.kind} IN ('period_charge', 'setup_fee')`),
    // One charge per subscription period: a replayed renewal can never bill a period twice.
    uniqueIndex('subscription_charges_period_unique')
      .on(table.subscriptionId, table.periodStart)
      .where(sql`${table.kind} = 'period_charge'`),
  ],
);
