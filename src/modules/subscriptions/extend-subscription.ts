import { z } from 'zod';
import { AppError } from '../../lib/app-error.js';
import { localDaysLater } from './billing-period.js';
import type { SubscriptionChange } from './subscription-changes.js';
import { eventBody, loadFacts, planOf } from './subscription-facts.js';
import { withNextDue } from './subscription-step.js';

const daysInput = z.object({
  days: z.coerce
    .number({ error: 'must be a whole number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be at least 1')
    .max(3650, 'must be at most 3650'),
});

const verbs = {
  extended: { present: 'extend', past: 'Extended' },
  shortened: { present: 'shorten', past: 'Shortened' },
} as const;

/**
 * Moves the end of the current period (or trial) by whole calendar days in the customer's zone, at
 * no charge; the billing schedule restarts at the new end, so the next period is a whole one again.
 */
function periodEndMove(action: keyof typeof verbs): SubscriptionChange<typeof daysInput> {
  return {
    input: daysInput,
    async build(tx, row, input, at) {
      if (!['trialing', 'active', 'past_due', 'paused'].includes(row.state))
        throw new AppError(
          'conflict',
          `Cannot ${verbs[action].present} a subscription that is ${row.state.replace('_', ' ')}.`,
        );
      const plan = planOf(await loadFacts(tx, [row]), row.planId);
      const moved = localDaysLater(
        row.currentPeriodEnd,
        row.timeZone,
        action === 'extended' ? input.days : -input.days,
      );
      // Time already used cannot be taken back: a period cut down to now is due at once.
      const end = action === 'shortened' && moved < at ? at : moved;
      const after = withNextDue(
        {
          ...row,
          currentPeriodEnd: end,
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
        action,
        reason: `${verbs[action].past} by ${input.days} day${input.days === 1 ? '' : 's'}`,
        events: [
          {
            type: `subscription.${action}`,
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
}

/** Free time, for support gestures and referral rewards: the period ends `days` later. */
export const extendSubscription = periodEndMove('extended');

/**
 * Takes free time back (an extension given in error, a referral reward whose payment was
 * refunded): the period ends `days` earlier, but never before now. A period cut down to now is due
 * at once and renews (or converts) on the next bill run, as if it had simply ended.
 */
export const shortenSubscription = periodEndMove('shortened');
