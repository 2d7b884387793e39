import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { parseInput } from '../../lib/validation.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import { addonSettingsFields } from './addon-fields.js';
import type { AddonWithPrices } from './addon-types.js';
import type { CatalogContext } from './context.js';
import { addonSnapshot, findAddon, withAddonPrices } from './find-addon.js';
import { addons } from './schema.js';

const updateAddonInput = z.object(addonSettingsFields).partial();

export type UpdateAddonInput = z.input<typeof updateAddonInput>;

/**
 * Changes an add-on's name, description, option group, maximum quantity or entitlements. Its code
 * and product are fixed. A change that leaves everything as it was writes and audits nothing.
 */
export async function updateAddon(
  ctx: CatalogContext,
  id: string,
  input: UpdateAddonInput,
  actor: Actor,
): Promise<AddonWithPrices> {
  const data = parseInput(updateAddonInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = await findAddon(tx, id, true);
    const next = {
      name: data.name ?? before.name,
      description: data.description ?? before.description,
      optionGroup: data.optionGroup === undefined ? before.optionGroup : data.optionGroup,
      maxQuantity: data.maxQuantity ?? before.maxQuantity,
      entitlementKeys: data.entitlementKeys ?? before.entitlementKeys,
    };
    // Nothing asked to change, or everything asked for is already so: write nothing, audit nothing.
    const unchanged =
      JSON.stringify(addonSnapshot({ ...before, ...next })) === JSON.stringify(addonSnapshot(before));
    if (unchanged) return withAddonPrices(tx, before);
    const [after] = await tx
      .update(addons)
      .set({ ...next, updatedAt: now })
      .where(eq(addons.id, id))
      .returning();
    if (!after) throw new Error('update returned no row');
    await recordAuditEvent(tx, {
      actor,
      action: 'addon.updated',
      entityType: 'addon',
      entityId: id,
      before: addonSnapshot(before),
      after: addonSnapshot(after),
      at: now,
    });
    return withAddonPrices(tx, after);
  });
}
