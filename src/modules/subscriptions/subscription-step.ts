import type { PeriodCredits } from './period-credits.js';
import type { Subscription } from './subscription-types.js';

/** Money a step owes (positive) or gives back (negative), not yet on an invoice. */
export interface ChargeLine {
  kind:
    | 'proration_charge'
    | 'proration_credit'
    | 'cancellation_credit'
    | 'period_charge'
    | 'addon_charge'
    | 'setup_fee';
  description: string;
  /** How many units `amount` is for (a plan's quantity); 1 for lump sums. */
  quantity?: number;
  amount: bigint;
  currency: string;
  periodStart: Date;
  periodEnd: Date;
}

/** An outbox event a step emits; its subject is the subscription. */
export interface StepEvent {
  type: string;
  payload: Record<string, unknown>;
}

/** An add-on line to write (`quantity` > 0) or remove (0) with the step. */
export interface ItemChange {
  addonId: string;
  addonPriceId: string;
  quantity: number;
}

/**
 * One change to one subscription, fully worked out before anything is written: the row after the
 * change, the money it moves, the events it emits and its line on the timeline. A preview shows a
 * step; a commit writes the very same step, which is why the two always agree.
 */
export interface SubscriptionStep {
  before: Subscription;
  after: Subscription;
  /** The timeline's name for it (renewed, plan_changed, paused …); null for steps that only notify. */
  action: string | null;
  reason: string;
  at: Date;
  charges: ChargeLine[];
  events: StepEvent[];
  /** Add-on lines this step sets or removes; none for most steps. */
  items?: ItemChange[];
  /** The plan's credits this step grants (and what becomes of the unspent ones), if any. */
  credits: PeriodCredits | null;
}

/** What decides when a subscription is next due. */
type DueFields = Pick<
  Subscription,
  'state' | 'currentPeriodStart' | 'currentPeriodEnd' | 'trialWillEndSentAt' | 'resumeAt' | 'canceledAt'
>;

const hourMs = 3_600_000;
/** How long before a trial ends the subscription.trial_will_end event fires (as Stripe does). */
const trialWarningMs = 72 * hourMs;

/**
 * When the bill run must next look at a subscription in this state — the single rule behind the
 * `next_due_at` column. Grace windows count whole 24-hour days from the cancellation.
 */
export function dueAtOf(subscription: DueFields, reactivationGraceDays: number): Date | null {
  switch (subscription.state) {
    case 'trialing': {
      // A trial shorter than the warning is warned about as it starts.
      const end = subscription.currentPeriodEnd;
      if (subscription.trialWillEndSentAt) return end;
      const warnAt = Math.max(end.getTime() - trialWarningMs, subscription.currentPeriodStart.getTime());
      return new Date(warnAt);
    }
    case 'active':
    case 'past_due':
      return subscription.currentPeriodEnd;
    case 'paused':
      return subscription.resumeAt;
    case 'canceled':
      return subscription.canceledAt
        ? new Date(subscription.canceledAt.getTime() + reactivationGraceDays * 24 * hourMs)
        : null;
    case 'suspended':
    case 'expired':
      return null;
  }
}

/** Sum of a step's charges in its currency (positive: the customer owes; negative: is owed). */
export function stepTotal(step: SubscriptionStep): bigint {
  return step.charges.reduce((sum, line) => sum + line.amount, 0n);
}

/** The row with `next_due_at` recomputed; every step's `after` goes through here. */
export function withNextDue<Row extends DueFields>(
  subscription: Row,
  plan: { reactivationGraceDays: number },
): Row {
  return { ...subscription, nextDueAt: dueAtOf(subscription, plan.reactivationGraceDays) };
}
