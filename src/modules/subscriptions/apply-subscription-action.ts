import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../lib/app-error.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { isUuid } from '../../lib/ids.js';
import { parseInput } from '../../lib/validation.js';
import type { Actor } from '../audit/index.js';
import type { SubscriptionsContext } from './context.js';
import { recordTransition } from './record-transition.js';
import { subscriptions } from './schema.js';
import {
  nextSubscriptionState,
  subscriptionActions,
  type SubscriptionAction,
} from './subscription-states.js';
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

/** One subscription by id, locked for a change; not_found when there is none. */
export async function lockSubscription(db: DbOrTx, id: string): Promise<Subscription> {
  if (!isUuid(id)) throw new AppError('not_found', 'No such subscription.');
  const [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, id)).for('update');
  if (!row) throw new AppError('not_found', 'No such subscription.');
  return row;
}

/** Dates that an action sets or clears, besides the state itself. */
function datesFor(action: SubscriptionAction, now: Date): Partial<Subscription> {
  if (action === 'cancel') return { canceledAt: now, cancelAtPeriodEnd: false };
  if (action === 'reactivate') return { canceledAt: null };
  if (action === 'expire') return { endedAt: now };
  return {};
}

/**
 * A staff member moves a subscription by one action of the state machine (pause, resume, cancel,
 * suspend …), with a reason for the timeline. Anything the table does not allow is refused and
 * nothing changes.
 */
export async function applySubscriptionAction(
  ctx: SubscriptionsContext,
  id: string,
  input: SubscriptionActionInput,
  actor: Actor,
): Promise<Subscription> {
  const { action, reason } = parseInput(actionInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = await lockSubscription(tx, id);
    const state = nextSubscriptionState(before.state, action);
    const [after] = await tx
      .update(subscriptions)
      .set({ state, ...datesFor(action, now), updatedAt: now })
      .where(eq(subscriptions.id, id))
      .returning();
    if (!after) throw new Error('update returned no row');
    await recordTransition(tx, {
      subscription: after,
      action,
      fromState: before.state,
      reason,
      actor,
      at: now,
    });
    return after;
  });
}
