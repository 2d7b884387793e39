import type { Price } from '../../../../modules/catalog/index.js';
import type { Subscription } from '../../../../modules/subscriptions/index.js';
import { billingLabel } from '../catalog/catalog-labels.js';
import { formatDate } from '../../format.js';
import { planName, type SubscriptionPageData } from './subscription-page-data.js';
import { moneyLabel } from './subscription-labels.js';

/**
 * A price version the page knows: the one bought, the one booked, or a current price of one of the
 * product's plans (a booked plan change is bought at the new plan's current price).
 */
function knownPrice(data: SubscriptionPageData, id: string | null): Price | undefined {
  if (id === null) return undefined;
  return [data.price, data.pendingPrice, ...data.productPlans.flatMap((plan) => plan.prices)].find(
    (price) => price?.id === id,
  );
}

/**
 * What a change booked for the period end does, in words: "Downgrade to Basic × 2 on 1 Mar 2027"
 * or, for a price migration (which books only a price), "Moves to $12.00 (version 2) on 1 Mar 2027".
 * Null when nothing is booked.
 */
export function bookedChangeText(data: SubscriptionPageData, row: Subscription): string | null {
  const { pendingPlanId, pendingPriceId, pendingQuantity } = row;
  if (pendingPlanId === null && pendingPriceId === null && pendingQuantity === null) return null;
  const on = formatDate(row.currentPeriodEnd);
  const price = knownPrice(data, pendingPriceId);
  const locale = data.customer.locale;
  if (pendingPlanId === null) {
    return price
      ? `Moves to the current price ${moneyLabel(price.amount, price.currency, locale)} (version ${price.version}) on ${on}`
      : `Moves to the plan's current price on ${on}`;
  }
  const quantity = pendingQuantity ?? row.quantity;
  const now = knownPrice(data, row.priceId);
  const plans = data.productPlans;
  const from = plans.find((plan) => plan.id === row.planId);
  const to = plans.find((plan) => plan.id === pendingPlanId);
  // Amounts per period compare only between plans that bill at the same interval.
  const comparable = from && to && billingLabel(from) === billingLabel(to) && price && now;
  const next = comparable ? price.amount * BigInt(quantity) : 0n;
  const current = comparable ? now.amount * BigInt(row.quantity) : 0n;
  const word = next > current ? 'Upgrade' : next < current ? 'Downgrade' : 'Change';
  return `${word} to ${planName(data, pendingPlanId)} × ${quantity} on ${on}`;
}
