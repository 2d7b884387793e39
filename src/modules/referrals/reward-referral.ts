import { and, eq } from 'drizzle-orm';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { plansByIds } from '../catalog/index.js';
import type { Invoice } from '../invoicing/index.js';
import { getSubscription } from '../subscriptions/index.js';
import { recordReferralChange } from './record-referral-change.js';
import { getReferralProgramme } from './referral-programme.js';
import type { Referral, RewardGiven } from './referral-types.js';
import { rewardHandlers } from './rewards/reward-handlers.js';
import { referrals } from './schema.js';
import { planMonths, tierFor } from './tiers.js';

/**
 * The length, in months, of the plan an invoice was for: its subscription's plan's billing
 * interval. The interval is what the customer chose to buy; the invoice lines' dates would give
 * the same answer only after calendar arithmetic (a "month" is 28 to 31 days).
 */
async function monthsBought(tx: DbOrTx, subscriptionId: string): Promise<number> {
  const subscription = await getSubscription(tx, subscriptionId);
  const plan = (await plansByIds(tx, [subscription.planId])).get(subscription.planId);
  return plan ? planMonths(plan) : 0;
}

type Settlement = { status: 'rewarded'; reward: RewardGiven } | { status: 'skipped'; note: string };

async function settle(
  tx: DbOrTx,
  clock: Clock,
  referral: Referral,
  months: number,
  at: Date,
): Promise<Settlement> {
  const programme = await getReferralProgramme(tx);
  if (!programme.enabled) return { status: 'skipped', note: 'The referral programme was switched off.' };
  const tier = tierFor(programme.tiers, months);
  if (!tier)
    return { status: 'skipped', note: `A plan of ${months} months is shorter than every reward tier.` };
  try {
    // In a savepoint: a reward that cannot be given must not stop the invoice being paid.
    const reward = await tx.transaction((savepoint) =>
      rewardHandlers[programme.rewardKind].give(savepoint, clock, {
        referralId: referral.id,
        referrerId: referral.referrerId,
        rewardUnit: programme.rewardUnit,
        tier,
        at,
      }),
    );
    return { status: 'rewarded', reward };
  } catch (error) {
    if (error instanceof AppError) return { status: 'skipped', note: error.userMessage };
    throw error;
  }
}

/**
 * Rewards the referrer when a referred customer's first subscription invoice is paid, once: the
 * referral leaves `pending` for good (rewarded, or skipped with the reason). One-off invoices do
 * not count (nothing was bought that a tier could measure) and leave the referral pending.
 */
export async function rewardFirstPayment(
  tx: DbOrTx,
  clock: Clock,
  event: { invoice: Invoice; at: Date },
): Promise<void> {
  const { invoice, at } = event;
  if (!invoice.subscriptionId) return;
  const [referral] = await tx
    .select()
    .from(referrals)
    .where(and(eq(referrals.referredId, invoice.customerId), eq(referrals.status, 'pending')))
    .for('update');
  if (!referral) return;
  const months = await monthsBought(tx, invoice.subscriptionId);
  const outcome = await settle(tx, clock, referral, months, at);
  await recordReferralChange(
    tx,
    referral,
    {
      status: outcome.status,
      invoiceId: invoice.id,
      planMonths: months,
      reward: outcome.status === 'rewarded' ? outcome.reward : null,
      note: outcome.status === 'skipped' ? outcome.note : '',
      settledAt: at,
    },
    { at, realNow: clock.now() },
  );
}
