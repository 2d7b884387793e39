import { and, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../lib/db/database.js';
import type { CouponRedemption } from './discount-types.js';
import { couponRedemptions } from './schema.js';

/**
 * Uses up one billing period of each counted redemption (once per invoice): periods left go down
 * by one, and a redemption that reaches zero ends at `at`. Forever redemptions (no count) and
 * ended ones are left alone. Returns the rows it changed.
 */
export async function consumeRedemptionPeriod(
  tx: Tx,
  redemptionIds: bigint[],
  at: Date,
): Promise<CouponRedemption[]> {
  if (redemptionIds.length === 0) return [];
  return tx
    .update(couponRedemptions)
    .set({
      periodsLeft: sql`${couponRedemptions.periodsLeft} - 1`,
      endedAt: sql`case when ${couponRedemptions.periodsLeft} = 1 then ${at.toISOString()}::timestamptz else null end`,
    })
    .where(
      and(
        inArray(couponRedemptions.id, redemptionIds),
        isNotNull(couponRedemptions.periodsLeft),
        gt(couponRedemptions.periodsLeft, 0),
        isNull(couponRedemptions.endedAt),
      ),
    )
    .returning();
}
