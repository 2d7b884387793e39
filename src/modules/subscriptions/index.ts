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
export type { SubscriptionStep, ChargeLine, ItemChange } from './subscription-step.js';
export type { PeriodCredits, UnspentCredits } from './period-credits.js';
export { stepTotal } from './subscription-step.js';
export {
  previewChange,
  commitChange,
  commitChangeIn,
  type SubscriptionChange,
} from './subscription-changes.js';
export { changePlan } from './change-plan.js';
export { cancelSubscription, undoCancellation } from './cancel-subscription.js';
export { pauseSubscription, resumeSubscription } from './pause-subscription.js';
export { extendSubscription } from './extend-subscription.js';
export { shortenSubscription } from './extend-subscription.js';
export { reactivateSubscription } from './reactivate-subscription.js';
export { setSubscriptionItem, listSubscriptionItems, type SubscriptionItem } from './subscription-items.js';
export {
  previewPriceMigration,
  migratePrices,
  type PriceMigrationInput,
  type PriceMigrationLine,
  type PriceMigrationPreview,
} from './migrate-prices.js';
export { subscriptionDueWork } from './run-due-work.js';
export { plainActions } from './state-actions.js';
export { listSubscriptionCharges, type SubscriptionCharge } from './subscription-charges.js';
export {
  claimBillableCharges,
  countBillable,
  markChargesInvoiced,
  nextBillableAt,
  type BillableClaim,
  type BillableCursor,
  type BillableGroup,
} from './billable-charges.js';
