import { z } from 'zod';
import { periodContaining } from './billing-period.js';
import { renewalCredits } from './period-credits.js';
import type { SubscriptionChange } from './subscription-changes.js';
import { eventBody, intervalOf, loadFacts, planOf } from './subscription-facts.js';
import { nextSubscriptionState, type SubscriptionAction } from './subscription-states.js';
import { withNextDue } from './subscription-step.js';
import type { Subscription } from './subscription-types.js';

/** Actions that only move the state (with the dates that go with it); the richer ones have their own change. */
export const plainActions = [
  'convert_trial',
  'payment_failed',
  'payment_recovered',
  'suspend',
  'reinstate',
  'expire',
] as const;
export type PlainAction = (typeof plainActions)[number];

const eventTypes: Record<PlainAction, string> = {
  convert_trial: 'subscription.trial_converted',
  payment_failed: 'subscription.past_due',
  payment_recovered: 'subscription.payment_recovered',
  suspend: 'subscription.suspended',
  reinstate: 'subscription.reinstated',
  expire: 'subscription.expired',
};

/** One state-machine action by a person: the table decides whether it is allowed. */
export function plainAction(action: PlainAction): SubscriptionChange<z.ZodObject> {
  return {
    input: z.object({}),
    async build(tx, row, _input, at) {
      const state = nextSubscriptionState(row.state, action satisfies SubscriptionAction);
      const plan = planOf(await loadFacts(tx, [row]), row.planId);
      let next: Subscription = { ...row, state, updatedAt: at };
      if (action === 'expire') next = { ...next, endedAt: at };
      // Suspension stops renewals; if its period ran out meanwhile, a new schedule starts on reinstating
      // rather than replaying every missed renewal. Billing that period is the payment flow's concern.
      if (action === 'reinstate' && row.currentPeriodEnd <= at) {
        const period = periodContaining({ at, timeZone: row.timeZone }, intervalOf(plan), at);
        next = { ...next, anchorAt: at, currentPeriodStart: period.start, currentPeriodEnd: period.end };
      }
      if (action === 'convert_trial') {
        // Ending a trial early starts the first paid period now, and the schedule with it.
        const period = periodContaining({ at, timeZone: row.timeZone }, intervalOf(plan), at);
        next = {
          ...next,
          trialEndsAt: at,
          anchorAt: at,
          currentPeriodStart: period.start,
          currentPeriodEnd: period.end,
        };
      }
      const after = withNextDue(next, plan);
      return {
        before: row,
        after,
        at,
        charges: [],
        // Ending a trial early starts a paid period, which brings its own allocation.
        credits:
          action === 'convert_trial' ? renewalCredits(plan, after.quantity, after.currentPeriodEnd) : null,
        action,
        reason: action.replace('_', ' '),
        events: [{ type: eventTypes[action], payload: eventBody(after) }],
      };
    },
  };
}
