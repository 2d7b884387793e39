import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { rewardKinds, type RewardGiven, type RewardTakenBack, type StoredTier } from './referral-types.js';

/**
 * The operator's one referral programme (a single row, id 1): whether it is on, what a reward is,
 * and the tiers by the length of the plan the referred customer bought. Until staff save it the
 * programme is off with the default tiers (referral-programme.ts).
 */
export const referralProgrammes = pgTable(
  'referral_programmes',
  {
    id: integer('id').primaryKey(),
    enabled: boolean('enabled').notNull(),
    rewardKind: text('reward_kind', { enum: rewardKinds }).notNull(),
    // What credits and money rewards are counted in: a credits unit, or a currency.
    rewardUnit: text('reward_unit'),
    tiers: jsonb('tiers').$type<StoredTier[]>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [check('referral_programmes_single_row', sql`${table.id} = 1`)],
);

/** A customer's referral code, made the first time anyone asks for it; stored upper-case. */
export const referralCodes = pgTable(
  'referral_codes',
  {
    customerId: uuid('customer_id').primaryKey(),
    code: text('code').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [uniqueIndex('referral_codes_code_unique').on(table.code)],
);

/**
 * Who referred whom (one referrer per customer, ever) and what came of it: pending until the
 * referred customer's first paid subscription invoice, then rewarded (or skipped, with the reason,
 * when nothing could be given), and reversed if that payment is given back.
 */
export const referrals = pgTable(
  'referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    referrerId: uuid('referrer_id').notNull(),
    referredId: uuid('referred_id').notNull(),
    code: text('code').notNull(),
    status: text('status', { enum: ['pending', 'rewarded', 'skipped', 'reversed'] }).notNull(),
    // The paid invoice that settled it and the plan length (months) it was for.
    invoiceId: uuid('invoice_id'),
    planMonths: integer('plan_months'),
    reward: jsonb('reward').$type<RewardGiven>(),
    reversal: jsonb('reversal').$type<RewardTakenBack>(),
    // Why a referral was skipped, in words for staff.
    note: text('note').notNull(),
    attributedAt: timestamp('attributed_at', { withTimezone: true }).notNull(),
    settledAt: timestamp('settled_at', { withTimezone: true }),
    reversedAt: timestamp('reversed_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('referrals_referred_unique').on(table.referredId),
    index('referrals_referrer_idx').on(table.referrerId, table.attributedAt),
    index('referrals_invoice_idx').on(table.invoiceId),
    // The list's order (newest first), so a page is read from the index.
    index('referrals_attributed_idx').on(table.attributedAt, table.id),
  ],
);
