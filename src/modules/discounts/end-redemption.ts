import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import type { CouponRedemption } from './discount-types.js';
import { couponRedemptions } from './schema.js';

/**
 * Stops a redemption from discounting anything after `at`, in the caller's transaction (a
 * referral reward taken back). Discounts already on invoices stay: those invoices are issued.
 * Answers the redemption, or null when it had already ended (used up, or ended before).
 */
export async function endRedemption(
  tx: DbOrTx,
  redemptionId: bigint,
  at: Date,
  actor: Actor,
): Promise<CouponRedemption | null> {
  const [ended] = await tx
    .update(couponRedemptions)
    .set({ endedAt: at })
    .where(and(eq(couponRedemptions.id, redemptionId), isNull(couponRedemptions.endedAt)))
    .returning();
  if (!ended) return null;
  await recordAuditEvent(tx, {
    actor,
    action: 'coupon.redemption_ended',
    entityType: 'coupon',
    entityId: ended.couponId,
    after: { customer: ended.customerId, redemption: ended.id.toString() },
    at,
  });
  return ended;
}
