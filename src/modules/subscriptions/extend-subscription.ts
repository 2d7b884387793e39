import { z } from 'zod';
import { AppError } from '../../lib/app-error.js';
import { localDaysLater } from './billing-period.js';
import type { SubscriptionChange } from './subscription-changes.js';
import { eventBody, loadFacts, planOf } from './subscription-facts.js';
import { withNextDue } from './subscription-step.js';

const extendInput = z.object({
  days: z.coerce
    .number({ error: 'must be a whole number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be at least 1')
    .max(3650, 'must be at most 3650'),
});

/**
 * Free time, for support gestures and referral rewards: the current period (or trial) ends `days`
 * calendar days later in the customer's zone, at no charge, and later periods follow from there.
 */
export const extendSubscription: SubscriptionChange<typeof extendInput> = {
  input: extendInput,
  async build(tx, row, input, at) {
    if (!['trialing', 'active', 'past_due', 'paused'].includes(row.state))
      throw new AppError('conflict', `Cannot extend a subscription that is ${row.state.replace('_', ' ')}.`);
    const plan = planOf(await loadFacts(tx, [row]), row.planId);
    const end = localDaysLater(row.currentPeriodEnd, row.timeZone, input.days);
    const after = withNextDue(
      {
        ...row,
        currentPeriodEnd: end,
        // The billing schedule restarts at the new end, so the next period is a whole one again.
        anchorAt: end,
        trialEndsAt: row.state === 'trialing' ? end : row.trialEndsAt,
        updatedAt: at,
      },
      plan,
    );
    return {
      before: row,
      after,
      at,
      charges: [],
      credits: null,
      action: 'extended',
      reason: `Extended by ${input.days} day${input.days === 1 ? '' : 's'}`,
      events: [
        {
          type: 'subscription.extended',
          payload: {
            ...eventBody(after),
            days: input.days,
            previousPeriodEnd: row.currentPeriodEnd.toISOString(),
          },
        },
      ],
    };
  },
};
