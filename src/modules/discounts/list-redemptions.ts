import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import type { CouponRedemption } from './discount-types.js';
import { couponRedemptions } from './schema.js';

/** The latest redemptions of a coupon, newest first (at most `limit`). */
export async function listCouponRedemptions(
  db: DbOrTx,
  couponId: string,
  limit = 100,
): Promise<CouponRedemption[]> {
  return db
    .select()
    .from(couponRedemptions)
    .where(eq(couponRedemptions.couponId, couponId))
    .orderBy(desc(couponRedemptions.id))
    .limit(limit);
}
