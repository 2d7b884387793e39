import { formatMoney } from '../../../../lib/money.js';
import {
  addonIntervalUnits,
  billingUnits,
  changeTimings,
  creditPlanChangeRules,
  productKinds,
  type AddonPrice,
  type BillingUnit,
  type Plan,
  type Price,
  type ProductKind,
} from '../../../../modules/catalog/index.js';

/** How people call each kind of product. */
export const kindLabels: Record<ProductKind, string> = {
  membership: 'Membership',
  service: 'Service',
  credits: 'Credits',
  one_time: 'One-time purchase',
};

export const kindOptions = productKinds.map((kind) => ({ value: kind, label: kindLabels[kind] }));

const unitLabels: Record<BillingUnit, string> = {
  day: 'day',
  week: 'week',
  month: 'month',
  year: 'year',
  one_time: 'one time',
};

/**
 * The billing units a plan of this kind of product may use: a membership repeats, a one-time
 * product bills once, the others may do either. The use case enforces the same rule.
 */
export function billingOptions(kind: ProductKind) {
  const allowed = billingUnits.filter((unit) =>
    kind === 'membership' ? unit !== 'one_time' : kind === 'one_time' ? unit === 'one_time' : true,
  );
  return allowed.map((unit) => ({
    value: unit,
    label: unit === 'one_time' ? 'One time, no renewal' : `${unitLabels[unit]}s`,
  }));
}

export const timingLabels: Record<(typeof changeTimings)[number], string> = {
  immediately: 'Immediately',
  period_end: 'At the end of the period',
};

export const timingOptions = changeTimings.map((timing) => ({ value: timing, label: timingLabels[timing] }));

function plural(count: number | bigint, word: string): string {
  return `${count} ${word}${count === 1 || count === 1n ? '' : 's'}`;
}

/** "every month", "every 3 months", "one time". */
export function billingLabel(plan: Pick<Plan, 'intervalUnit' | 'intervalCount'>): string {
  if (plan.intervalUnit === null) return 'one time';
  return plan.intervalCount === 1
    ? `every ${plan.intervalUnit}`
    : `every ${plural(plan.intervalCount, plan.intervalUnit)}`;
}

/** "14 days", or "none". */
export function trialLabel(days: number): string {
  return days === 0 ? 'none' : plural(days, 'day');
}

/** The two answers to "a trial once per customer?", for the plan forms. */
export const oneTrialOptions = [
  { value: 'true', label: 'Once per customer' },
  { value: 'false', label: 'On every new subscription' },
];

/** Whether a customer gets this product's trial only once. */
export function oneTrialLabel(oneTrialPerCustomer: boolean): string {
  return oneTrialPerCustomer ? "once per customer, across the product's plans" : 'on every new subscription';
}

/** "within 30 days of cancelling", or "not after cancelling" for 0. */
export function reactivationLabel(days: number): string {
  return days === 0 ? 'not after cancelling' : `within ${plural(days, 'day')} of cancelling`;
}

/** What the plan-change rule does with unspent credits, as the plan page says it. */
const creditPlanChangeLabels: Record<(typeof creditPlanChangeRules)[number], string> = {
  forfeit: 'forfeited',
  carry: 'carried into pay-as-you-go credits',
};

/** The two answers to "what does a plan change do with unspent credits?", for the plan forms. */
export const creditPlanChangeOptions = creditPlanChangeRules.map((rule) => ({
  value: rule,
  label: rule === 'forfeit' ? 'Forfeit them' : 'Carry them into pay-as-you-go credits (no expiry)',
}));

/**
 * "1000 credits / month · unspent roll over up to 500 · on plan change: forfeited", for a pack
 * "5000 credits · expire 90 days after purchase", or "none".
 */
export function creditsLabel(
  plan: Pick<
    Plan,
    | 'creditsPerPeriod'
    | 'creditUnit'
    | 'intervalUnit'
    | 'intervalCount'
    | 'creditRolloverCap'
    | 'creditsOnPlanChange'
    | 'creditExpiryDays'
  >,
): string {
  if (plan.creditsPerPeriod === null) return 'none';
  const credits = `${plan.creditsPerPeriod} ${plan.creditUnit ?? ''}`.trim();
  if (plan.intervalUnit === null) {
    const expiry =
      plan.creditExpiryDays === null
        ? 'never expire'
        : `expire ${plural(plan.creditExpiryDays, 'day')} after purchase`;
    return `${credits} · ${expiry}`;
  }
  const period = plan.intervalCount === 1 ? plan.intervalUnit : plural(plan.intervalCount, plan.intervalUnit);
  const rollover =
    plan.creditRolloverCap === null
      ? 'unspent expire at period end'
      : `unspent roll over up to ${plan.creditRolloverCap}`;
  return `${credits} / ${period} · ${rollover} · on plan change: ${creditPlanChangeLabels[plan.creditsOnPlanChange]}`;
}

/** "$9.99". */
export function priceLabel(price: Pick<Price, 'amount' | 'currency'>): string {
  return formatMoney({ amount: price.amount, currency: price.currency });
}

/** "$9.99 · €8.99", or "—" when there is none. */
export function pricesLabel(prices: Pick<Price, 'amount' | 'currency'>[]): string {
  return prices.length ? prices.map(priceLabel).join(' · ') : '—';
}

/** The units an add-on price repeats by, for its price form. */
export const addonIntervalOptions = addonIntervalUnits.map((unit) => ({
  value: unit,
  label: `${unitLabels[unit]}s`,
}));

/** "$4.00 every 3 months". */
export function addonPriceLabel(
  price: Pick<AddonPrice, 'amount' | 'currency' | 'intervalUnit' | 'intervalCount'>,
) {
  return `${priceLabel(price)} ${billingLabel(price)}`;
}

/** "$4.00 every month · $11.00 every 3 months", or "—" when there is none. */
export function addonPricesLabel(prices: AddonPrice[]): string {
  return prices.length ? prices.map(addonPriceLabel).join(' · ') : '—';
}

/** "taken or not" for 1, "up to 4" for more. */
export function maxQuantityLabel(maxQuantity: number): string {
  return maxQuantity === 1 ? 'taken or not' : `up to ${maxQuantity}`;
}
