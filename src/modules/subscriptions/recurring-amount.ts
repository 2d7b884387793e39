import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import type { Money } from '../../lib/money.js';
import { addonPricesByIds, pricesByIds } from '../catalog/index.js';
import { subscriptionItems } from './schema.js';
import type { Subscription } from './subscription-types.js';

/**
 * What one full period of a subscription costs: its price version × quantity, plus each add-on's
 * price version × quantity. Refunds and charges for parts of a period are shares of this.
 */
export async function recurringAmount(db: DbOrTx, row: Subscription): Promise<Money> {
  const items = await db.select().from(subscriptionItems).where(eq(subscriptionItems.subscriptionId, row.id));
  // One after the other: `db` may be a transaction, whose single connection takes one query at a time.
  const prices = await pricesByIds(db, [row.priceId]);
  const addonPrices = await addonPricesByIds(
    db,
    items.map((item) => item.addonPriceId),
  );
  const price = prices.get(row.priceId);
  if (!price) throw new Error(`price ${row.priceId} is missing`);
  let amount = price.amount * BigInt(row.quantity);
  for (const item of items) {
    const addonPrice = addonPrices.get(item.addonPriceId);
    if (!addonPrice) throw new Error(`add-on price ${item.addonPriceId} is missing`);
    amount += addonPrice.amount * BigInt(item.quantity);
  }
  return { amount, currency: price.currency };
}

/** How many add-ons a subscription carries. */
export async function itemCount(db: DbOrTx, subscriptionId: string): Promise<number> {
  const items = await db
    .select({ id: subscriptionItems.id })
    .from(subscriptionItems)
    .where(eq(subscriptionItems.subscriptionId, subscriptionId));
  return items.length;
}
