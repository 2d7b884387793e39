import {
  addonPricesByIds,
  getPlan,
  getProduct,
  listProductAddons,
  pricesByIds,
  type AddonPrice,
  type AddonWithPrices,
  type PlanDetail,
  type PlanWithPrices,
  type Price,
} from '../../../../modules/catalog/index.js';
import { getCustomer, type Customer } from '../../../../modules/customers/index.js';
import {
  getSubscription,
  listSubscriptionCharges,
  listSubscriptionItems,
  type SubscriptionCharge,
  type SubscriptionItem,
  type SubscriptionWithTimeline,
} from '../../../../modules/subscriptions/index.js';
import { getTestClock, type TestClock } from '../../../../modules/test-clocks/index.js';
import type { AppServices } from '../../../services.js';

/** Everything the subscription page shows and its change forms offer. */
export interface SubscriptionPageData {
  subscription: SubscriptionWithTimeline;
  customer: Customer;
  /** The current plan, with every price version (the one bought may be an old one). */
  plan: PlanDetail;
  /** The price version the subscription pays. */
  price: Price | undefined;
  /** Every plan of the product: the plans it may change to, and names for booked changes. */
  productPlans: PlanWithPrices[];
  /** The price version a booked change or price migration moves to at the period end. */
  pendingPrice: Price | undefined;
  /** The product's add-ons (archived ones too, as a held line may be one). */
  addons: AddonWithPrices[];
  items: SubscriptionItem[];
  itemPrices: Map<string, AddonPrice>;
  charges: SubscriptionCharge[];
  /** The sandbox clock it lives on, if any (a deleted clock is shown as gone). */
  testClock: TestClock | null;
}

async function clockOf(services: AppServices, id: string | null): Promise<TestClock | null> {
  if (id === null) return null;
  return getTestClock(services.db, id).catch(() => null);
}

/** Loads the page's data; a missing subscription is a not_found error (404). */
export async function loadSubscriptionPage(services: AppServices, id: string): Promise<SubscriptionPageData> {
  const { db } = services;
  const subscription = await getSubscription(db, id);
  const [customer, plan, product, addons, items, charges, testClock, prices] = await Promise.all([
    getCustomer(db, subscription.customerId),
    getPlan(db, subscription.planId),
    getProduct(db, subscription.productId),
    listProductAddons(db, subscription.productId),
    listSubscriptionItems(db, subscription.id),
    listSubscriptionCharges(db, subscription.id),
    clockOf(services, subscription.testClockId),
    pricesByIds(
      db,
      [subscription.priceId, subscription.pendingPriceId].filter((id) => id !== null),
    ),
  ]);
  return {
    subscription,
    customer,
    plan,
    price: prices.get(subscription.priceId),
    productPlans: product.plans,
    pendingPrice: subscription.pendingPriceId ? prices.get(subscription.pendingPriceId) : undefined,
    addons,
    items,
    itemPrices: await addonPricesByIds(
      db,
      items.map((item) => item.addonPriceId),
    ),
    charges,
    testClock,
  };
}

/** A plan of the product by id, for naming booked changes and previews. */
export function planName(data: SubscriptionPageData, planId: string): string {
  return data.productPlans.find((plan) => plan.id === planId)?.name ?? 'another plan';
}

/** An add-on of the product by id, for naming lines and previews. */
export function addonName(data: SubscriptionPageData, addonId: string): string {
  return data.addons.find((addon) => addon.id === addonId)?.name ?? 'an add-on';
}
