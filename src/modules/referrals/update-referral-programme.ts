import { z } from 'zod';
import { AppError, validationError, type FieldErrors } from '../../lib/app-error.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { parseInput } from '../../lib/validation.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import { getCoupon } from '../discounts/index.js';
import type { ReferralsContext } from './context.js';
import { getReferralProgramme } from './referral-programme.js';
import { rewardKinds, type ReferralProgramme, type StoredTier } from './referral-types.js';
import { referralProgrammes } from './schema.js';

const programmeInput = z.object({
  enabled: z.boolean({ error: 'must be true or false' }),
  rewardKind: z.enum(rewardKinds, { error: 'must be bonus_days or coupon' }),
  tiers: z
    .array(
      z.object({
        months: z.coerce
          .number({ error: 'must be a whole number of months' })
          .int('must be a whole number of months')
          .min(1, 'must be at least 1')
          .max(120, 'must be at most 120'),
        amount: z.union([z.number(), z.string()]).optional(),
        couponId: z.string().trim().optional(),
      }),
      { error: 'must be a list of tiers' },
    )
    .min(1, 'needs at least one tier')
    .max(12, 'at most 12 tiers'),
});

export type ReferralProgrammeInput = z.input<typeof programmeInput>;
type Tiers = z.infer<typeof programmeInput>['tiers'];

/** Bonus days: a whole number of days per tier, as an extension allows. */
function dayTiers(tiers: Tiers, errors: FieldErrors): StoredTier[] {
  return tiers.map((tier, index) => {
    const text = String(tier.amount ?? '').trim();
    const days = Number(text);
    if (!/^\d+$/.test(text) || days < 1 || days > 3650)
      errors[`tiers.${index}.amount`] = 'must be a whole number of days from 1 to 3650';
    return { months: tier.months, amount: String(days) };
  });
}

/** Coupons: one per tier, live and not limited to some plans (the referrer may be on any plan). */
async function couponTiers(db: DbOrTx, tiers: Tiers, errors: FieldErrors): Promise<StoredTier[]> {
  const stored: StoredTier[] = [];
  for (const [index, tier] of tiers.entries()) {
    const field = `tiers.${index}.couponId`;
    const couponId = tier.couponId ?? '';
    const coupon = await getCoupon(db, couponId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'not_found') return null;
      throw error;
    });
    if (!coupon) errors[field] = 'is not a coupon';
    else if (coupon.archivedAt) errors[field] = 'is archived';
    else if (coupon.planIds.length > 0) errors[field] = 'is limited to some plans: choose one for any plan';
    stored.push({ months: tier.months, couponId });
  }
  return stored;
}

/**
 * Saves the programme: whether it is on, the kind of reward and its tiers (sorted by months, no
 * two for the same length). Rewards already given keep what they were.
 */
export async function updateReferralProgramme(
  ctx: ReferralsContext,
  input: ReferralProgrammeInput,
  actor: Actor,
): Promise<ReferralProgramme> {
  const data = parseInput(programmeInput, input);
  const errors: FieldErrors = {};
  const seen = new Set<number>();
  for (const [index, tier] of data.tiers.entries()) {
    if (seen.has(tier.months))
      errors[`tiers.${index}.months`] = 'is already a tier: one tier per plan length';
    seen.add(tier.months);
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const tiers =
      data.rewardKind === 'bonus_days'
        ? dayTiers(data.tiers, errors)
        : await couponTiers(tx, data.tiers, errors);
    if (Object.keys(errors).length > 0) throw validationError(errors);
    tiers.sort((a, b) => a.months - b.months);
    const before = await getReferralProgramme(tx);
    const values = { enabled: data.enabled, rewardKind: data.rewardKind, tiers, updatedAt: now };
    await tx
      .insert(referralProgrammes)
      .values({ id: 1, ...values })
      .onConflictDoUpdate({ target: referralProgrammes.id, set: values });
    const after = { ...values };
    await recordAuditEvent(tx, {
      actor,
      action: 'referral_programme.updated',
      entityType: 'referral_programme',
      entityId: 'programme',
      before: { enabled: before.enabled, rewardKind: before.rewardKind, tiers: before.tiers },
      after: { enabled: after.enabled, rewardKind: after.rewardKind, tiers: after.tiers },
      at: now,
    });
    return after;
  });
}
