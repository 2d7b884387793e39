import { z } from 'zod';
import {
  couponDurations,
  percentFromPpm,
  type CouponDetail,
  type CouponRedemption,
  type CouponWithAmounts,
  type PromotionCode,
} from '../../../modules/discounts/index.js';

const limit = (what: string) => z.number().int().nullable().describe(`${what}; null: no limit`);

export const couponJson = z
  .object({
    id: z.uuid(),
    name: z.string(),
    percentOff: z
      .string()
      .nullable()
      .describe('The percentage off as exact decimal text, e.g. "12.5"; null for a fixed-amount coupon'),
    amountsOff: z
      .array(z.object({ currency: z.string(), amount: z.number().int().describe('Minor units') }))
      .describe('The amount off in each currency; empty for a percentage coupon'),
    duration: z
      .enum(couponDurations)
      .describe('once: one invoice; repeating: durationPeriods periods; forever'),
    durationPeriods: z.number().int().nullable(),
    planIds: z.array(z.uuid()).describe('Only for these plans; empty: any plan'),
    maxRedemptions: limit('Redemptions in all'),
    perCustomerLimit: limit('Redemptions per customer'),
    firstTimeOnly: z.boolean(),
    validFrom: z.string().nullable(),
    validUntil: z.string().nullable(),
    timesRedeemed: z.number().int(),
    archived: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'Coupon' });

export const promotionCodeJson = z
  .object({
    id: z.uuid(),
    couponId: z.uuid(),
    code: z.string(),
    active: z.boolean(),
    maxRedemptions: limit('Redemptions of this code in all'),
    perCustomerLimit: limit('Redemptions of this code per customer'),
    firstTimeOnly: z.boolean(),
    expiresAt: z.string().nullable(),
    timesRedeemed: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'PromotionCode' });

export const couponDetailJson = couponJson
  .extend({ promotionCodes: z.array(promotionCodeJson) })
  .meta({ id: 'CouponDetail' });

export const redemptionJson = z
  .object({
    id: z.string().describe('A sequence number, as text'),
    couponId: z.uuid(),
    promotionCodeId: z.uuid().nullable(),
    customerId: z.uuid(),
    subscriptionId: z.uuid().nullable(),
    periodsLeft: z.number().int().nullable().describe('Billing periods it still applies to; null: forever'),
    redeemedAt: z.string(),
    endedAt: z.string().nullable(),
  })
  .meta({ id: 'CouponRedemption' });

export function toCouponJson(coupon: CouponWithAmounts): z.infer<typeof couponJson> {
  return {
    id: coupon.id,
    name: coupon.name,
    percentOff: coupon.percentOffPpm === null ? null : percentFromPpm(coupon.percentOffPpm),
    amountsOff: coupon.amounts.map((amount) => ({
      currency: amount.currency,
      amount: Number(amount.amountOff),
    })),
    duration: coupon.duration,
    durationPeriods: coupon.durationPeriods,
    planIds: coupon.planIds,
    maxRedemptions: coupon.maxRedemptions,
    perCustomerLimit: coupon.perCustomerLimit,
    firstTimeOnly: coupon.firstTimeOnly,
    validFrom: coupon.validFrom?.toISOString() ?? null,
    validUntil: coupon.validUntil?.toISOString() ?? null,
    timesRedeemed: coupon.timesRedeemed,
    archived: coupon.archivedAt !== null,
    createdAt: coupon.createdAt.toISOString(),
  };
}

export function toPromotionCodeJson(code: PromotionCode): z.infer<typeof promotionCodeJson> {
  return {
    id: code.id,
    couponId: code.couponId,
    code: code.code,
    active: code.active,
    maxRedemptions: code.maxRedemptions,
    perCustomerLimit: code.perCustomerLimit,
    firstTimeOnly: code.firstTimeOnly,
    expiresAt: code.expiresAt?.toISOString() ?? null,
    timesRedeemed: code.timesRedeemed,
    createdAt: code.createdAt.toISOString(),
  };
}

export function toCouponDetailJson(coupon: CouponDetail): z.infer<typeof couponDetailJson> {
  return { ...toCouponJson(coupon), promotionCodes: coupon.promotionCodes.map(toPromotionCodeJson) };
}

export function toRedemptionJson(redemption: CouponRedemption): z.infer<typeof redemptionJson> {
  return {
    id: redemption.id.toString(),
    couponId: redemption.couponId,
    promotionCodeId: redemption.promotionCodeId,
    customerId: redemption.customerId,
    subscriptionId: redemption.subscriptionId,
    periodsLeft: redemption.periodsLeft,
    redeemedAt: redemption.redeemedAt.toISOString(),
    endedAt: redemption.endedAt?.toISOString() ?? null,
  };
}
