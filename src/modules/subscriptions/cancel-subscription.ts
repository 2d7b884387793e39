import { z } from 'zod';
import { AppError } from '../../lib/app-error.js';
import { prorate } from './proration.js';
import { recurringAmount } from './recurring-amount.js';
import type { SubscriptionChange } from './subscription-changes.js';
import { eventBody, loadFacts, planOf } from './subscription-facts.js';
import { nextSubscriptionState } from './subscription-states.js';
import { withNextDue, type ChargeLine } from './subscription-step.js';

const cancelInput = z.object({
  when: z
    .enum(['now', 'period_end'], { error: 'must be now or period_end' })
    .default('period_end')
    .describe('period_end keeps access until the paid period ends; now ends it at once'),
  prorate: z
    .boolean({ error: 'must be true or false' })
    .default(false)
    .describe('With when=now: credit the unused part of the paid period'),
});

/**
 * Cancel at the period end (the subscription runs out what was paid, and can be taken back until
 * then) or now, optionally crediting the unused part of the period.
 */
export const cancelSubscription: SubscriptionChange<typeof cancelInput> = {
  input: cancelInput,
  async build(tx, row, input, at) {
    const plan = planOf(await loadFacts(tx, [row]), row.planId);
    if (input.when === 'period_end') {
      if (!['trialing', 'active', 'past_due'].includes(row.state))
        throw new AppError(
          'conflict',
          `Cannot book a cancellation for a subscription that is ${row.state.replace('_', ' ')}.`,
        );
      if (row.cancelAtPeriodEnd)
        throw new AppError('conflict', 'This subscription is already set to cancel at the period end.');
      const after = withNextDue({ ...row, cancelAtPeriodEnd: true, updatedAt: at }, plan);
      return {
        before: row,
        after,
        at,
        charges: [],
        credits: null,
        action: 'cancel_scheduled',
        reason: 'Set to cancel at the period end',
        events: [
          {
            type: 'subscription.cancellation_scheduled',
            payload: { ...eventBody(after), effectiveAt: row.currentPeriodEnd.toISOString() },
          },
        ],
      };
    }
    const state = nextSubscriptionState(row.state, 'cancel');
    const charges: ChargeLine[] = [];
    // Only paid time is credited: a trial cost nothing, and a paused subscription's clock stopped at the pause.
    if (input.prorate && ['active', 'past_due', 'paused'].includes(row.state)) {
      const total = await recurringAmount(tx, row);
      const from = row.state === 'paused' && row.pausedAt ? row.pausedAt : at;
      const period = { start: row.currentPeriodStart, end: row.currentPeriodEnd };
      const unused = prorate(total, period, from, period.end).amount;
      if (unused > 0n)
        charges.push({
          kind: 'cancellation_credit',
          description: 'Unused time after cancellation',
          amount: -unused,
          currency: total.currency,
          periodStart: from,
          periodEnd: period.end,
        });
    }
    const after = withNextDue(
      {
        ...row,
        state,
        canceledAt: at,
        cancelAtPeriodEnd: false,
        pausedAt: null,
        resumeAt: null,
        updatedAt: at,
      },
      plan,
    );
    return {
      before: row,
      after,
      at,
      charges,
      credits: null,
      action: 'cancel',
      reason: 'Canceled',
      events: [
        {
          type: 'subscription.canceled',
          payload: { ...eventBody(after), atPeriodEnd: false, credited: charges.length > 0 },
        },
      ],
    };
  },
};

/** Takes back a cancellation booked for the period end: the subscription renews as before. */
export const undoCancellation: SubscriptionChange<z.ZodObject> = {
  input: z.object({}),
  async build(tx, row, _input, at) {
    if (!row.cancelAtPeriodEnd)
      throw new AppError('conflict', 'This subscription is not set to cancel; there is nothing to undo.');
    const plan = planOf(await loadFacts(tx, [row]), row.planId);
    const after = withNextDue({ ...row, cancelAtPeriodEnd: false, updatedAt: at }, plan);
    return {
      before: row,
      after,
      at,
      charges: [],
      credits: null,
      action: 'cancel_undone',
      reason: 'Cancellation taken back; it renews as before',
      events: [{ type: 'subscription.cancellation_undone', payload: eventBody(after) }],
    };
  },
};
