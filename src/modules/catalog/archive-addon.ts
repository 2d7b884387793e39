import { eq } from 'drizzle-orm';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import type { AddonWithPrices } from './addon-types.js';
import type { CatalogContext } from './context.js';
import { addonSnapshot, findAddon, withAddonPrices } from './find-addon.js';
import { addons } from './schema.js';

/**
 * Archives (or restores) an add-on: no new purchases, subscriptions that have it carry on. Add-ons
 * are never deleted, because subscriptions and invoices point at them.
 */
export async function setAddonArchived(
  ctx: CatalogContext,
  id: string,
  archived: boolean,
  actor: Actor,
): Promise<AddonWithPrices> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = await findAddon(tx, id, true);
    if ((before.archivedAt !== null) === archived) return withAddonPrices(tx, before);
    const [after] = await tx
      .update(addons)
      .set({ archivedAt: archived ? now : null, updatedAt: now })
      .where(eq(addons.id, id))
      .returning();
    if (!after) throw new Error('update returned no row');
    await recordAuditEvent(tx, {
      actor,
      action: archived ? 'addon.archived' : 'addon.restored',
      entityType: 'addon',
      entityId: id,
      before: addonSnapshot(before),
      after: addonSnapshot(after),
      at: now,
    });
    return withAddonPrices(tx, after);
  });
}
