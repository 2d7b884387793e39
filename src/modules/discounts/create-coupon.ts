import { z } from 'zod';
import { validationError } from '../../lib/app-error.js';
import { parseInput } from '../../lib/validation.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import { assertPlansExist } from './check-plans.js';
import {
  amountOffInput,
  couponNameField,
  durationField,
  durationPeriodsField,
  limitField,
  optionalInstantField,
  percentOffField,
  planIdsField,
  windowProblem,
} from './coupon-fields.js';
import type { DiscountsContext } from './context.js';
import type { CouponWithAmounts } from './discount-types.js';
import { couponSnapshot } from './find-coupon.js';
import { couponAmounts, coupons } from './schema.js';

const createCouponInput = z
  .object({
    name: couponNameField,
    percentOff: percentOffField.nullish(),
    amountsOff: z.array(amountOffInput).max(100, 'at most 100 currencies').nullish(),
    duration: durationField,
    durationPeriods: durationPeriodsField.nullish(),
    planIds: planIdsField.default([]),
    maxRedemptions: limitField.nullish(),
    perCustomerLimit: limitField.nullish(),
    firstTimeOnly: z.boolean({ error: 'must be true or false' }).default(false),
    validFrom: optionalInstantField.nullish(),
    validUntil: optionalInstantField.nullish(),
  })
  .superRefine((data, ctx) => {
    const hasPercent = data.percentOff != null;
    const hasAmounts = (data.amountsOff?.length ?? 0) > 0;
    if (hasPercent === hasAmounts)
      ctx.addIssue({
        code: 'custom',
        path: [hasPercent ? 'amountsOff' : 'percentOff'],
        message: hasPercent
          ? 'must be left out: a coupon takes off a percentage or fixed amounts, not both'
          : 'is required: give a percentage, or fixed amounts per currency (amountsOff)',
      });
    const currencies = (data.amountsOff ?? []).map((amount) => amount.currency);
    const repeated = currencies.find((currency, index) => currencies.indexOf(currency) !== index);
    if (repeated)
      ctx.addIssue({ code: 'custom', path: ['amountsOff'], message: `has ${repeated} more than once` });
    if (data.duration === 'repeating' && data.durationPeriods == null)
      ctx.addIssue({
        code: 'custom',
        path: ['durationPeriods'],
        message: 'is required for a repeating coupon: how many billing periods it applies to',
      });
    if (data.duration !== 'repeating' && data.durationPeriods != null)
      ctx.addIssue({
        code: 'custom',
        path: ['durationPeriods'],
        message: `must be left out for a coupon that applies ${data.duration === 'once' ? 'once' : 'forever'}`,
      });
  });

export type CreateCouponInput = z.input<typeof createCouponInput>;

/**
 * Creates a coupon: a percentage or fixed amounts per currency off, once, for some billing periods
 * or forever, optionally only for some plans, within a window and up to limits of use.
 */
export async function createCoupon(
  ctx: DiscountsContext,
  input: CreateCouponInput,
  actor: Actor,
): Promise<CouponWithAmounts> {
  const data = parseInput(createCouponInput, input);
  const validFrom = data.validFrom ?? null;
  const validUntil = data.validUntil ?? null;
  const window = windowProblem(validFrom, validUntil);
  if (window) throw validationError({ validUntil: window });
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await assertPlansExist(tx, data.planIds);
    const [coupon] = await tx
      .insert(coupons)
      .values({
        name: data.name,
        percentOffPpm: data.percentOff ?? null,
        duration: data.duration,
        durationPeriods: data.durationPeriods ?? null,
        planIds: data.planIds,
        maxRedemptions: data.maxRedemptions ?? null,
        perCustomerLimit: data.perCustomerLimit ?? null,
        firstTimeOnly: data.firstTimeOnly,
        validFrom,
        validUntil,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!coupon) throw new Error('insert returned no row');
    const amounts = data.amountsOff?.length
      ? await tx
          .insert(couponAmounts)
          .values(
            data.amountsOff.map((amount) => ({
              couponId: coupon.id,
              currency: amount.currency,
              amountOff: amount.amount,
            })),
          )
          .returning()
      : [];
    const created = { ...coupon, amounts: amounts.sort((a, b) => a.currency.localeCompare(b.currency)) };
    await recordAuditEvent(tx, {
      actor,
      action: 'coupon.created',
      entityType: 'coupon',
      entityId: coupon.id,
      after: couponSnapshot(created),
      at: now,
    });
    return created;
  });
}
