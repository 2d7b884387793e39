import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import { isUuid } from '../../lib/ids.js';
import type { AddonInterval, AddonPrice } from './addon-types.js';
import { addonPrices } from './schema.js';

/**
 * The current price version of an add-on in `currency` for a plan billed every `interval`, or null
 * when it has none (then it cannot be bought with that plan in that currency). It does not look at
 * whether the add-on is archived: the caller decides what an archived add-on means for it.
 */
export async function findAddonPrice(
  db: DbOrTx,
  addonId: string,
  currency: string,
  interval: AddonInterval,
): Promise<AddonPrice | null> {
  if (!isUuid(addonId)) return null;
  const [price] = await db
    .select()
    .from(addonPrices)
    .where(
      and(
        eq(addonPrices.addonId, addonId),
        eq(addonPrices.currency, currency.trim().toUpperCase()),
        eq(addonPrices.intervalUnit, interval.unit),
        eq(addonPrices.intervalCount, interval.count),
        isNull(addonPrices.supersededAt),
      ),
    );
  return price ?? null;
}
