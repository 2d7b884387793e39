import type { subscriptionTransitions, subscriptions } from './schema.js';

export type Subscription = typeof subscriptions.$inferSelect;
export type SubscriptionTransition = typeof subscriptionTransitions.$inferSelect;

export interface SubscriptionWithTimeline extends Subscription {
  /** Newest first. */
  transitions: SubscriptionTransition[];
}
