import { z } from 'zod';
import {
  addonIntervalUnits,
  billingUnits,
  changeTimings,
  creditPlanChangeRules,
  productKinds,
  type AddonDetail,
  type AddonPrice,
  type AddonWithPrices,
  type Plan,
  type PlanDetail,
  type PlanWithPrices,
  type Price,
  type Product,
} from '../../../modules/catalog/index.js';

const creditRules = {
  creditRolloverCap: z
    .number()
    .int()
    .nullable()
    .describe(
      'Recurring plans with credits: unspent credits carried into the next period, up to this many; null: they expire',
    ),
  creditsOnPlanChange: z
    .enum(creditPlanChangeRules)
    .describe(
      "Recurring plans with credits: an immediate plan change forfeits the old plan's unspent credits (the default), or carries them into pay-as-you-go credits that do not expire",
    ),
  creditExpiryDays: z
    .number()
    .int()
    .nullable()
    .describe(
      "One-time plans with credits (packs): the pack's credits expire this many days after purchase; null: never",
    ),
};

/** The settings a plan is created with and can change later, as API input: each one optional. */
export const planSettingsBody = {
  trialDays: z.number().int().optional(),
  entitlementKeys: z.array(z.string()).optional(),
  creditsPerPeriod: z.number().int().nullable().optional(),
  creditUnit: z
    .string()
    .nullable()
    .optional()
    .describe('With credits: a name such as credits or GPU minutes'),
  creditRolloverCap: creditRules.creditRolloverCap.optional(),
  creditsOnPlanChange: creditRules.creditsOnPlanChange.optional(),
  creditExpiryDays: creditRules.creditExpiryDays.optional(),
  upgradeTiming: z.enum(changeTimings).optional(),
  downgradeTiming: z.enum(changeTimings).optional(),
  oneTrialPerCustomer: z
    .boolean()
    .optional()
    .describe('Default true: a customer gets the trial of this product only once, whatever the plan'),
  reactivationGraceDays: z
    .number()
    .int()
    .optional()
    .describe('Default 30: days after a cancellation in which it can be taken back; 0: never'),
};

// Amounts are whole minor units (cents) as JSON integers; the catalog caps them at 10^15, so they are exact.
const minorUnits = z.number().int().describe('Whole minor units of the currency, e.g. 999 = $9.99');

export const priceJson = z
  .object({
    id: z.uuid(),
    currency: z.string(),
    amount: minorUnits,
    setupFee: minorUnits,
    version: z.number().int(),
    createdAt: z.string(),
    supersededAt: z.string().nullable().describe('When a newer version replaced it; null while current'),
  })
  .meta({ id: 'Price' });

export const planJson = z
  .object({
    id: z.uuid(),
    productId: z.uuid(),
    code: z.string(),
    name: z.string(),
    intervalUnit: z.enum(billingUnits),
    intervalCount: z.number().int(),
    trialDays: z.number().int(),
    creditsPerPeriod: z.number().int().nullable(),
    creditUnit: z.string().nullable(),
    ...creditRules,
    entitlementKeys: z.array(z.string()),
    upgradeTiming: z.enum(changeTimings),
    downgradeTiming: z.enum(changeTimings),
    oneTrialPerCustomer: z
      .boolean()
      .describe('A customer who already had a trial of this product (on any of its plans) gets none'),
    reactivationGraceDays: z
      .number()
      .int()
      .describe('Days after a cancellation in which the subscription can be taken back; 0: never'),
    archived: z.boolean(),
    createdAt: z.string(),
    prices: z.array(priceJson).describe('The current price in each currency'),
  })
  .meta({ id: 'Plan' });

export const productJson = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    kind: z.enum(productKinds),
    archived: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'Product' });

export const productWithPlansJson = productJson
  .extend({ plans: z.array(planJson) })
  .meta({ id: 'ProductWithPlans' });
export const planDetailJson = planJson
  .extend({ priceHistory: z.array(priceJson) })
  .meta({ id: 'PlanDetail' });

export function toPriceJson(price: Price): z.infer<typeof priceJson> {
  return {
    id: price.id,
    currency: price.currency,
    amount: Number(price.amount),
    setupFee: Number(price.setupFee),
    version: price.version,
    createdAt: price.createdAt.toISOString(),
    supersededAt: price.supersededAt?.toISOString() ?? null,
  };
}

