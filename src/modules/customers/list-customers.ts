import { and, arrayContains, count, eq, exists, ilike, isNotNull, isNull, or, type SQL } from 'drizzle-orm';
import { containsPattern } from '../../lib/db/contains-pattern.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { pageRows, type PageOf, type Paging } from '../../lib/db/keyset-cursor.js';
import type { Customer } from './customer-types.js';
import { customerIdentities, customers } from './schema.js';

export const customerSortKeys = ['name', 'email', 'createdAt'] as const;
export type CustomerSortKey = (typeof customerSortKeys)[number];

export interface ListCustomersInput {
  /** Matches name, email or a linked account (e.g. a Discord id or Plex username). */
  search?: string | undefined;
  tag?: string | undefined;
  currency?: string | undefined;
  /** 'active' (default) hides records merged into another. */
  status?: 'active' | 'merged' | undefined;
  sort: CustomerSortKey;
  direction: 'asc' | 'desc';
}

const sortColumns = { name: customers.name, email: customers.email, createdAt: customers.createdAt };

/**
 * A page of customers matching a search, tag, currency and status: by offset ({page, pageSize},
 * with the total) or by cursor ({cursor, limit}, with the next cursor).
 */
export async function listCustomers<P extends Paging>(
  db: DbOrTx,
  input: ListCustomersInput & P,
): Promise<PageOf<Customer, P>> {
  const conditions: SQL[] = [
    input.status === 'merged' ? isNotNull(customers.mergedIntoId) : isNull(customers.mergedIntoId),
  ];
  if (input.search) {
    const pattern = containsPattern(input.search);
    const linked = db
      .select({ id: customerIdentities.id })
      .from(customerIdentities)
      .where(
        and(eq(customerIdentities.customerId, customers.id), ilike(customerIdentities.externalId, pattern)),
      );
    const match = or(ilike(customers.name, pattern), ilike(customers.email, pattern), exists(linked));
    if (match) conditions.push(match);
  }
  if (input.tag) conditions.push(arrayContains(customers.tags, [input.tag.toLowerCase()]));
  if (input.currency) conditions.push(eq(customers.currency, input.currency.toUpperCase()));
  const { sort, direction } = input;
  return pageRows<Customer, P>(input, {
    keys: [
      { column: sortColumns[sort], direction },
      { column: customers.id, direction },
    ],
    scope: {
      list: 'customers',
      sort,
      direction,
      search: input.search,
      tag: input.tag?.toLowerCase(),
      currency: input.currency?.toUpperCase(),
      status: input.status ?? 'active',
    },
    where: and(...conditions),
    rows: (q) =>
      db
        .select({ row: customers, keys: q.keys })
        .from(customers)
        .where(q.where)
        .orderBy(...q.orderBy)
        .limit(q.limit)
        .offset(q.offset),
    count: async (where) => (await db.select({ total: count() }).from(customers).where(where))[0]?.total ?? 0,
  });
}
