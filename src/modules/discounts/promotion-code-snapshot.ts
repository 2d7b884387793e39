import type { PromotionCode } from './discount-types.js';

/** What the audit log keeps of a promotion code (on its coupon's record). */
export function promotionCodeSnapshot(code: PromotionCode) {
  return {
    code: code.code,
    active: code.active,
    maxRedemptions: code.maxRedemptions,
    perCustomerLimit: code.perCustomerLimit,
    firstTimeOnly: code.firstTimeOnly,
    expiresAt: code.expiresAt?.toISOString() ?? null,
  };
}
