import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import type { ProductWithPlans } from './catalog-types.js';
import { currentPrices } from './find-plan.js';
import { findProduct } from './find-product.js';
import { plans } from './schema.js';

/** A product with all its plans (archived ones too) and their current prices. */
export async function getProduct(db: DbOrTx, id: string): Promise<ProductWithPlans> {
  const product = await findProduct(db, id);
  const productPlans = await db
    .select()
    .from(plans)
    .where(eq(plans.productId, id))
    .orderBy(asc(plans.createdAt), asc(plans.code));
  const pricesByPlan = await currentPrices(
    db,
    productPlans.map((plan) => plan.id),
  );
  return {
    ...product,
    plans: productPlans.map((plan) => ({ ...plan, prices: pricesByPlan.get(plan.id) ?? [] })),
  };
}
