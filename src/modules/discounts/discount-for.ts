import { roundHalfEven } from '../subscriptions/index.js';
import type { CouponAmount } from './discount-types.js';
import { wholePpm } from './percent.js';

/** What the arithmetic needs of a coupon: its percentage, or its fixed amounts per currency. */
export interface DiscountTerms {
  percentOffPpm: number | null;
  amounts: Pick<CouponAmount, 'currency' | 'amountOff'>[];
}

/**
 * The discount a coupon gives on a subtotal, in minor units of `currency`: a percentage rounded
 * half to even, or the fixed amount in that currency (none: 0). Never more than the subtotal and
 * never negative, so a 10 EUR coupon on a 6 EUR invoice takes off 6.
 */
export function discountFor(coupon: DiscountTerms, currency: string, subtotal: bigint): bigint {
  if (subtotal <= 0n) return 0n;
  const off =
    coupon.percentOffPpm !== null
      ? roundHalfEven(subtotal * BigInt(coupon.percentOffPpm), BigInt(wholePpm))
      : (coupon.amounts.find((amount) => amount.currency === currency)?.amountOff ?? 0n);
  if (off < 0n) return 0n;
  return off > subtotal ? subtotal : off;
}
