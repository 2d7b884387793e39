import { and, desc, eq } from 'drizzle-orm';
import { AppError } from '../../lib/app-error.js';
import { parseInput } from '../../lib/validation.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import { addonPriceInput, type AddonPriceInput } from './addon-fields.js';
import type { AddonPrice } from './addon-types.js';
import type { CatalogContext } from './context.js';
import { findAddon } from './find-addon.js';
import { addonPrices } from './schema.js';

/**
 * Sets an add-on's price in one currency for one billing interval by adding a new version; the
 * old version is closed, not changed, so everyone who bought it keeps paying it (grandfathering).
 * Setting the same amount again changes nothing.
 */
export async function setAddonPrice(
  ctx: CatalogContext,
  addonId: string,
  input: AddonPriceInput,
  actor: Actor,
): Promise<AddonPrice> {
  const data = parseInput(addonPriceInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const addon = await findAddon(tx, addonId, true);
    if (addon.archivedAt)
      throw new AppError('conflict', 'This add-on is archived; restore it before changing its prices.');
    const [latest] = await tx
      .select()
      .from(addonPrices)
      .where(
        and(
          eq(addonPrices.addonId, addonId),
          eq(addonPrices.currency, data.currency),
          eq(addonPrices.intervalUnit, data.intervalUnit),
          eq(addonPrices.intervalCount, data.intervalCount),
        ),
      )
      .orderBy(desc(addonPrices.version))
      .limit(1);
    const current = latest && latest.supersededAt === null ? latest : undefined;
    if (current && current.amount === data.amount) return current;
    if (current)
      await tx.update(addonPrices).set({ supersededAt: now }).where(eq(addonPrices.id, current.id));
    const [price] = await tx
      .insert(addonPrices)
      .values({ addonId, ...data, version: (latest?.version ?? 0) + 1, createdAt: now })
      .returning();
    if (!price) throw new Error('insert returned no row');
    const interval = `${data.intervalCount} ${data.intervalUnit}`;
    await recordAuditEvent(tx, {
      actor,
      action: 'addon.price_set',
      entityType: 'addon',
      entityId: addonId,
      before: current ? { [data.currency]: String(current.amount), interval } : null,
      after: { [data.currency]: String(price.amount), interval, version: price.version },
      at: now,
    });
    return price;
  });
}
