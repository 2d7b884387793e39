import { systemActor } from '../../audit/index.js';
import { getCustomer } from '../../customers/index.js';
import { endRedemption, getCoupon, redeemCoupon } from '../../discounts/index.js';
import { hasPaidInvoice } from '../../invoicing/index.js';
import type { RewardHandler } from '../referral-types.js';

/**
 * A coupon redeemed for the referrer, on their next invoices whatever they are for; taken back by
 * ending the redemption (discounts already on issued invoices stay).
 */
export const couponReward: RewardHandler = {
  async give(tx, _clock, { referrerId, tier, at }) {
    const couponId = tier.couponId ?? '';
    const referrer = await getCustomer(tx, referrerId);
    const redemption = await redeemCoupon(
      tx,
      { customerId: referrer.id, currency: referrer.currency, couponId },
      at,
      { customerHasPaidBefore: await hasPaidInvoice(tx, referrer.id), actor: systemActor },
    );
    const coupon = await getCoupon(tx, couponId);
    return {
      kind: 'coupon',
      couponId,
      redemptionId: redemption.id.toString(),
      description: `Coupon “${coupon.name}” for the referrer`,
    };
  },

  async takeBack(tx, _clock, { reward, at }) {
    if (reward.kind !== 'coupon') throw new Error(`not a coupon reward: ${reward.kind}`);
    const ended = await endRedemption(tx, BigInt(reward.redemptionId), at, systemActor);
    return {
      description: ended
        ? 'The coupon no longer discounts the referrer’s invoices'
        : 'Nothing taken back: the coupon was already used up',
    };
  },
};
