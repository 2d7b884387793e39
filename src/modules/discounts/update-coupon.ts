import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { validationError } from '../../lib/app-error.js';
import { parseInput } from '../../lib/validation.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import { couponNameField, limitField, optionalInstantField, windowProblem } from './coupon-fields.js';
import type { DiscountsContext } from './context.js';
import type { CouponWithAmounts } from './discount-types.js';
import { couponSnapshot, findCoupon, withAmounts } from './find-coupon.js';
import { coupons } from './schema.js';

// What it takes off and for how long are fixed: redemptions already made were promised exactly that.
const updateCouponInput = z
  .object({
    name: couponNameField,
    validFrom: optionalInstantField,
    validUntil: optionalInstantField,
    maxRedemptions: limitField,
    perCustomerLimit: limitField,
  })
  .partial();

export type UpdateCouponInput = z.input<typeof updateCouponInput>;

/**
 * Changes a coupon's name, window or limits. The maximum cannot go below the redemptions already
 * made. A change that leaves everything as it was writes and audits nothing.
 */
export async function updateCoupon(
  ctx: DiscountsContext,
  id: string,
  input: UpdateCouponInput,
  actor: Actor,
): Promise<CouponWithAmounts> {
  const data = parseInput(updateCouponInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = await withAmounts(tx, await findCoupon(tx, id, true));
    const next = {
      name: data.name ?? before.name,
      validFrom: data.validFrom === undefined ? before.validFrom : data.validFrom,
      validUntil: data.validUntil === undefined ? before.validUntil : data.validUntil,
      maxRedemptions: data.maxRedemptions === undefined ? before.maxRedemptions : data.maxRedemptions,
      perCustomerLimit: data.perCustomerLimit === undefined ? before.perCustomerLimit : data.perCustomerLimit,
    };
    const window = windowProblem(next.validFrom, next.validUntil);
    if (window) throw validationError({ validUntil: window });
    if (next.maxRedemptions !== null && next.maxRedemptions < before.timesRedeemed)
      throw validationError({
        maxRedemptions: `must be at least ${before.timesRedeemed}, the redemptions already made`,
      });
    const unchanged =
      JSON.stringify(couponSnapshot({ ...before, ...next })) === JSON.stringify(couponSnapshot(before));
    if (unchanged) return before;
    const [after] = await tx
      .update(coupons)
      .set({ ...next, updatedAt: now })
      .where(eq(coupons.id, id))
      .returning();
    if (!after) throw new Error('update returned no row');
    const updated = { ...after, amounts: before.amounts };
    await recordAuditEvent(tx, {
      actor,
      action: 'coupon.updated',
      entityType: 'coupon',
      entityId: id,
      before: couponSnapshot(before),
      after: couponSnapshot(updated),
      at: now,
    });
    return updated;
  });
}
