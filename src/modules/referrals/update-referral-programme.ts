import { z } from 'zod';
import { AppError, validationError, type FieldErrors } from '../../lib/app-error.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { isCurrency } from '../../lib/money.js';
import { parseInput } from '../../lib/validation.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import { getCoupon } from '../discounts/index.js';
import { isUnit } from '../ledger/index.js';
import type { ReferralsContext } from './context.js';
import { getReferralProgramme } from './referral-programme.js';
import { rewardKinds, type ReferralProgramme, type RewardKind, type StoredTier } from './referral-types.js';
import { referralProgrammes } from './schema.js';

const programmeInput = z.object({
  enabled: z.boolean({ error: 'must be true or false' }),
  rewardKind: z.enum(rewardKinds, { error: 'must be bonus_days, credits, money or coupon' }),
  rewardUnit: z.string().trim().nullish(),
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

/** What each kind's amount is, and its largest sensible value (days as an extension allows). */
const amountRules: Record<Exclude<RewardKind, 'coupon'>, { words: string; max: bigint }> = {
  bonus_days: { words: 'a whole number of days from 1 to 3650', max: 3650n },
  credits: { words: 'a whole number of credits above 0', max: 10n ** 15n },
  money: { words: 'a whole number of minor units above 0', max: 10n ** 15n },
};

/** Tiers with an amount in the kind's terms: whole, above zero, within the kind's maximum. */
function amountTiers(kind: keyof typeof amountRules, tiers: Tiers, errors: FieldErrors): StoredTier[] {
  const rule = amountRules[kind];
  return tiers.map((tier, index) => {
    const text = String(tier.amount ?? '').trim();
    const amount = /^\d{1,16}$/.test(text) ? BigInt(text) : 0n;
    if (amount < 1n || amount > rule.max) errors[`tiers.${index}.amount`] = `must be ${rule.words}`;
    return { months: tier.months, amount: amount.toString() };
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

/** The unit credits and money rewards are counted in; none for the other kinds. */
function rewardUnitOf(
  kind: RewardKind,
  typed: string | null | undefined,
  errors: FieldErrors,
): string | null {
  if (kind === 'credits') {
    if (!typed || !isUnit(typed))
      errors['rewardUnit'] = 'must be a credits unit, e.g. credits or GPU minutes';
    return typed ?? null;
  }
  if (kind === 'money') {
    const currency = (typed ?? '').toUpperCase();
    if (!isCurrency(currency)) errors['rewardUnit'] = 'must be a currency code, e.g. USD';
    return currency;
  }
  return null;
}

/**
 * Saves the programme: whether it is on, the kind of reward (with its unit or currency) and its
 * tiers (sorted by months, no two for the same length). Rewards already given keep what they were.
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
  const rewardUnit = rewardUnitOf(data.rewardKind, data.rewardUnit, errors);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const tiers =
      data.rewardKind === 'coupon'
        ? await couponTiers(tx, data.tiers, errors)
        : amountTiers(data.rewardKind, data.tiers, errors);
    if (Object.keys(errors).length > 0) throw validationError(errors);
    tiers.sort((a, b) => a.months - b.months);
    const before = await getReferralProgramme(tx);
    const after = { enabled: data.enabled, rewardKind: data.rewardKind, rewardUnit, tiers, updatedAt: now };
    await tx
      .insert(referralProgrammes)
      .values({ id: 1, ...after })
      .onConflictDoUpdate({ target: referralProgrammes.id, set: after });
    // The settings only: when they were saved is the audit row's own time.
    const settings = (programme: ReferralProgramme) => ({
      enabled: programme.enabled,
      rewardKind: programme.rewardKind,
      rewardUnit: programme.rewardUnit,
      tiers: programme.tiers,
    });
    await recordAuditEvent(tx, {
      actor,
      action: 'referral_programme.updated',
      entityType: 'referral_programme',
      entityId: 'programme',
      before: settings(before),
      after: settings(after),
      at: now,
    });
    return after;
  });
}
