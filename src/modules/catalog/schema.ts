import { sql } from 'drizzle-orm';
import {
  bigint,
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

/** Something an operator sells: a membership, a service, credits or a one-time item. */
export const products = pgTable('catalog_products', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  kind: text('kind', { enum: ['membership', 'service', 'credits', 'one_time'] }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  archivedAt: timestamp('archived_at', { withTimezone: true }),
});

/** A way to buy a product: how often it bills, its trial, what it grants. Prices live in `prices`. */
export const plans = pgTable(
  'catalog_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    // null unit: a one-time purchase; otherwise every `intervalCount` units.
    intervalUnit: text('interval_unit', { enum: ['day', 'week', 'month', 'year'] }),
    intervalCount: integer('interval_count').notNull(),
    trialDays: integer('trial_days').notNull(),
    creditsPerPeriod: bigint('credits_per_period', { mode: 'bigint' }),
    creditUnit: text('credit_unit'),
    // Unspent period credits carried into the next period, up to this many; null: they expire.
    creditRolloverCap: bigint('credit_rollover_cap', { mode: 'bigint' }),
    // What an immediate plan change does with the old plan's unspent credits.
    creditsOnPlanChange: text('credits_on_plan_change', { enum: ['forfeit', 'carry'] })
      .notNull()
      .default('forfeit'),
    // A one-time credit pack's credits expire this many days after purchase; null: never.
    creditExpiryDays: integer('credit_expiry_days'),
    entitlementKeys: text('entitlement_keys').array().notNull(),
    upgradeTiming: text('upgrade_timing', { enum: ['immediately', 'period_end'] }).notNull(),
    downgradeTiming: text('downgrade_timing', { enum: ['immediately', 'period_end'] }).notNull(),
    // Whether a customer gets this product's trial only once, whatever plan they try.
    oneTrialPerCustomer: boolean('one_trial_per_customer').notNull().default(true),
    // How long after a cancellation the customer can still take the subscription back.
    reactivationGraceDays: integer('reactivation_grace_days').notNull().default(30),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('catalog_plans_code_unique').on(sql`lower(${table.code})`),
    index('catalog_plans_product_idx').on(table.productId),
    check('catalog_plans_interval_count_positive', sql`${table.intervalCount} >= 1`),
    check('catalog_plans_trial_days_not_negative', sql`${table.trialDays} >= 0`),
    check('catalog_plans_reactivation_grace_not_negative', sql`${table.reactivationGraceDays} >= 0`),
    check('catalog_plans_credit_rollover_cap_not_negative', sql`${table.creditRolloverCap} >= 0`),
    check('catalog_plans_credit_expiry_days_positive', sql`${table.creditExpiryDays} >= 1`),
  ],
);

/**
 * Prices of a plan, one current version per currency. A change adds a version and closes the old
 * one; subscriptions keep pointing at the version they bought (grandfathering).
 */
export const prices = pgTable(
  'catalog_prices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    currency: text('currency').notNull(),
    version: integer('version').notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    setupFee: bigint('setup_fee', { mode: 'bigint' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('catalog_prices_version_unique').on(table.planId, table.currency, table.version),
    uniqueIndex('catalog_prices_current_unique')
      .on(table.planId, table.currency)
      .where(sql`${table.supersededAt} IS NULL`),
    check('catalog_prices_amount_positive', sql`${table.amount} > 0`),
    check('catalog_prices_setup_fee_not_negative', sql`${table.setupFee} >= 0`),
  ],
);

/**
 * Something bought on top of a plan: an "extra stream", "+4 GB RAM". Add-ons that share an
 * `optionGroup` are the choices of one configurable option: a subscription takes at most one of them.
 */
export const addons = pgTable(
  'catalog_addons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull(),
    optionGroup: text('option_group'),
    // 1 for an option that is either taken or not; more for things bought by the unit.
    maxQuantity: integer('max_quantity').notNull(),
    entitlementKeys: text('entitlement_keys').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('catalog_addons_code_unique').on(sql`lower(${table.code})`),
    index('catalog_addons_product_idx').on(table.productId),
    check('catalog_addons_max_quantity_positive', sql`${table.maxQuantity} >= 1`),
  ],
);

/**
 * Prices of an add-on per currency and per billing interval (an add-on on a 3-month plan costs a
 * 3-month price), versioned like plan prices: subscribers keep the version they bought.
 */
export const addonPrices = pgTable(
  'catalog_addon_prices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    addonId: uuid('addon_id')
      .notNull()
      .references(() => addons.id),
    currency: text('currency').notNull(),
    intervalUnit: text('interval_unit', { enum: ['day', 'week', 'month', 'year'] }).notNull(),
    intervalCount: integer('interval_count').notNull(),
    version: integer('version').notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('catalog_addon_prices_version_unique').on(
      table.addonId,
      table.currency,
      table.intervalUnit,
      table.intervalCount,
      table.version,
    ),
    uniqueIndex('catalog_addon_prices_current_unique')
      .on(table.addonId, table.currency, table.intervalUnit, table.intervalCount)
      .where(sql`${table.supersededAt} IS NULL`),
    check('catalog_addon_prices_amount_positive', sql`${table.amount} > 0`),
    check('catalog_addon_prices_interval_count_positive', sql`${table.intervalCount} >= 1`),
  ],
);
