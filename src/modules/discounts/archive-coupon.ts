import { eq } from 'drizzle-orm';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import type { DiscountsContext } from './context.js';
import type { CouponWithAmounts } from './discount-types.js';
import { couponSnapshot, findCoupon, withAmounts } from './find-coupon.js';
import { coupons } from './schema.js';

/**
 * Archives (or restores) a coupon: no new redemptions, while those already made keep applying.
 * Coupons are never deleted, because redemptions and invoices point at them.
 */
export async function archiveCoupon(
  ctx: DiscountsContext,
  id: string,
  archived: boolean,
  actor: Actor,
): Promise<CouponWithAmounts> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = await withAmounts(tx, await findCoupon(tx, id, true));
    if ((before.archivedAt !== null) === archived) return before;
    const [after] = await tx
      .update(coupons)
      .set({ archivedAt: archived ? now : null, updatedAt: now })
      .where(eq(coupons.id, id))
      .returning();
    if (!after) throw new Error('update returned no row');
    const changed = { ...after, amounts: before.amounts };
    await recordAuditEvent(tx, {
      actor,
      action: archived ? 'coupon.archived' : 'coupon.restored',
      entityType: 'coupon',
      entityId: id,
      before: couponSnapshot(before),
      after: couponSnapshot(changed),
      at: now,
    });
    return changed;
  });
}
