import type { Product } from './catalog-types.js';
import type { addonPrices, addons } from './schema.js';

export type Addon = typeof addons.$inferSelect;
export type AddonPrice = typeof addonPrices.$inferSelect;

/** An add-on with its current price in each currency and billing interval. */
export interface AddonWithPrices extends Addon {
  prices: AddonPrice[];
}

/** An add-on with its product, current prices and every earlier price version. */
export interface AddonDetail extends AddonWithPrices {
  product: Product;
  /** Every price version ever set: by currency, then interval, newest first. */
  priceHistory: AddonPrice[];
}

/** The billing interval an add-on price is for: every `count` units (the shape of a subscription's interval). */
export interface AddonInterval {
  unit: 'day' | 'week' | 'month' | 'year';
  count: number;
}
