import { eq } from 'drizzle-orm';
import { AppError } from '../../lib/app-error.js';
import { isUuid } from '../../lib/ids.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import type { DiscountsContext } from './context.js';
import type { PromotionCode } from './discount-types.js';
import { promotionCodeSnapshot } from './promotion-code-snapshot.js';
import { promotionCodes } from './schema.js';

/**
 * Stops a promotion code from being redeemed; what it already granted keeps applying. Deactivating
 * an inactive code changes nothing.
 */
export async function deactivatePromotionCode(
  ctx: DiscountsContext,
  id: string,
  actor: Actor,
): Promise<PromotionCode> {
  if (!isUuid(id)) throw new AppError('not_found', 'No such promotion code.');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(promotionCodes).where(eq(promotionCodes.id, id)).for('update');
    if (!before) throw new AppError('not_found', 'No such promotion code.');
    if (!before.active) return before;
    const [after] = await tx
      .update(promotionCodes)
      .set({ active: false, updatedAt: now })
      .where(eq(promotionCodes.id, id))
      .returning();
    if (!after) throw new Error('update returned no row');
    await recordAuditEvent(tx, {
      actor,
      action: 'coupon.promotion_code_deactivated',
      entityType: 'coupon',
      entityId: after.couponId,
      before: promotionCodeSnapshot(before),
      after: promotionCodeSnapshot(after),
      at: now,
    });
    return after;
  });
}
