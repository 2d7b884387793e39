import { and, count, eq, sql } from 'drizzle-orm';
import { AppError, validationError } from '../../lib/app-error.js';
import type { Tx } from '../../lib/db/database.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import type { Coupon, CouponRedemption, PromotionCode } from './discount-types.js';
import { findCoupon, withAmounts } from './find-coupon.js';
import { couponRedemptions, coupons, promotionCodes } from './schema.js';

export interface RedeemCouponInput {
  customerId: string;
  /** The subscription it discounts; none: the customer's next invoice, whatever it is for. */
  subscriptionId?: string | null | undefined;
  /** The plan it is used with, for coupons limited to some plans. */
  planId?: string | null | undefined;
  currency: string;
  /** A promotion code as the customer typed it (case does not matter) … */
  code?: string | undefined;
  /** … or the coupon itself, as staff grant it. */
  couponId?: string | undefined;
}

export interface RedeemCouponOptions {
  /** Whether the customer has paid for anything before; first-time-only coupons and codes refuse them. */
  customerHasPaidBefore: boolean;
  actor: Actor;
}

const when = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** The promotion code typed, case-insensitively; a refusal on `code` when there is none. */
async function findPromotionCode(tx: Tx, typed: string): Promise<PromotionCode> {
  const [code] = await tx
    .select()
    .from(promotionCodes)
    .where(sql`lower(${promotionCodes.code}) = lower(${typed.trim()})`);
  if (!code)
    throw validationError({ code: 'is not a promotion code' }, 'This promotion code does not exist.');
  return code;
}

async function redemptionsBy(tx: Tx, customerId: string, where: ReturnType<typeof eq>): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(couponRedemptions)
    .where(and(eq(couponRedemptions.customerId, customerId), where));
  return row?.n ?? 0;
}

/**
 * Redeems a coupon (directly, or through a promotion code) for a customer, inside the caller's
 * transaction. Every refusal is a validation error on the field that named it (`code` or
 * `couponId`). The use counters are raised by conditional UPDATEs, so concurrent redemptions can
 * never take more than the maximum: the last one is used exactly once.
 */
export async function redeemCoupon(
  tx: Tx,
  input: RedeemCouponInput,
  at: Date,
  options: RedeemCouponOptions,
): Promise<CouponRedemption> {
  if ((input.code === undefined) === (input.couponId === undefined))
    throw validationError({ code: 'is required: give a promotion code or a coupon id (not both)' });
  const field = input.code === undefined ? 'couponId' : 'code';
  const refuse = (reason: string, message: string) => validationError({ [field]: reason }, message);

  let promotionCode: PromotionCode | undefined;
  let coupon: Coupon;
  if (input.code !== undefined) {
    promotionCode = await findPromotionCode(tx, input.code);
    if (!promotionCode.active)
      throw refuse('is no longer active', 'This promotion code is no longer active.');
    if (promotionCode.expiresAt && promotionCode.expiresAt <= at)
      throw refuse(`expired on ${when(promotionCode.expiresAt)}`, 'This promotion code has expired.');
    coupon = await findCoupon(tx, promotionCode.couponId);
  } else {
    coupon = await findCoupon(tx, input.couponId ?? '').catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'not_found')
        throw refuse('is not a coupon', 'This coupon does not exist.');
      throw error;
    });
  }
  const couponWithAmounts = await withAmounts(tx, coupon);

  if (coupon.archivedAt)
    throw refuse('is for a coupon that is archived', 'This coupon is no longer offered.');
  if (coupon.validFrom && coupon.validFrom > at)
    throw refuse(`is not valid before ${when(coupon.validFrom)}`, 'This coupon is not valid yet.');
  if (coupon.validUntil && coupon.validUntil <= at)
    throw refuse(`expired on ${when(coupon.validUntil)}`, 'This coupon has expired.');
  if (coupon.planIds.length > 0 && !(input.planId && coupon.planIds.includes(input.planId)))
    throw refuse(
      input.planId
        ? 'does not apply to this plan'
        : 'applies to some plans only: redeem it on a subscription',
      'This coupon does not apply here.',
    );
  if (
    coupon.percentOffPpm === null &&
    !couponWithAmounts.amounts.some((amount) => amount.currency === input.currency)
  )
    throw refuse(`has no ${input.currency} amount`, `This coupon cannot be used in ${input.currency}.`);
  if ((coupon.firstTimeOnly || promotionCode?.firstTimeOnly) && options.customerHasPaidBefore)
    throw refuse('is for first-time customers only', 'This offer is for first-time customers only.');

  // One redemption at a time per customer and coupon, so the per-customer limits hold under races too.
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`coupon-redemption:${input.customerId}:${coupon.id}`}, 0))`,
  );
  const limitReached = () =>
    refuse('has reached its limit for this customer', 'This customer has already used this offer.');
  if (
    coupon.perCustomerLimit !== null &&
    (await redemptionsBy(tx, input.customerId, eq(couponRedemptions.couponId, coupon.id))) >=
      coupon.perCustomerLimit
  )
    throw limitReached();
  if (
    promotionCode?.perCustomerLimit != null &&
    (await redemptionsBy(tx, input.customerId, eq(couponRedemptions.promotionCodeId, promotionCode.id))) >=
      promotionCode.perCustomerLimit
  )
    throw limitReached();

  const exhausted = () => refuse('has been used up', 'This offer has been used up.');
  if (promotionCode) {
    const [raised] = await tx
      .update(promotionCodes)
      .set({ timesRedeemed: sql`${promotionCodes.timesRedeemed} + 1` })
      .where(
        and(
          eq(promotionCodes.id, promotionCode.id),
          sql`(${promotionCodes.maxRedemptions} is null or ${promotionCodes.timesRedeemed} < ${promotionCodes.maxRedemptions})`,
        ),
      )
      .returning({ id: promotionCodes.id });
    if (!raised) throw exhausted();
  }
  const [raised] = await tx
    .update(coupons)
    .set({ timesRedeemed: sql`${coupons.timesRedeemed} + 1` })
    .where(
      and(
        eq(coupons.id, coupon.id),
        sql`(${coupons.maxRedemptions} is null or ${coupons.timesRedeemed} < ${coupons.maxRedemptions})`,
      ),
    )
    .returning({ id: coupons.id });
  if (!raised) throw exhausted();

  const periodsLeft =
    coupon.duration === 'forever' ? null : coupon.duration === 'once' ? 1 : coupon.durationPeriods;
  const [redemption] = await tx
    .insert(couponRedemptions)
    .values({
      couponId: coupon.id,
      promotionCodeId: promotionCode?.id ?? null,
      customerId: input.customerId,
      subscriptionId: input.subscriptionId ?? null,
      periodsLeft,
      redeemedAt: at,
    })
    .returning();
  if (!redemption) throw new AppError('internal', 'The redemption was not saved.');
  await recordAuditEvent(tx, {
    actor: options.actor,
    action: 'coupon.redeemed',
    entityType: 'coupon',
    entityId: coupon.id,
    after: {
      customer: input.customerId,
      subscription: input.subscriptionId ?? null,
      code: promotionCode?.code ?? null,
      periodsLeft,
    },
    at,
  });
  return redemption;
}
