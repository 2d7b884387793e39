import { and, count, eq, ilike, isNotNull, isNull, or, type SQL } from 'drizzle-orm';
import { containsPattern } from '../../lib/db/contains-pattern.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { pageRows, type PageOf, type Paging } from '../../lib/db/keyset-cursor.js';
import type { ProductKind } from './catalog-fields.js';
import type { Product } from './catalog-types.js';
import { plans, products } from './schema.js';

export const productSortKeys = ['name', 'kind', 'createdAt'] as const;
export type ProductSortKey = (typeof productSortKeys)[number];

export interface ListProductsInput {
  search?: string | undefined;
  kind?: ProductKind | undefined;
  status?: 'active' | 'archived' | undefined;
  sort: ProductSortKey;
  direction: 'asc' | 'desc';
}

export interface ProductListRow extends Product {
  planCount: number;
}

const sortColumns = { name: products.name, kind: products.kind, createdAt: products.createdAt };

/**
 * A page of products matching a search (name or description), kind and status, with how many plans
 * each has: by offset ({page, pageSize}, with the total) or by cursor ({cursor, limit}, with the
 * next cursor).
 */
export async function listProducts<P extends Paging>(
  db: DbOrTx,
  input: ListProductsInput & P,
): Promise<PageOf<ProductListRow, P>> {
  const conditions: SQL[] = [];
  if (input.search) {
    const pattern = containsPattern(input.search);
    const match = or(ilike(products.name, pattern), ilike(products.description, pattern));
    if (match) conditions.push(match);
  }
  if (input.kind) conditions.push(eq(products.kind, input.kind));
  if (input.status === 'active') conditions.push(isNull(products.archivedAt));
  if (input.status === 'archived') conditions.push(isNotNull(products.archivedAt));
  const where = conditions.length ? and(...conditions) : undefined;
  const { sort, direction } = input;
  return pageRows<ProductListRow, P>(input, {
    keys: [
      { column: sortColumns[sort], direction },
      { column: products.id, direction },
    ],
    scope: {
      list: 'products',
      sort,
      direction,
      search: input.search,
      kind: input.kind,
      status: input.status,
    },
    where,
    rows: async (q) => {
      const rows = await db
        .select({ product: products, planCount: count(plans.id), keys: q.keys })
        .from(products)
        .leftJoin(plans, eq(plans.productId, products.id))
        .where(q.where)
        .groupBy(products.id)
        .orderBy(...q.orderBy)
        .limit(q.limit)
        .offset(q.offset);
      return rows.map(({ product, planCount, keys }) => ({ row: { ...product, planCount }, keys }));
    },
    count: async (where) => (await db.select({ total: count() }).from(products).where(where))[0]?.total ?? 0,
  });
}
