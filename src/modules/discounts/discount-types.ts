import type { couponAmounts, couponRedemptions, coupons, promotionCodes } from './schema.js';

export type Coupon = typeof coupons.$inferSelect;
export type CouponAmount = typeof couponAmounts.$inferSelect;
export type PromotionCode = typeof promotionCodes.$inferSelect;
export type CouponRedemption = typeof couponRedemptions.$inferSelect;

/** A coupon with its fixed amount in each currency (none for a percentage coupon). */
export interface CouponWithAmounts extends Coupon {
  amounts: CouponAmount[];
}

/** A coupon with its amounts and every promotion code that grants it. */
export interface CouponDetail extends CouponWithAmounts {
  promotionCodes: PromotionCode[];
}

/** A redemption that still takes money off invoices, with the coupon it applies. */
export interface ActiveRedemption extends CouponRedemption {
  coupon: CouponWithAmounts;
}

export const couponDurations = ['once', 'repeating', 'forever'] as const;
export type CouponDuration = (typeof couponDurations)[number];

export const couponStatuses = ['active', 'archived', 'expired'] as const;
export type CouponStatus = (typeof couponStatuses)[number];
