import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import type { AddonDetail } from './addon-types.js';
import { compareAddonPrices, findAddon, withAddonPrices } from './find-addon.js';
import { findProduct } from './find-product.js';
import { addonPrices } from './schema.js';

/** An add-on with its product, current prices and every earlier price version. */
export async function getAddon(db: DbOrTx, id: string): Promise<AddonDetail> {
  const addon = await withAddonPrices(db, await findAddon(db, id));
  // One after the other: `db` may be a transaction, whose single connection takes one query at a time.
  const product = await findProduct(db, addon.productId);
  const history = await db.select().from(addonPrices).where(eq(addonPrices.addonId, id));
  return { ...addon, product, priceHistory: history.sort(compareAddonPrices) };
}
