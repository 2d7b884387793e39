import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
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
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('subscriptions_customer_idx').on(table.customerId),
    index('subscriptions_state_period_idx').on(table.state, table.currentPeriodEnd),
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
