import type { DbOrTx } from '../../lib/db/database.js';
import { plansByIds, pricesByIds, type Plan, type Price } from '../catalog/index.js';
import type { Interval } from './billing-period.js';
import type { Subscription } from './subscription-types.js';

/** The catalog rows a step needs: plans and price versions, current and pending. */
export interface SubscriptionFacts {
  plans: Map<string, Plan>;
  prices: Map<string, Price>;
}

/** Loads, in two queries, the plans and price versions that these subscriptions use or will use. */
export async function loadFacts(db: DbOrTx, rows: readonly Subscription[]): Promise<SubscriptionFacts> {
  const planIds = rows.flatMap((row) => (row.pendingPlanId ? [row.planId, row.pendingPlanId] : [row.planId]));
  const priceIds = rows.flatMap((row) =>
    row.pendingPriceId ? [row.priceId, row.pendingPriceId] : [row.priceId],
  );
  // One after the other: `db` may be a transaction, whose single connection takes one query at a time.
  const plans = await plansByIds(db, planIds);
  return { plans, prices: await pricesByIds(db, priceIds) };
}

export function planOf(facts: SubscriptionFacts, id: string): Plan {
  const plan = facts.plans.get(id);
  if (!plan) throw new Error(`plan ${id} is missing`);
  return plan;
}

export function priceOf(facts: SubscriptionFacts, id: string): Price {
  const price = facts.prices.get(id);
  if (!price) throw new Error(`price ${id} is missing`);
  return price;
}

/** How often a recurring plan bills; one-time plans never become subscriptions. */
export function intervalOf(plan: Plan): Interval {
  if (plan.intervalUnit === null) throw new Error(`plan ${plan.id} is one-time`);
  return { unit: plan.intervalUnit, count: plan.intervalCount };
}

export function sameInterval(a: Plan, b: Plan): boolean {
  return a.intervalUnit === b.intervalUnit && a.intervalCount === b.intervalCount;
}

/** What most subscription events carry: where it stands after the change. */
export function eventBody(row: Subscription): Record<string, unknown> {
  return {
    customerId: row.customerId,
    planId: row.planId,
    priceId: row.priceId,
    quantity: row.quantity,
    state: row.state,
    periodStart: row.currentPeriodStart.toISOString(),
    periodEnd: row.currentPeriodEnd.toISOString(),
  };
}
