export {
  localAnchor,
  periodContaining,
  periodStart,
  periodsBetween,
  type BillingAnchor,
  type BillingPeriod,
  type Interval,
  type IntervalUnit,
  type Period,
} from './billing-period.js';
export {
  planChangeProration,
  prorate,
  prorationRounding,
  roundHalfEven,
  splitPeriodCharge,
  type PlanChangeProration,
} from './proration.js';
export {
  subscriptionStates,
  subscriptionActions,
  subscriptionTransitions,
  nextSubscriptionState,
  allowedSubscriptionActions,
  type SubscriptionState,
  type SubscriptionAction,
} from './subscription-states.js';
export type { SubscriptionsContext } from './context.js';
export type { Subscription, SubscriptionTransition, SubscriptionWithTimeline } from './subscription-types.js';
export { createSubscription, type CreateSubscriptionInput } from './create-subscription.js';
export { applySubscriptionAction, type SubscriptionActionInput } from './apply-subscription-action.js';
export { getSubscription, listSubscriptions, type ListSubscriptionsInput } from './read-subscriptions.js';
