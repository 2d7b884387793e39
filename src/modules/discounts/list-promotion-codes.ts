import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import type { PromotionCode } from './discount-types.js';
import { promotionCodes } from './schema.js';

/** The promotion codes of a coupon, oldest first. */
export async function listPromotionCodes(db: DbOrTx, couponId: string): Promise<PromotionCode[]> {
  return db
    .select()
    .from(promotionCodes)
    .where(eq(promotionCodes.couponId, couponId))
    .orderBy(asc(promotionCodes.createdAt), asc(promotionCodes.id));
}
