import type { StoredTier } from './referral-types.js';

/** Casharr's table: the longer the plan the referred customer bought, the more days. */
export const defaultTiers: StoredTier[] = [
  { months: 1, amount: '7' },
  { months: 3, amount: '14' },
  { months: 6, amount: '30' },
  { months: 12, amount: '60' },
];

/** The tier for a plan of `months`: the largest whose months it reaches; none below the smallest. */
export function tierFor(tiers: readonly StoredTier[], months: number): StoredTier | undefined {
  let best: StoredTier | undefined;
  for (const tier of tiers) if (tier.months <= months && (!best || tier.months > best.months)) best = tier;
  return best;
}

/**
 * A plan's length in whole months, from its billing interval: months and years count, shorter
 * intervals (days, weeks) and one-time plans are 0, below every tier.
 */
export function planMonths(plan: { intervalUnit: string | null; intervalCount: number }): number {
  if (plan.intervalUnit === 'month') return plan.intervalCount;
  if (plan.intervalUnit === 'year') return plan.intervalCount * 12;
  return 0;
}
