import { and, eq, inArray, isNull } from 'drizzle-orm';
import { AppError } from '../../lib/app-error.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { isUuid } from '../../lib/ids.js';
import { addonIntervalUnits } from './addon-fields.js';
import type { Addon, AddonPrice, AddonWithPrices } from './addon-types.js';
import { addonPrices, addons } from './schema.js';

/** One add-on by id; not_found when there is none. `forUpdate` locks it for a change. */
export async function findAddon(db: DbOrTx, id: string, forUpdate = false): Promise<Addon> {
  if (!isUuid(id)) throw new AppError('not_found', 'No such add-on.');
  const query = db.select().from(addons).where(eq(addons.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found', 'No such add-on.');
  return row;
}

/** By currency, then by interval from the shortest unit (day … year) and count, newest version first. */
export function compareAddonPrices(a: AddonPrice, b: AddonPrice): number {
  return (
    a.currency.localeCompare(b.currency) ||
    addonIntervalUnits.indexOf(a.intervalUnit) - addonIntervalUnits.indexOf(b.intervalUnit) ||
    a.intervalCount - b.intervalCount ||
    b.version - a.version
  );
}

/** The current price of each currency and interval for these add-ons, by add-on id. */
export async function currentAddonPrices(db: DbOrTx, addonIds: string[]): Promise<Map<string, AddonPrice[]>> {
  const byAddon = new Map<string, AddonPrice[]>(addonIds.map((id) => [id, []]));
  if (addonIds.length === 0) return byAddon;
  const rows = await db
    .select()
    .from(addonPrices)
    .where(and(inArray(addonPrices.addonId, addonIds), isNull(addonPrices.supersededAt)));
  for (const row of rows.sort(compareAddonPrices)) byAddon.get(row.addonId)?.push(row);
  return byAddon;
}

export async function withAddonPrices(db: DbOrTx, addon: Addon): Promise<AddonWithPrices> {
  return { ...addon, prices: (await currentAddonPrices(db, [addon.id])).get(addon.id) ?? [] };
}

/** What the audit log keeps of an add-on. */
export function addonSnapshot(addon: Addon) {
  return {
    code: addon.code,
    name: addon.name,
    description: addon.description,
    group: addon.optionGroup,
    maxQuantity: addon.maxQuantity,
    entitlements: addon.entitlementKeys.join(', '),
    archived: addon.archivedAt !== null,
  };
}
