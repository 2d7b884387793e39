import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import type { Plan, Price } from './catalog-types.js';
import { addonPrices, addons, plans, prices } from './schema.js';

/** Plans by id, for work over many subscriptions at once (the bill run). */
export async function plansByIds(db: DbOrTx, ids: Iterable<string>): Promise<Map<string, Plan>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select().from(plans).where(inArray(plans.id, unique));
  return new Map(rows.map((row) => [row.id, row]));
}

/** Price versions by id, current or superseded: subscribers keep the version they bought. */
export async function pricesByIds(db: DbOrTx, ids: Iterable<string>): Promise<Map<string, Price>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select().from(prices).where(inArray(prices.id, unique));
  return new Map(rows.map((row) => [row.id, row]));
}

/** Add-on price versions by id, current or superseded. */
export async function addonPricesByIds(
  db: DbOrTx,
  ids: Iterable<string>,
): Promise<Map<string, typeof addonPrices.$inferSelect>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select().from(addonPrices).where(inArray(addonPrices.id, unique));
  return new Map(rows.map((row) => [row.id, row]));
}

/** Add-ons by id, archived or not: a subscriber keeps what they bought. */
export async function addonsByIds(
  db: DbOrTx,
  ids: Iterable<string>,
): Promise<Map<string, typeof addons.$inferSelect>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select().from(addons).where(inArray(addons.id, unique));
  return new Map(rows.map((row) => [row.id, row]));
}
