import { z } from 'zod';
import { parseInput } from '../../lib/validation.js';
import type { Actor } from '../audit/index.js';
import { cancelSubscription } from './cancel-subscription.js';
import type { SubscriptionsContext } from './context.js';
import { pauseSubscription, resumeSubscription } from './pause-subscription.js';
import { reactivateSubscription } from './reactivate-subscription.js';
import { plainAction } from './state-actions.js';
import { commitChange } from './subscription-changes.js';
import { subscriptionActions, type SubscriptionAction } from './subscription-states.js';
import type { Subscription } from './subscription-types.js';

const actionInput = z.object({
  action: z.enum(subscriptionActions, { error: `must be one of ${subscriptionActions.join(', ')}` }),
  reason: z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required: say why, for the timeline')
    .max(500, 'must be at most 500 characters'),
});

export type SubscriptionActionInput = z.input<typeof actionInput>;

/** Each state-machine action as a change with its defaults: cancel means cancel now, without credit. */
function changeFor(action: SubscriptionAction) {
  switch (action) {
    case 'pause':
      return pauseSubscription;
    case 'resume':
      return resumeSubscription;
    case 'cancel':
      return cancelSubscription;
    case 'reactivate':
      return reactivateSubscription;
    default:
      return plainAction(action);
  }
}

/**
 * A staff member moves a subscription by one action of the state machine (pause, resume, cancel,
 * suspend …), with a reason for the timeline. Anything the table does not allow is refused and
 * nothing changes. Options such as a pause's resume date or a prorated cancel have their own calls.
 */
export async function applySubscriptionAction(
  ctx: SubscriptionsContext,
  id: string,
  input: SubscriptionActionInput,
  actor: Actor,
): Promise<Subscription> {
  const { action, reason } = parseInput(actionInput, input);
  const options = action === 'cancel' ? { when: 'now', reason } : { reason };
  const step = await commitChange(ctx, id, changeFor(action), options, actor);
  return step.after;
}
