import { cliActor } from '../../modules/audit/index.js';
import { createAddon, createPlan, createProduct, type CatalogContext } from '../../modules/catalog/index.js';
import type { DemoAmounts } from './catalog-data.js';
import { demoCatalog } from './catalog-data.js';

/** The ids of what the demo catalog created, by code, for the customers' stories to buy. */
export interface DemoCatalogIds {
  products: number;
  plans: Map<string, string>;
  addons: Map<string, string>;
  /** "3 month" by plan id: plan changes across intervals must not carry add-ons along. */
  planIntervals: Map<string, string>;
}

/** The id the demo catalog gave a plan or add-on code; a missing one is a bug in the demo's data. */
export function demoId(ids: Map<string, string>, code: string): string {
  const id = ids.get(code);
  if (!id) throw new Error(`the demo catalog has no ${code}`);
  return id;
}

const pricesOf = (amounts: DemoAmounts) =>
  Object.entries(amounts).map(([currency, amount]) => ({ currency, amount }));

/** Creates the demo catalog through the catalog module, validated and audited like any other write. */
export async function createDemoCatalog(ctx: CatalogContext): Promise<DemoCatalogIds> {
  const ids: DemoCatalogIds = { products: 0, plans: new Map(), addons: new Map(), planIntervals: new Map() };
  for (const item of demoCatalog) {
    const product = await createProduct(
      ctx,
      { name: item.name, description: item.description, kind: item.kind },
      cliActor,
    );
    ids.products += 1;
    for (const plan of item.plans) {
      const created = await createPlan(
        ctx,
        product.id,
        {
          code: plan.code,
          name: plan.name,
          intervalUnit: plan.intervalUnit,
          intervalCount: plan.intervalCount,
          trialDays: plan.trialDays ?? 0,
          entitlementKeys: plan.entitlementKeys,
          creditsPerPeriod: plan.credits?.perPeriod ?? null,
          creditUnit: plan.credits?.unit ?? null,
          prices: pricesOf(plan.amounts),
        },
        cliActor,
      );
      ids.plans.set(plan.code, created.id);
      ids.planIntervals.set(created.id, `${plan.intervalCount} ${plan.intervalUnit}`);
    }
    for (const addon of item.addons) {
      const created = await createAddon(
        ctx,
        {
          productId: product.id,
          code: addon.code,
          name: addon.name,
          description: addon.description,
          optionGroup: addon.optionGroup ?? null,
          maxQuantity: addon.maxQuantity ?? 1,
          entitlementKeys: addon.entitlementKeys ?? [],
          prices: addon.prices.flatMap((price) =>
            pricesOf(price.amounts).map((money) => ({
              ...money,
              intervalUnit: price.intervalUnit,
              intervalCount: price.intervalCount,
            })),
          ),
        },
        cliActor,
      );
      ids.addons.set(addon.code, created.id);
    }
  }
  return ids;
}
