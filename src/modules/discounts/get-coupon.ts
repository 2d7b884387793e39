import type { DbOrTx } from '../../lib/db/database.js';
import type { CouponDetail } from './discount-types.js';
import { findCoupon, withAmounts } from './find-coupon.js';
import { listPromotionCodes } from './list-promotion-codes.js';

/** A coupon with its amounts and promotion codes. */
export async function getCoupon(db: DbOrTx, id: string): Promise<CouponDetail> {
  const coupon = await withAmounts(db, await findCoupon(db, id));
  return { ...coupon, promotionCodes: await listPromotionCodes(db, id) };
}
