import {
  and,
  arrayContains,
  asc,
  count,
  desc,
  eq,
  exists,
  ilike,
  isNotNull,
  isNull,
  or,
  type SQL,
} from 'drizzle-orm';
import { containsPattern } from '../../lib/db/contains-pattern.js';
import type { DbOrTx } from '../../lib/db/database.js';
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
  page: number;
  pageSize: number;
}

const sortColumns = { name: customers.name, email: customers.email, createdAt: customers.createdAt };

/** A page of customers matching a search, tag, currency and status. */
export async function listCustomers(
  db: DbOrTx,
  input: ListCustomersInput,
): Promise<{ rows: Customer[]; total: number }> {
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
  const where = and(...conditions);
  const column = sortColumns[input.sort];
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(customers)
      .where(where)
      .orderBy(input.direction === 'asc' ? asc(column) : desc(column), asc(customers.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ total: count() }).from(customers).where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}
