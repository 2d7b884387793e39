import { z } from 'zod';
import { AppError } from '../../lib/app-error.js';
import { parseInput } from '../../lib/validation.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import { limitField, optionalInstantField } from './coupon-fields.js';
import type { DiscountsContext } from './context.js';
import type { PromotionCode } from './discount-types.js';
import { findCoupon } from './find-coupon.js';
import { promotionCodeSnapshot } from './promotion-code-snapshot.js';
import { promotionCodes } from './schema.js';

const createPromotionCodeInput = z.object({
  // Kept as typed; uniqueness and redemption ignore case, so SUMMER and summer are one code.
  code: z
    .string({ error: 'is required' })
    .trim()
    .regex(/^[A-Za-z0-9_-]{3,40}$/, 'must be 3–40 letters, digits, - or _'),
  maxRedemptions: limitField.nullish(),
  perCustomerLimit: limitField.nullish(),
  firstTimeOnly: z.boolean({ error: 'must be true or false' }).default(false),
  expiresAt: optionalInstantField.nullish(),
  active: z.boolean({ error: 'must be true or false' }).default(true),
});

export type CreatePromotionCodeInput = z.input<typeof createPromotionCodeInput>;

/** Adds a code customers can type to get a coupon, with limits of its own on top of the coupon's. */
export async function createPromotionCode(
  ctx: DiscountsContext,
  couponId: string,
  input: CreatePromotionCodeInput,
  actor: Actor,
): Promise<PromotionCode> {
  const data = parseInput(createPromotionCodeInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const coupon = await findCoupon(tx, couponId);
    if (coupon.archivedAt)
      throw new AppError('conflict', 'This coupon is archived; restore it before adding codes.');
    const [code] = await tx
      .insert(promotionCodes)
      .values({
        couponId,
        code: data.code,
        active: data.active,
        maxRedemptions: data.maxRedemptions ?? null,
        perCustomerLimit: data.perCustomerLimit ?? null,
        firstTimeOnly: data.firstTimeOnly,
        expiresAt: data.expiresAt ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing() // the only unique key a new code can clash on is the code itself
      .returning();
    if (!code)
      throw new AppError('conflict', 'Another promotion code is already this code.', {
        fields: { code: 'is already in use (codes ignore upper and lower case)' },
      });
    await recordAuditEvent(tx, {
      actor,
      action: 'coupon.promotion_code_created',
      entityType: 'coupon',
      entityId: couponId,
      after: promotionCodeSnapshot(code),
      at: now,
    });
    return code;
  });
}
