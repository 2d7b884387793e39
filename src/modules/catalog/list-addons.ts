import { and, asc, count, eq, ilike, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { containsPattern } from '../../lib/db/contains-pattern.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { isUuid } from '../../lib/ids.js';
import { pageRows, type PageOf, type Paging } from '../../lib/db/keyset-cursor.js';
import type { AddonWithPrices } from './addon-types.js';
import { currentAddonPrices } from './find-addon.js';
import { addons } from './schema.js';

export const addonSortKeys = ['name', 'code', 'createdAt'] as const;
export type AddonSortKey = (typeof addonSortKeys)[number];

export interface ListAddonsInput {
  productId?: string | undefined;
  /** Matches the name or the code. */
  search?: string | undefined;
  status?: 'active' | 'archived' | undefined;
  sort: AddonSortKey;
  direction: 'asc' | 'desc';
}

const sortColumns = { name: addons.name, code: addons.code, createdAt: addons.createdAt };

/**
 * A page of add-ons of a product (or of all products) matching a search and status, with their
 * current prices: by offset ({page, pageSize}, with the total) or by cursor ({cursor, limit}).
 */
export async function listAddons<P extends Paging>(
  db: DbOrTx,
  input: ListAddonsInput & P,
): Promise<PageOf<AddonWithPrices, P>> {
  const conditions: SQL[] = [];
  // A product id that is no uuid names no product: an empty list rather than a database error.
  if (input.productId !== undefined)
    conditions.push(isUuid(input.productId) ? eq(addons.productId, input.productId) : sql`false`);
  if (input.search) {
    const pattern = containsPattern(input.search);
    const match = or(ilike(addons.name, pattern), ilike(addons.code, pattern));
    if (match) conditions.push(match);
  }
  if (input.status === 'active') conditions.push(isNull(addons.archivedAt));
  if (input.status === 'archived') conditions.push(isNotNull(addons.archivedAt));
  const where = conditions.length ? and(...conditions) : undefined;
  const { sort, direction } = input;
  return pageRows<AddonWithPrices, P>(input, {
    keys: [
      { column: sortColumns[sort], direction },
      { column: addons.id, direction },
    ],
    scope: {
      list: 'addons',
      sort,
      direction,
      productId: input.productId,
      search: input.search,
      status: input.status,
    },
    where,
    rows: async (q) => {
      const rows = await db
        .select({ addon: addons, keys: q.keys })
        .from(addons)
        .where(q.where)
        .orderBy(...q.orderBy)
        .limit(q.limit)
        .offset(q.offset);
      const prices = await currentAddonPrices(
        db,
        rows.map((row) => row.addon.id),
      );
      return rows.map(({ addon, keys }) => ({ row: { ...addon, prices: prices.get(addon.id) ?? [] }, keys }));
    },
    count: async (where) => (await db.select({ total: count() }).from(addons).where(where))[0]?.total ?? 0,
  });
}

/** All add-ons of a product (archived ones too) with their current prices: grouped options first, by name. */
export async function listProductAddons(db: DbOrTx, productId: string): Promise<AddonWithPrices[]> {
  const rows = await db
    .select()
    .from(addons)
    .where(eq(addons.productId, productId))
    .orderBy(sql`${addons.optionGroup} asc nulls last`, asc(addons.name), asc(addons.id));
  const prices = await currentAddonPrices(
    db,
    rows.map((addon) => addon.id),
  );
  return rows.map((addon) => ({ ...addon, prices: prices.get(addon.id) ?? [] }));
}
