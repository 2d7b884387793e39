import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import {
  addonPricesByIds,
  addonsByIds,
  plansByIds,
  pricesByIds,
  type Addon,
  type AddonPrice,
  type Plan,
  type Price,
} from '../catalog/index.js';
import { subscriptionItems } from './schema.js';
import type { Interval } from './billing-period.js';
import type { ChargeLine } from './subscription-step.js';
import type { Subscription } from './subscription-types.js';

/** The catalog rows a step needs: plans and price versions, current and pending. */
export interface SubscriptionFacts {
  plans: Map<string, Plan>;
  prices: Map<string, Price>;
  /** Add-on lines by subscription id, with the add-on and the price version each was bought at. */
  items: Map<string, { quantity: number; addon: Addon; price: AddonPrice }[]>;
}

/** Loads, in a few queries for any number of rows, the catalog rows these subscriptions use or will use. */
export async function loadFacts(db: DbOrTx, rows: readonly Subscription[]): Promise<SubscriptionFacts> {
  const planIds = rows.flatMap((row) => (row.pendingPlanId ? [row.planId, row.pendingPlanId] : [row.planId]));
  const priceIds = rows.flatMap((row) =>
    row.pendingPriceId ? [row.priceId, row.pendingPriceId] : [row.priceId],
  );
  // One after the other: `db` may be a transaction, whose single connection takes one query at a time.
  const plans = await plansByIds(db, planIds);
  const prices = await pricesByIds(db, priceIds);
  const lines =
    rows.length === 0
      ? []
      : await db
          .select()
          .from(subscriptionItems)
          .where(
            inArray(
              subscriptionItems.subscriptionId,
              rows.map((row) => row.id),
            ),
          );
  const addons = await addonsByIds(
    db,
    lines.map((line) => line.addonId),
  );
  const addonPrices = await addonPricesByIds(
    db,
    lines.map((line) => line.addonPriceId),
  );
  const items: SubscriptionFacts['items'] = new Map();
  for (const line of lines) {
    const addon = addons.get(line.addonId);
    const price = addonPrices.get(line.addonPriceId);
    if (!addon || !price) throw new Error(`add-on line ${line.id} points at a missing add-on or price`);
    const list = items.get(line.subscriptionId) ?? [];
    list.push({ quantity: line.quantity, addon, price });
    items.set(line.subscriptionId, list);
  }
  return { plans, prices, items };
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

/**
 * What a whole period of the subscription costs, as the lines to bill: its plan × quantity at the
 * price version it holds, then each add-on × quantity at the version bought.
 */
export function periodCharges(row: Subscription, facts: SubscriptionFacts): ChargeLine[] {
  const plan = planOf(facts, row.planId);
  const price = priceOf(facts, row.priceId);
  const period = { periodStart: row.currentPeriodStart, periodEnd: row.currentPeriodEnd };
  return [
    {
      kind: 'period_charge',
      description: plan.name,
      quantity: row.quantity,
      amount: price.amount * BigInt(row.quantity),
      currency: price.currency,
      ...period,
    },
    ...(facts.items.get(row.id) ?? []).map((item): ChargeLine => ({
      kind: 'addon_charge',
      description: item.addon.name,
      quantity: item.quantity,
      amount: item.price.amount * BigInt(item.quantity),
      currency: item.price.currency,
      ...period,
    })),
  ];
}
