import { and, asc, count, desc, eq, ilike, isNotNull, isNull, or, type SQL } from 'drizzle-orm';
import { containsPattern } from '../../lib/db/contains-pattern.js';
import type { DbOrTx } from '../../lib/db/database.js';
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
  page: number;
  pageSize: number;
}

export interface ProductListRow extends Product {
  planCount: number;
}

const sortColumns = { name: products.name, kind: products.kind, createdAt: products.createdAt };

/** A page of products matching a search (name or description), kind and status, with how many plans each has. */
export async function listProducts(
  db: DbOrTx,
  input: ListProductsInput,
): Promise<{ rows: ProductListRow[]; total: number }> {
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
  const column = sortColumns[input.sort];
  const [rows, totals] = await Promise.all([
    db
      .select({ product: products, planCount: count(plans.id) })
      .from(products)
      .leftJoin(plans, eq(plans.productId, products.id))
      .where(where)
      .groupBy(products.id)
      .orderBy(input.direction === 'asc' ? asc(column) : desc(column), asc(products.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ total: count() }).from(products).where(where),
  ]);
  return {
    rows: rows.map((row) => ({ ...row.product, planCount: row.planCount })),
    total: totals[0]?.total ?? 0,
  };
}
