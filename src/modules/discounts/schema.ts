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
 * A discount: a percentage (parts per million) or a fixed amount per currency (coupon_amounts),
 * for one invoice, N billing periods, or forever; optionally only for some plans, only for
 * first-time customers, within a window of dates and up to a number of redemptions.
 */
export const coupons = pgTable(
  'coupons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    percentOffPpm: integer('percent_off_ppm'),
    duration: text('duration', { enum: ['once', 'repeating', 'forever'] }).notNull(),
    durationPeriods: integer('duration_periods'),
    planIds: uuid('plan_ids').array().notNull(),
    maxRedemptions: integer('max_redemptions'),
    perCustomerLimit: integer('per_customer_limit'),
    firstTimeOnly: boolean('first_time_only').notNull(),
    validFrom: timestamp('valid_from', { withTimezone: true }),
    validUntil: timestamp('valid_until', { withTimezone: true }),
    timesRedeemed: integer('times_redeemed').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (table) => [
    check(
      'coupons_percent_range',
      sql`${table.percentOffPpm} IS NULL OR (${table.percentOffPpm} > 0 AND ${table.percentOffPpm} <= 1000000)`,
    ),
    check(
      'coupons_repeating_periods',
      sql`(${table.duration} = 'repeating') = (${table.durationPeriods} IS NOT NULL)`,
    ),
    // The last redemption cannot be used twice: the counter is checked by the database itself.
    check(
      'coupons_redemptions_within_max',
      sql`${table.maxRedemptions} IS NULL OR ${table.timesRedeemed} <= ${table.maxRedemptions}`,
    ),
  ],
);

/** A fixed-amount coupon's amount in one currency (minor units). */
export const couponAmounts = pgTable(
  'coupon_amounts',
  {
    couponId: uuid('coupon_id')
      .notNull()
      .references(() => coupons.id),
    currency: text('currency').notNull(),
    amountOff: bigint('amount_off', { mode: 'bigint' }).notNull(),
  },
  (table) => [
    uniqueIndex('coupon_amounts_unique').on(table.couponId, table.currency),
    check('coupon_amounts_positive', sql`${table.amountOff} > 0`),
  ],
);

/** A code customers type to get a coupon, with limits of its own on top of the coupon's. */
export const promotionCodes = pgTable(
  'promotion_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    couponId: uuid('coupon_id')
      .notNull()
      .references(() => coupons.id),
    code: text('code').notNull(),
    active: boolean('active').notNull(),
    maxRedemptions: integer('max_redemptions'),
    perCustomerLimit: integer('per_customer_limit'),
    firstTimeOnly: boolean('first_time_only').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    timesRedeemed: integer('times_redeemed').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('promotion_codes_code_unique').on(sql`lower(${table.code})`),
    check(
      'promotion_codes_redemptions_within_max',
      sql`${table.maxRedemptions} IS NULL OR ${table.timesRedeemed} <= ${table.maxRedemptions}`,
    ),
  ],
);

/**
 * One use of a coupon by a customer (on a subscription, or one invoice). `periodsLeft` counts down
 * for repeating coupons; null means forever (or already used, for once).
 */
export const couponRedemptions = pgTable(
  'coupon_redemptions',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    couponId: uuid('coupon_id')
      .notNull()
      .references(() => coupons.id),
    promotionCodeId: uuid('promotion_code_id'),
    customerId: uuid('customer_id').notNull(),
    subscriptionId: uuid('subscription_id'),
    periodsLeft: integer('periods_left'),
    redeemedAt: timestamp('redeemed_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (table) => [
    index('coupon_redemptions_customer_idx').on(table.customerId, table.couponId),
    index('coupon_redemptions_subscription_idx').on(table.subscriptionId),
  ],
);
