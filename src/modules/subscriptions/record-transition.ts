import type { DbOrTx } from '../../lib/db/database.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import { subscriptionTransitions } from './schema.js';
import type { Subscription } from './subscription-types.js';

/** Writes one step of a subscription's timeline, and its audit row, in the caller's transaction. */
export async function recordTransition(
  tx: DbOrTx,
  step: {
    subscription: Subscription;
    action: string;
    fromState: string | null;
    reason: string;
    actor: Actor;
    /** When it happened in the subscription's time (a test clock's, for sandbox customers). */
    at: Date;
    /** Real time, for the audit log. */
    auditAt: Date;
  },
): Promise<void> {
  const { subscription, action, fromState, reason, actor, at, auditAt } = step;
  await tx.insert(subscriptionTransitions).values({
    subscriptionId: subscription.id,
    action,
    fromState,
    toState: subscription.state,
    reason,
    actorUserId: actor.userId,
    actorLabel: actor.label,
    occurredAt: at,
  });
  await recordAuditEvent(tx, {
    actor,
    action: `subscription.${action}`,
    entityType: 'subscription',
    entityId: subscription.id,
    before: fromState ? { state: fromState } : null,
    after: { state: subscription.state, reason },
    at: auditAt,
  });
}
