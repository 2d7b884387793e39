import { AppError } from '../../lib/app-error.js';

export const subscriptionStates = [
  'trialing',
  'active',
  'past_due',
  'paused',
  'suspended',
  'canceled',
  'expired',
] as const;
export type SubscriptionState = (typeof subscriptionStates)[number];

interface Transition {
  from: readonly SubscriptionState[];
  to: SubscriptionState;
  /** How a person would say the action, for error messages: "Cannot resume a subscription that is active." */
  verb: string;
}

/**
 * Every allowed change of state, by the action that causes it. Anything not listed is refused:
 * the state machine is this table and nothing else.
 */
export const subscriptionTransitions = {
  convert_trial: { from: ['trialing'], to: 'active', verb: 'convert the trial of' },
  payment_failed: { from: ['trialing', 'active'], to: 'past_due', verb: 'mark as past due' },
  payment_recovered: { from: ['past_due'], to: 'active', verb: 'mark as paid' },
  suspend: { from: ['active', 'past_due'], to: 'suspended', verb: 'suspend' },
  reinstate: { from: ['suspended'], to: 'active', verb: 'reinstate' },
  pause: { from: ['active'], to: 'paused', verb: 'pause' },
  resume: { from: ['paused'], to: 'active', verb: 'resume' },
  cancel: { from: ['trialing', 'active', 'past_due', 'paused', 'suspended'], to: 'canceled', verb: 'cancel' },
  // Within the operator's grace window after cancellation; the caller checks the window.
  reactivate: { from: ['canceled'], to: 'active', verb: 'reactivate' },
  expire: { from: ['trialing', 'suspended', 'canceled'], to: 'expired', verb: 'expire' },
} as const satisfies Record<string, Transition>;

export type SubscriptionAction = keyof typeof subscriptionTransitions;

export const subscriptionActions = Object.keys(subscriptionTransitions) as SubscriptionAction[];

/** The state an action leads to from `from`; a conflict error when the table does not allow it. */
export function nextSubscriptionState(
  from: SubscriptionState,
  action: SubscriptionAction,
): SubscriptionState {
  const transition: Transition = subscriptionTransitions[action];
  if (!transition.from.includes(from)) {
    throw new AppError(
      'conflict',
      `Cannot ${transition.verb} a subscription that is ${from.replace('_', ' ')}.`,
      {
        logMessage: `subscription transition ${action} not allowed from ${from}`,
      },
    );
  }
  return transition.to;
}

/** What can be done to a subscription in this state (for the admin page's buttons and the API). */
export function allowedSubscriptionActions(state: SubscriptionState): SubscriptionAction[] {
  return subscriptionActions.filter((action) =>
    (subscriptionTransitions[action].from as readonly SubscriptionState[]).includes(state),
  );
}
