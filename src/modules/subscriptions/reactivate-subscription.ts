import { and, eq, gte } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../lib/app-error.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { periodContaining } from './billing-period.js';
import { recurringAmount } from './recurring-amount.js';
import { subscriptionCharges } from './schema.js';
import type { SubscriptionChange } from './subscription-changes.js';
import { eventBody, intervalOf, loadFacts, planOf } from './subscription-facts.js';
import { dueAtOf, withNextDue, type ChargeLine } from './subscription-step.js';
import type { Subscription } from './subscription-types.js';

/** Whether the unused time of the canceled period was credited back when it was canceled. */
async function creditedOnCancel(tx: DbOrTx, row: Subscription): Promise<boolean> {
  if (!row.canceledAt) return false;
  const [credit] = await tx
    .select({ id: subscriptionCharges.id })
    .from(subscriptionCharges)
    .where(
      and(
        eq(subscriptionCharges.subscriptionId, row.id),
        eq(subscriptionCharges.kind, 'cancellation_credit'),
        gte(subscriptionCharges.createdAt, row.canceledAt),
      ),
    )
    .limit(1);
  return credit !== undefined;
}

/**
 * Takes a canceled subscription back within the plan's grace window. If the paid period has not
 * run out and was not credited, it simply continues; otherwise a new period starts now, billed in full.
 */
export const reactivateSubscription: SubscriptionChange<z.ZodObject> = {
  input: z.object({}),
  async build(tx, row, _input, at) {
    if (row.state !== 'canceled')
      throw new AppError(
        'conflict',
        `Cannot reactivate a subscription that is ${row.state.replace('_', ' ')}.`,
      );
    const plan = planOf(await loadFacts(tx, [row]), row.planId);
    const windowEnd = dueAtOf(row, plan.reactivationGraceDays);
    if (!windowEnd || at >= windowEnd)
      throw new AppError(
        'conflict',
        'The window to reactivate this subscription has closed; start a new one.',
      );

    const charges: ChargeLine[] = [];
    // A trial canceled and taken back before it would have ended is still a trial.
    const inTrial = row.trialEndsAt !== null && row.trialEndsAt.getTime() === row.currentPeriodEnd.getTime();
    let next: Subscription = { ...row, state: 'active', canceledAt: null, updatedAt: at };
    if (inTrial && at < row.currentPeriodEnd) {
      next = { ...next, state: 'trialing' };
    } else if (at >= row.currentPeriodEnd || (await creditedOnCancel(tx, row))) {
      const period = periodContaining({ at, timeZone: row.timeZone }, intervalOf(plan), at);
      const total = await recurringAmount(tx, row);
      charges.push({
        kind: 'period_charge',
        description: `${plan.name} × ${row.quantity}`,
        amount: total.amount,
        currency: total.currency,
        periodStart: period.start,
        periodEnd: period.end,
      });
      next = { ...next, anchorAt: at, currentPeriodStart: period.start, currentPeriodEnd: period.end };
    }
    const after = withNextDue(next, plan);
    return {
      before: row,
      after,
      at,
      charges,
      credits: null,
      action: 'reactivate',
      reason: charges.length > 0 ? 'Reactivated with a new period' : 'Reactivated; the paid period continues',
      events: [{ type: 'subscription.reactivated', payload: eventBody(after) }],
    };
  },
};