function planFields(plan: Plan) {
  return {
    id: plan.id,
    productId: plan.productId,
    code: plan.code,
    name: plan.name,
    intervalUnit: plan.intervalUnit ?? ('one_time' as const),
    intervalCount: plan.intervalCount,
    trialDays: plan.trialDays,
    creditsPerPeriod: plan.creditsPerPeriod === null ? null : Number(plan.creditsPerPeriod),
    creditUnit: plan.creditUnit,
    creditRolloverCap: plan.creditRolloverCap === null ? null : Number(plan.creditRolloverCap),
    creditsOnPlanChange: plan.creditsOnPlanChange,
    creditExpiryDays: plan.creditExpiryDays,
    entitlementKeys: plan.entitlementKeys,
    upgradeTiming: plan.upgradeTiming,
    downgradeTiming: plan.downgradeTiming,
    oneTrialPerCustomer: plan.oneTrialPerCustomer,
    reactivationGraceDays: plan.reactivationGraceDays,
    archived: plan.archivedAt !== null,
    createdAt: plan.createdAt.toISOString(),
  };
}

export function toPlanJson(plan: PlanWithPrices): z.infer<typeof planJson> {
  return { ...planFields(plan), prices: plan.prices.map(toPriceJson) };
}

export function toPlanDetailJson(plan: PlanDetail): z.infer<typeof planDetailJson> {
  return { ...toPlanJson(plan), priceHistory: plan.priceHistory.map(toPriceJson) };
}

export function toProductJson(product: Product): z.infer<typeof productJson> {
  return {
    id: product.id,
    name: product.name,
    description: product.description,
    kind: product.kind,
    archived: product.archivedAt !== null,
    createdAt: product.createdAt.toISOString(),
  };
}

export const addonPriceJson = z
  .object({
    id: z.uuid(),
    currency: z.string(),
    intervalUnit: z.enum(addonIntervalUnits),
    intervalCount: z
      .number()
      .int()
      .describe('The price is for every N units: match the plan it is bought with'),
    amount: minorUnits,
    version: z.number().int(),
    createdAt: z.string(),
    supersededAt: z.string().nullable().describe('When a newer version replaced it; null while current'),
  })
  .meta({ id: 'AddonPrice' });

export const addonJson = z
  .object({
    id: z.uuid(),
    productId: z.uuid(),
    code: z.string(),
    name: z.string(),
    description: z.string(),
    optionGroup: z
      .string()
      .nullable()
      .describe('Add-ons sharing a group are the choices of one option; a subscription takes at most one'),
    maxQuantity: z.number().int().describe('1: taken or not; more: bought by the unit, up to this many'),
    entitlementKeys: z.array(z.string()),
    archived: z.boolean(),
    createdAt: z.string(),
    prices: z.array(addonPriceJson).describe('The current price in each currency and billing interval'),
  })
  .meta({ id: 'Addon' });

export const addonDetailJson = addonJson
  .extend({ priceHistory: z.array(addonPriceJson) })
  .meta({ id: 'AddonDetail' });

export function toAddonPriceJson(price: AddonPrice): z.infer<typeof addonPriceJson> {
  return {
    id: price.id,
    currency: price.currency,
    intervalUnit: price.intervalUnit,
    intervalCount: price.intervalCount,
    amount: Number(price.amount),
    version: price.version,
    createdAt: price.createdAt.toISOString(),
    supersededAt: price.supersededAt?.toISOString() ?? null,
  };
}

export function toAddonJson(addon: AddonWithPrices): z.infer<typeof addonJson> {
  return {
    id: addon.id,
    productId: addon.productId,
    code: addon.code,
    name: addon.name,
    description: addon.description,
    optionGroup: addon.optionGroup,
    maxQuantity: addon.maxQuantity,
    entitlementKeys: addon.entitlementKeys,
    archived: addon.archivedAt !== null,
    createdAt: addon.createdAt.toISOString(),
    prices: addon.prices.map(toAddonPriceJson),
  };
}

export function toAddonDetailJson(addon: AddonDetail): z.infer<typeof addonDetailJson> {
  return { ...toAddonJson(addon), priceHistory: addon.priceHistory.map(toAddonPriceJson) };
}
