import { periodContaining } from './billing-period.js';
import { renewalCredits } from './period-credits.js';
import {
  eventBody,
  intervalOf,
  periodCharges,
  planOf,
  priceOf,
  sameInterval,
  type SubscriptionFacts,
} from './subscription-facts.js';
import { withNextDue, type SubscriptionStep } from './subscription-step.js';
import type { Subscription } from './subscription-types.js';

function step(
  before: Subscription,
  after: Subscription,
  facts: SubscriptionFacts,
  parts: Pick<SubscriptionStep, 'action' | 'reason' | 'events'>,
): SubscriptionStep {
  const at = before.nextDueAt ?? after.updatedAt;
  return {
    before,
    after: withNextDue({ ...after, updatedAt: at }, planOf(facts, after.planId)),
    at,
    charges: [],
    credits: null,
    ...parts,
  };
}

/**
 * A new period from `at`, applying a change booked for the period end first: the pending plan,
 * price version and quantity. A pending plan with another interval restarts the schedule at `at`.
 */
function renewed(row: Subscription, facts: SubscriptionFacts, at: Date): Subscription {
  const currentPlan = planOf(facts, row.planId);
  const plan = row.pendingPlanId ? planOf(facts, row.pendingPlanId) : currentPlan;
  const anchorAt = sameInterval(plan, currentPlan) ? row.anchorAt : at;
  const period = periodContaining({ at: anchorAt, timeZone: row.timeZone }, intervalOf(plan), at);
  return {
    ...row,
    planId: plan.id,
    priceId: row.pendingPriceId ?? row.priceId,
    quantity: row.pendingQuantity ?? row.quantity,
    pendingPlanId: null,
    pendingPriceId: null,
    pendingQuantity: null,
    anchorAt,
    currentPeriodStart: at,
    currentPeriodEnd: period.end,
  };
}

function changeEvents(before: Subscription, after: Subscription, facts: SubscriptionFacts) {
  if (!before.pendingPlanId && !before.pendingPriceId && before.pendingQuantity === null) return [];
  const fromPrice = priceOf(facts, before.priceId);
  const toPrice = priceOf(facts, after.priceId);
  return [
    {
      type: 'subscription.plan_changed',
      payload: {
        ...eventBody(after),
        fromPlanId: before.planId,
        fromPriceId: before.priceId,
        fromQuantity: before.quantity,
        fromAmount: (fromPrice.amount * BigInt(before.quantity)).toString(),
        toAmount: (toPrice.amount * BigInt(after.quantity)).toString(),
        scheduled: true,
      },
    },
  ];
}

/** The period ended (trial or paid): it converts or renews, or a booked cancellation takes effect. */
function periodEnded(row: Subscription, facts: SubscriptionFacts, at: Date): SubscriptionStep {
  const trial = row.state === 'trialing';
  if (row.cancelAtPeriodEnd) {
    const after: Subscription = { ...row, state: 'canceled', cancelAtPeriodEnd: false, canceledAt: at };
    return step(row, after, facts, {
      action: 'canceled',
      reason: trial ? 'Canceled at the end of the trial, as booked' : 'Canceled at period end, as booked',
      events: [{ type: 'subscription.canceled', payload: { ...eventBody(after), atPeriodEnd: true } }],
    });
  }
  const after: Subscription = {
    ...renewed(row, facts, at),
    state: row.state === 'trialing' ? 'active' : row.state,
  };
  const events = [
    ...changeEvents(row, after, facts),
    { type: trial ? 'subscription.trial_converted' : 'subscription.renewed', payload: eventBody(after) },
  ];
  return {
    ...step(row, after, facts, {
      action: trial ? 'convert_trial' : 'renewed',
      reason: trial ? 'Trial ended; the paid period began' : 'Renewed for a new period',
      events,
    }),
    charges: periodCharges(after, facts),
    credits: renewalCredits(planOf(facts, after.planId), after.quantity, after.currentPeriodEnd),
  };
}

/** A pause reached its booked end: the time left in the paused period is given back from now. */
export function resumedRow(row: Subscription, at: Date): Subscription {
  const pausedAt = row.pausedAt ?? at;
  const left = Math.max(0, row.currentPeriodEnd.getTime() - pausedAt.getTime());
  const end = new Date(at.getTime() + left);
  // The schedule restarts where the given-back time ends; periods after it follow the plan again.
  const anchorAt = end;
  return {
    ...row,
    state: 'active',
    pausedAt: null,
    resumeAt: null,
    anchorAt,
    currentPeriodStart: at,
    currentPeriodEnd: end,
  };
}

/**
 * What the bill run does to one subscription whose `next_due_at` has come: exactly one step, at that
 * moment. A subscription many periods behind takes one step per period, each in its turn.
 */
export function dueStep(row: Subscription, facts: SubscriptionFacts): SubscriptionStep {
  const at = row.nextDueAt;
  if (!at) throw new Error(`subscription ${row.id} is not due`);
  switch (row.state) {
    case 'trialing':
      if (!row.trialWillEndSentAt && at < row.currentPeriodEnd) {
        return step(row, { ...row, trialWillEndSentAt: at }, facts, {
          action: null,
          reason: 'Trial ends soon',
          events: [{ type: 'subscription.trial_will_end', payload: eventBody(row) }],
        });
      }
      return periodEnded(row, facts, at);
    case 'active':
    case 'past_due':
      return periodEnded(row, facts, at);
    case 'paused': {
      const after = resumedRow(row, at);
      return step(row, after, facts, {
        action: 'resume',
        reason: 'Resumed as booked',
        events: [{ type: 'subscription.resumed', payload: eventBody(after) }],
      });
    }
    case 'canceled': {
      const after: Subscription = { ...row, state: 'expired', endedAt: at };
      return step(row, after, facts, {
        action: 'expire',
        reason: 'The window to reactivate closed',
        events: [{ type: 'subscription.expired', payload: eventBody(after) }],
      });
    }
    case 'suspended':
    case 'expired':
      throw new Error(`subscription ${row.id} is ${row.state}; nothing falls due`);
  }
}
