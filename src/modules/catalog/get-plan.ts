import { asc, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import type { PlanWithPrices, Price, Product } from './catalog-types.js';
import { findPlan, withPrices } from './find-plan.js';
import { findProduct } from './find-product.js';
import { prices } from './schema.js';

export interface PlanDetail extends PlanWithPrices {
  product: Product;
  /** Every price version ever set, newest first per currency. */
  priceHistory: Price[];
}

/** A plan with its product, current prices and every earlier price version. */
export async function getPlan(db: DbOrTx, id: string): Promise<PlanDetail> {
  const plan = await withPrices(db, await findPlan(db, id));
  // One after the other: `db` may be a transaction, whose single connection takes one query at a time.
  const product = await findProduct(db, plan.productId);
  const priceHistory = await db
    .select()
    .from(prices)
    .where(eq(prices.planId, id))
    .orderBy(asc(prices.currency), desc(prices.version));
  return { ...plan, product, priceHistory };
}
