import { and, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { AppError } from '../../lib/app-error.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { isUuid } from '../../lib/ids.js';
import { subscriptionTransitions, subscriptions } from './schema.js';
import type { SubscriptionState } from './subscription-states.js';
import type { Subscription, SubscriptionWithTimeline } from './subscription-types.js';

/** A subscription with its timeline, newest step first. */
export async function getSubscription(db: DbOrTx, id: string): Promise<SubscriptionWithTimeline> {
  if (!isUuid(id)) throw new AppError('not_found', 'No such subscription.');
  const [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, id));
  if (!row) throw new AppError('not_found', 'No such subscription.');
  const transitions = await db
    .select()
    .from(subscriptionTransitions)
    .where(eq(subscriptionTransitions.subscriptionId, id))
    .orderBy(desc(subscriptionTransitions.id));
  return { ...row, transitions };
}

export interface ListSubscriptionsInput {
  customerId?: string | undefined;
  /** Only these customers' subscriptions (e.g. the customers a search found). */
  customerIds?: string[] | undefined;
  planId?: string | undefined;
  state?: SubscriptionState | undefined;
  page: number;
  pageSize: number;
}

/** A page of subscriptions, newest first, by customer, plan and state. */
export async function listSubscriptions(
  db: DbOrTx,
  input: ListSubscriptionsInput,
): Promise<{ rows: Subscription[]; total: number }> {
  // A malformed id can match nothing.
  if ([input.customerId, input.planId].some((id) => id !== undefined && !isUuid(id)))
    return { rows: [], total: 0 };
  const conditions: SQL[] = [];
  if (input.customerId) conditions.push(eq(subscriptions.customerId, input.customerId));
  if (input.customerIds) {
    const ids = input.customerIds.filter(isUuid);
    if (ids.length === 0) return { rows: [], total: 0 };
    conditions.push(inArray(subscriptions.customerId, ids));
  }
  if (input.planId) conditions.push(eq(subscriptions.planId, input.planId));
  if (input.state) conditions.push(eq(subscriptions.state, input.state));
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(subscriptions)
      .where(where)
      .orderBy(desc(subscriptions.createdAt), desc(subscriptions.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ total: count() }).from(subscriptions).where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}
