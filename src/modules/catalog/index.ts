export type { CatalogContext } from './context.js';
export {
  productKinds,
  billingUnits,
  changeTimings,
  creditPlanChangeRules,
  type ProductKind,
  type BillingUnit,
  type PriceInput,
} from './catalog-fields.js';
export type { Product, Plan, Price, PlanWithPrices, ProductWithPlans } from './catalog-types.js';
export { createProduct, type CreateProductInput } from './create-product.js';
export { updateProduct, type UpdateProductInput } from './update-product.js';
export { setProductArchived } from './archive-product.js';
export {
  listProducts,
  productSortKeys,
  type ListProductsInput,
  type ProductListRow,
  type ProductSortKey,
} from './list-products.js';
export { getProduct } from './get-product.js';
export { createPlan, type CreatePlanInput } from './create-plan.js';
export { updatePlan, type UpdatePlanInput } from './update-plan.js';
export { setPlanArchived } from './archive-plan.js';
export { setPlanPrice } from './set-plan-price.js';
export { getPlan, type PlanDetail } from './get-plan.js';
export { findPlans, listPurchasablePlans, type PlanSummary } from './purchasable-plans.js';
export { plansByIds, pricesByIds, addonPricesByIds, addonsByIds } from './lookup.js';
export { addonIntervalUnits, type AddonPriceInput } from './addon-fields.js';
export type { Addon, AddonPrice, AddonWithPrices, AddonDetail, AddonInterval } from './addon-types.js';
export { createAddon, type CreateAddonInput } from './create-addon.js';
export { updateAddon, type UpdateAddonInput } from './update-addon.js';
export { setAddonArchived } from './archive-addon.js';
export { setAddonPrice } from './set-addon-price.js';
export { getAddon } from './get-addon.js';
export {
  listAddons,
  listProductAddons,
  addonSortKeys,
  type ListAddonsInput,
  type AddonSortKey,
} from './list-addons.js';
export { findAddonPrice } from './find-addon-price.js';
