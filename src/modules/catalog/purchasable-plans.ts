import { and, asc, eq, inArray, isNull, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import type { Plan, Price } from './catalog-types.js';
import { plans, prices, products } from './schema.js';

export interface PlanSummary extends Plan {
  productName: string;
}

/** Plans by id with their product's name (for lists that show what someone subscribed to). */
export async function findPlans(db: DbOrTx, ids: string[]): Promise<Map<string, PlanSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ plan: plans, productName: products.name })
    .from(plans)
    .innerJoin(products, eq(products.id, plans.productId))
    .where(inArray(plans.id, [...new Set(ids)]));
  return new Map(rows.map((row) => [row.plan.id, { ...row.plan, productName: row.productName }]));
}

/** Recurring plans on sale with a current price in `currency`: what a customer paying in it can subscribe to. */
export async function listPurchasablePlans(
  db: DbOrTx,
  currency: string,
): Promise<(PlanSummary & { price: Price })[]> {
  const rows = await db
    .select({ plan: plans, productName: products.name, price: prices })
    .from(plans)
    .innerJoin(products, eq(products.id, plans.productId))
    .innerJoin(
      prices,
      and(eq(prices.planId, plans.id), eq(prices.currency, currency), isNull(prices.supersededAt)),
    )
    .where(and(isNull(plans.archivedAt), isNull(products.archivedAt), isNotNull(plans.intervalUnit)))
    .orderBy(asc(products.name), asc(plans.name));
  return rows.map((row) => ({ ...row.plan, productName: row.productName, price: row.price }));
}
