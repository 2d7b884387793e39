import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import type { AddonDetail } from './addon-types.js';
import { compareAddonPrices, findAddon, withAddonPrices } from './find-addon.js';
import { findProduct } from './find-product.js';
import { addonPrices } from './schema.js';

/** An add-on with its product, current prices and every earlier price version. */
export async function getAddon(db: DbOrTx, id: string): Promise<AddonDetail> {
  const addon = await withAddonPrices(db, await findAddon(db, id));
  const [product, history] = await Promise.all([
    findProduct(db, addon.productId),
    db.select().from(addonPrices).where(eq(addonPrices.addonId, id)),
  ]);
  return { ...addon, product, priceHistory: history.sort(compareAddonPrices) };
}
