import { z } from 'zod';
import { AppError, validationError } from '../../lib/app-error.js';
import { isUuid } from '../../lib/ids.js';
import { parseInput } from '../../lib/validation.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import { addonPriceInput, addonPriceKey, addonSettingsFields } from './addon-fields.js';
import type { AddonWithPrices } from './addon-types.js';
import { codeField } from './catalog-fields.js';
import type { CatalogContext } from './context.js';
import { addonSnapshot, compareAddonPrices } from './find-addon.js';
import { findProduct } from './find-product.js';
import { addonPrices, addons } from './schema.js';

const createAddonInput = z.object({
  productId: z.string({ error: 'is required' }).refine(isUuid, 'must be a product id'),
  code: codeField,
  name: addonSettingsFields.name,
  description: addonSettingsFields.description.default(''),
  optionGroup: addonSettingsFields.optionGroup.default(null),
  maxQuantity: addonSettingsFields.maxQuantity.default(1),
  entitlementKeys: addonSettingsFields.entitlementKeys.default([]),
  prices: z.array(addonPriceInput).max(100, 'at most 100 prices').default([]),
});

export type CreateAddonInput = z.input<typeof createAddonInput>;

/**
 * Adds an add-on (an extra, or one choice of a configurable option) to a product on sale, with any
 * first prices. Add-ons are bought with a recurring plan, so a one-time product takes none.
 */
export async function createAddon(
  ctx: CatalogContext,
  input: CreateAddonInput,
  actor: Actor,
): Promise<AddonWithPrices> {
  const data = parseInput(createAddonInput, input);
  const keys = data.prices.map(addonPriceKey);
  const repeated = keys.find((key, index) => keys.indexOf(key) !== index);
  if (repeated)
    throw validationError({ prices: `has ${repeated} more than once; one price per currency and interval` });
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const product = await findProduct(tx, data.productId, true).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'not_found')
        throw validationError({ productId: 'is not a product' });
      throw error;
    });
    if (product.archivedAt)
      throw new AppError('conflict', 'This product is archived; restore it before adding add-ons.');
    if (product.kind === 'one_time')
      throw new AppError(
        'conflict',
        'A one-time product takes no add-ons: add-ons are billed with recurring plans.',
      );
    const [addon] = await tx
      .insert(addons)
      .values({
        productId: product.id,
        code: data.code,
        name: data.name,
        description: data.description,
        optionGroup: data.optionGroup,
        maxQuantity: data.maxQuantity,
        entitlementKeys: data.entitlementKeys,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing() // the only unique key a new add-on can clash on is its code
      .returning();
    if (!addon)
      throw new AppError('conflict', 'Another add-on already uses this code.', {
        fields: { code: 'is already in use' },
      });
    const firstPrices = data.prices.length
      ? await tx
          .insert(addonPrices)
          .values(data.prices.map((price) => ({ addonId: addon.id, ...price, version: 1, createdAt: now })))
          .returning()
      : [];
    await recordAuditEvent(tx, {
      actor,
      action: 'addon.created',
      entityType: 'addon',
      entityId: addon.id,
      after: {
        ...addonSnapshot(addon),
        product: product.name,
        prices: firstPrices.map((price) => `${addonPriceKey(price)} ${price.amount}`).join(', '),
      },
      at: now,
    });
    return { ...addon, prices: firstPrices.sort(compareAddonPrices) };
  });
}
