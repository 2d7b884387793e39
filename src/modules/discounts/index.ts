export type { DiscountsContext } from './context.js';
export {
  couponDurations,
  couponStatuses,
  type ActiveRedemption,
  type Coupon,
  type CouponAmount,
  type CouponDetail,
  type CouponDuration,
  type CouponRedemption,
  type CouponStatus,
  type CouponWithAmounts,
  type PromotionCode,
} from './discount-types.js';
export { percentFromPpm, ppmFromPercent } from './percent.js';
export { type AmountOffInput } from './coupon-fields.js';
export { createCoupon, type CreateCouponInput } from './create-coupon.js';
export { updateCoupon, type UpdateCouponInput } from './update-coupon.js';
export { archiveCoupon } from './archive-coupon.js';
export { getCoupon } from './get-coupon.js';
export { listCoupons, couponSortKeys, type CouponSortKey, type ListCouponsInput } from './list-coupons.js';
export { createPromotionCode, type CreatePromotionCodeInput } from './create-promotion-code.js';
export { deactivatePromotionCode } from './deactivate-promotion-code.js';
export { listPromotionCodes } from './list-promotion-codes.js';
export { listCouponRedemptions } from './list-redemptions.js';
export { redeemCoupon, type RedeemCouponInput, type RedeemCouponOptions } from './redeem-coupon.js';
export { endRedemption } from './end-redemption.js';
export { discountFor, type DiscountTerms } from './discount-for.js';
export { openRedemptionBook, type RedemptionBook } from './redemption-book.js';
