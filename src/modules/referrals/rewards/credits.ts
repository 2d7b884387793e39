import { getCustomer } from '../../customers/index.js';
import { grantCredits, revokeGrant } from '../../credits/index.js';
import type { RewardHandler } from '../referral-types.js';

/**
 * Credits granted to the referrer (never expiring), one grant per referral; taken back by revoking
 * what is left of that grant (credits already spent stay spent).
 */
export const creditsReward: RewardHandler = {
  async give(tx, clock, { referralId, referrerId, rewardUnit, tier, at }) {
    const unit = rewardUnit ?? '';
    const amount = BigInt(tier.amount ?? '0');
    const referrer = await getCustomer(tx, referrerId);
    const sourceRef = `referral:${referralId}`;
    const description = `${amount} ${unit} for a referral`;
    await grantCredits(tx, clock, {
      customerId: referrer.id,
      testClockId: referrer.testClockId,
      unit,
      amount,
      source: 'referral',
      description,
      expiresAt: null,
      sourceRef,
      at,
    });
    return { kind: 'credits', unit, amount: amount.toString(), sourceRef, description };
  },

  async takeBack(tx, clock, { reward, at }) {
    if (reward.kind !== 'credits') throw new Error(`not a credits reward: ${reward.kind}`);
    const { revoked } = await revokeGrant(tx, clock, {
      sourceRef: reward.sourceRef,
      description: 'Referral reward reversed: the payment was refunded',
      at,
    });
    return {
      description:
        revoked > 0n
          ? `${revoked} of ${reward.amount} ${reward.unit} revoked`
          : `Nothing taken back: the ${reward.unit} were already spent`,
    };
  },
};
