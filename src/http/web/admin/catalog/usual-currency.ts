import type { ProductWithPlans } from '../../../../modules/catalog/index.js';

/**
 * The currency most of a product's plan prices are in (USD when it has none): where a new plan's
 * or add-on's price form starts, as the product is most likely sold in it.
 */
export function usualCurrency(product: ProductWithPlans): string {
  const counts = new Map<string, number>();
  for (const price of product.plans.flatMap((plan) => plan.prices))
    counts.set(price.currency, (counts.get(price.currency) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'USD';
}
