import type { RewardHandler, RewardKind } from '../referral-types.js';
import { bonusDays } from './bonus-days.js';
import { couponReward } from './coupon.js';
import { creditsReward } from './credits.js';
import { moneyReward } from './money.js';

/** How each kind of reward is given and taken back. */
export const rewardHandlers: Record<RewardKind, RewardHandler> = {
  bonus_days: bonusDays,
  credits: creditsReward,
  money: moneyReward,
  coupon: couponReward,
};
