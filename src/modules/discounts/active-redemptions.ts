import { and, eq, gt, isNull, lte, or } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import type { ActiveRedemption } from './discount-types.js';
import { amountsOfCoupons } from './find-coupon.js';
import { couponRedemptions, coupons } from './schema.js';

/**
 * The redemptions that still take money off a subscription's invoice at `at`: those made for it or
 * for the customer's next invoice, not ended and with periods left (or forever), oldest first.
 * The coupon's own window and archiving no longer matter once it was redeemed.
 */
export async function activeRedemptions(
  db: DbOrTx,
  scope: { customerId: string; subscriptionId: string },
  at: Date,
): Promise<ActiveRedemption[]> {
  const rows = await db
    .select({ redemption: couponRedemptions, coupon: coupons })
    .from(couponRedemptions)
    .innerJoin(coupons, eq(coupons.id, couponRedemptions.couponId))
    .where(
      and(
        eq(couponRedemptions.customerId, scope.customerId),
        or(
          eq(couponRedemptions.subscriptionId, scope.subscriptionId),
          isNull(couponRedemptions.subscriptionId),
        ),
        lte(couponRedemptions.redeemedAt, at),
        or(isNull(couponRedemptions.endedAt), gt(couponRedemptions.endedAt, at)),
        or(isNull(couponRedemptions.periodsLeft), gt(couponRedemptions.periodsLeft, 0)),
      ),
    )
    .orderBy(couponRedemptions.id);
  const amounts = await amountsOfCoupons(db, [...new Set(rows.map((row) => row.coupon.id))]);
  return rows.map(({ redemption, coupon }) => ({
    ...redemption,
    coupon: { ...coupon, amounts: amounts.get(coupon.id) ?? [] },
  }));
}
