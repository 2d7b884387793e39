import { AppError } from '../../../lib/app-error.js';
import type { DbOrTx } from '../../../lib/db/database.js';
import { systemActor } from '../../audit/index.js';
import {
  commitChangeIn,
  extendSubscription,
  listSubscriptions,
  shortenSubscription,
  type Subscription,
} from '../../subscriptions/index.js';
import type { RewardHandler } from '../referral-types.js';

const liveStates = new Set(['trialing', 'active', 'past_due', 'paused']);

/** The referrer's oldest subscription that can still be extended: the one the reward goes to. */
async function rewardedSubscription(tx: DbOrTx, customerId: string): Promise<Subscription> {
  const { rows } = await listSubscriptions(tx, { customerId, page: 1, pageSize: 100 });
  const live = rows.filter((row) => liveStates.has(row.state));
  const oldest = live.at(-1);
  if (!oldest) throw new AppError('conflict', 'The referrer has no running subscription to add days to.');
  return oldest;
}

/** Days added to the referrer's subscription; taken back by shortening that same subscription. */
export const bonusDays: RewardHandler = {
  async give(tx, clock, { referrerId, tier }) {
    const days = Number(tier.amount);
    const subscription = await rewardedSubscription(tx, referrerId);
    await commitChangeIn(
      tx,
      clock,
      subscription.id,
      extendSubscription,
      { days, reason: 'Referral reward' },
      systemActor,
    );
    return {
      kind: 'bonus_days',
      days,
      subscriptionId: subscription.id,
      description: `${days} bonus day${days === 1 ? '' : 's'} on the referrer's subscription`,
    };
  },

  async takeBack(tx, clock, { reward }) {
    if (reward.kind !== 'bonus_days') throw new Error(`not a bonus_days reward: ${reward.kind}`);
    const step = await commitChangeIn(
      tx,
      clock,
      reward.subscriptionId,
      shortenSubscription,
      { days: reward.days, reason: 'Referral reward reversed: the payment was refunded' },
      systemActor,
    );
    const taken = step.before.currentPeriodEnd.getTime() - step.after.currentPeriodEnd.getTime();
    return {
      description:
        taken > 0
          ? `The subscription's period now ends ${step.after.currentPeriodEnd.toISOString()} instead of ${step.before.currentPeriodEnd.toISOString()}`
          : 'Nothing taken back: the bonus days were already used',
    };
  },
};
