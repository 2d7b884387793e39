import { z } from 'zod';
import { AppError } from '../../lib/app-error.js';
import { localDaysLater } from './billing-period.js';
import type { SubscriptionChange } from './subscription-changes.js';
import { eventBody, loadFacts, planOf } from './subscription-facts.js';
import { withNextDue } from './subscription-step.js';

const shortenInput = z.object({
  days: z.coerce
    .number({ error: 'must be a whole number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be at least 1')
    .max(3650, 'must be at most 3650'),
});

/**
 * Takes free time back (an extension given in error, a referral reward whose payment was
 * refunded): the current period (or trial) ends `days` calendar days earlier in the customer's
 * zone, but never before now, since time already used cannot be returned. A period cut down to now
 * is due at once and renews (or converts) on the next bill run, as if it had simply ended.
 */
export const shortenSubscription: SubscriptionChange<typeof shortenInput> = {
  input: shortenInput,
  async build(tx, row, input, at) {
    if (!['trialing', 'active', 'past_due', 'paused'].includes(row.state))
      throw new AppError('conflict', `Cannot shorten a subscription that is ${row.state.replace('_', ' ')}.`);
    const plan = planOf(await loadFacts(tx, [row]), row.planId);
    const earlier = localDaysLater(row.currentPeriodEnd, row.timeZone, -input.days);
    const end = earlier > at ? earlier : at;
    const after = withNextDue(
      {
        ...row,
        currentPeriodEnd: end,
        // As with an extension, the schedule restarts at the new end.
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
      action: 'shortened',
      reason: `Shortened by ${input.days} day${input.days === 1 ? '' : 's'}`,
      events: [
        {
          type: 'subscription.shortened',
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
