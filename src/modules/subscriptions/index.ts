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
