import { and, eq } from 'drizzle-orm';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { DbOrTx } from '../../lib/db/database.js';
import type { Invoice } from '../invoicing/index.js';
import { recordReferralChange } from './record-referral-change.js';
import type { RewardTakenBack } from './referral-types.js';
import { rewardHandlers } from './rewards/reward-handlers.js';
import { referrals } from './schema.js';

/**
 * Takes a referral reward back when the payment that earned it is given back in full (refunded,
 * or moved to the customer's balance): the invoice has nothing paid left. A partial refund keeps
 * the reward — the customer still paid for the plan — and the credit note that gives back the rest
 * reverses it. What was already used (bonus days gone by, discounts on issued invoices) stays used.
 */
export async function reverseRefundedReward(
  tx: DbOrTx,
  clock: Clock,
  event: { invoice: Invoice; refunded: bigint; at: Date },
): Promise<void> {
  const { invoice, refunded, at } = event;
  if (refunded <= 0n || invoice.amountPaid > 0n) return;
  const [referral] = await tx
    .select()
    .from(referrals)
    .where(and(eq(referrals.invoiceId, invoice.id), eq(referrals.status, 'rewarded')))
    .for('update');
  if (!referral?.reward) return;
  const reward = referral.reward;
  let reversal: RewardTakenBack;
  try {
    reversal = await tx.transaction((savepoint) =>
      rewardHandlers[reward.kind].takeBack(savepoint, clock, { reward, at }),
    );
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    reversal = { description: `Nothing taken back: ${error.userMessage}` };
  }
  await recordReferralChange(
    tx,
    referral,
    { status: 'reversed', reversal, reversedAt: at },
    { at, realNow: clock.now() },
  );
}
