import { and, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { AppError } from '../../lib/app-error.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { pageRows, type PageOf, type Paging } from '../../lib/db/keyset-cursor.js';
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
}

/**
 * A page of subscriptions, newest first, by customer, plan and state: by offset ({page, pageSize},
 * with the total) or by cursor ({cursor, limit}, with the next cursor).
 */
export async function listSubscriptions<P extends Paging>(
  db: DbOrTx,
  input: ListSubscriptionsInput & P,
): Promise<PageOf<Subscription, P>> {
  const conditions: SQL[] = [];
  // A malformed id can match nothing.
  if ([input.customerId, input.planId].some((id) => id !== undefined && !isUuid(id)))
    conditions.push(sql`false`);
  else {
    if (input.customerId) conditions.push(eq(subscriptions.customerId, input.customerId));
    if (input.planId) conditions.push(eq(subscriptions.planId, input.planId));
  }
  if (input.customerIds) {
    const ids = input.customerIds.filter(isUuid);
    conditions.push(ids.length ? inArray(subscriptions.customerId, ids) : sql`false`);
  }
  if (input.state) conditions.push(eq(subscriptions.state, input.state));
  return pageRows<Subscription, P>(input, {
    keys: [
      { column: subscriptions.createdAt, direction: 'desc' },
      { column: subscriptions.id, direction: 'desc' },
    ],
    scope: {
      list: 'subscriptions',
      customerId: input.customerId,
      customerIds: input.customerIds,
      planId: input.planId,
      state: input.state,
    },
    where: conditions.length ? and(...conditions) : undefined,
    rows: (q) =>
      db
        .select({ row: subscriptions, keys: q.keys })
        .from(subscriptions)
        .where(q.where)
        .orderBy(...q.orderBy)
        .limit(q.limit)
        .offset(q.offset),
    count: async (where) =>
      (await db.select({ total: count() }).from(subscriptions).where(where))[0]?.total ?? 0,
  });
}
