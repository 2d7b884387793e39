import { AppError } from '../../../lib/app-error.js';
import { toDecimalString } from '../../../lib/money.js';
import { creditCustomerBalance, customerBalances, debitCustomerBalance } from '../../balances/index.js';
import { getCustomer } from '../../customers/index.js';
import type { RewardHandler } from '../referral-types.js';

/**
 * Money onto the referrer's balance, in the programme's currency (it must be the one they pay in,
 * or the balance would never pay anything); taken back by debiting what of it is still there.
 */
export const moneyReward: RewardHandler = {
  async give(tx, clock, { referralId, referrerId, rewardUnit, tier, at }) {
    const currency = rewardUnit ?? '';
    const amount = BigInt(tier.amount ?? '0');
    const referrer = await getCustomer(tx, referrerId);
    if (referrer.currency !== currency)
      throw new AppError(
        'conflict',
        `The referrer pays in ${referrer.currency}; the reward is in ${currency}.`,
      );
    const sourceRef = `referral:${referralId}`;
    const description = `${toDecimalString({ amount, currency })} ${currency} for a referral`;
    await creditCustomerBalance(tx, clock, {
      customerId: referrer.id,
      currency,
      amount,
      kind: 'referral.reward',
      description,
      sourceRef,
      at,
    });
    return {
      kind: 'money',
      customerId: referrer.id,
      currency,
      amount: amount.toString(),
      sourceRef,
      description,
    };
  },

  async takeBack(tx, clock, { reward, at }) {
    if (reward.kind !== 'money') throw new Error(`not a money reward: ${reward.kind}`);
    const { currency, customerId } = reward;
    const held =
      (await customerBalances(tx, customerId)).find((balance) => balance.currency === currency)?.balance ??
      0n;
    const given = BigInt(reward.amount);
    const taken = held < given ? held : given;
    if (taken > 0n)
      await debitCustomerBalance(tx, clock, {
        customerId,
        currency,
        amount: taken,
        kind: 'referral.reversed',
        description: 'Referral reward reversed: the payment was refunded',
        sourceRef: `${reward.sourceRef}:reversed`,
        at,
      });
    const shown = (amount: bigint) => `${toDecimalString({ amount, currency })} ${currency}`;
    return {
      description:
        taken > 0n
          ? `${shown(taken)} of ${shown(given)} debited from the referrer's balance`
          : "Nothing taken back: the referrer's balance was already spent",
    };
  },
};
