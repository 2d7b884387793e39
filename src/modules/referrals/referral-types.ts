import type { Clock } from '../../lib/clock.js';
import type { Tx } from '../../lib/db/database.js';
import type { referralCodes, referrals } from './schema.js';

export const rewardKinds = ['bonus_days', 'credits', 'money', 'coupon'] as const;
export type RewardKind = (typeof rewardKinds)[number];

export const referralStatuses = ['pending', 'rewarded', 'skipped', 'reversed'] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

/**
 * A tier as stored: from `months` of plan length up, the reward in the kind's terms — `amount`
 * (bonus days, credits, or minor units of money) or `couponId` (the coupon given).
 */
export interface StoredTier {
  months: number;
  amount?: string | undefined;
  couponId?: string | undefined;
}

/** What a reward gave, kept so that it can be taken back exactly. */
export type RewardGiven =
  | { kind: 'bonus_days'; days: number; subscriptionId: string; description: string }
  | { kind: 'credits'; unit: string; amount: string; sourceRef: string; description: string }
  | {
      kind: 'money';
      customerId: string;
      currency: string;
      amount: string;
      sourceRef: string;
      description: string;
    }
  | { kind: 'coupon'; couponId: string; redemptionId: string; description: string };

/** What reversing a reward took back (possibly less than was given: time already used stays used). */
export interface RewardTakenBack {
  description: string;
}

export interface ReferralProgramme {
  enabled: boolean;
  rewardKind: RewardKind;
  /** The credits unit or the currency of credits and money rewards; null for the other kinds. */
  rewardUnit: string | null;
  tiers: StoredTier[];
  /** Null until staff first save it: the defaults are in force. */
  updatedAt: Date | null;
}

export type Referral = typeof referrals.$inferSelect;
export type ReferralCode = typeof referralCodes.$inferSelect;

/** One kind of reward: how it is given to the referrer, and taken back again. */
export interface RewardHandler {
  give(
    tx: Tx,
    clock: Clock,
    input: { referralId: string; referrerId: string; rewardUnit: string | null; tier: StoredTier; at: Date },
  ): Promise<RewardGiven>;
  takeBack(tx: Tx, clock: Clock, input: { reward: RewardGiven; at: Date }): Promise<RewardTakenBack>;
}
