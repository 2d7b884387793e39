import { and, asc, count, eq, ilike, isNotNull, isNull, or, type SQL } from 'drizzle-orm';
import { containsPattern } from '../../lib/db/contains-pattern.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { pageRows, type PageOf, type Paging } from '../../lib/db/keyset-cursor.js';
import type { TaxRate } from './tax-types.js';
import { taxRates } from './schema.js';

export const taxRateSortKeys = ['country', 'name', 'createdAt'] as const;
export type TaxRateSortKey = (typeof taxRateSortKeys)[number];

export interface ListTaxRatesInput {
  /** Two letters; matched in capitals. */
  country?: string | undefined;
  /** Matches the name or the region. */
  search?: string | undefined;
  status?: 'active' | 'archived' | undefined;
  sort: TaxRateSortKey;
  direction: 'asc' | 'desc';
}

const sortColumns = { country: taxRates.country, name: taxRates.name, createdAt: taxRates.createdAt };

/** A page of tax rates: by offset ({page, pageSize}, with the total) or by cursor ({cursor, limit}). */
export async function listTaxRates<P extends Paging>(
  db: DbOrTx,
  input: ListTaxRatesInput & P,
): Promise<PageOf<TaxRate, P>> {
  const country = input.country?.trim().toUpperCase() || undefined;
  const conditions: SQL[] = [];
  if (country) conditions.push(eq(taxRates.country, country));
  if (input.search) {
    const pattern = containsPattern(input.search);
    const match = or(ilike(taxRates.name, pattern), ilike(taxRates.region, pattern));
    if (match) conditions.push(match);
  }
  if (input.status === 'active') conditions.push(isNull(taxRates.archivedAt));
  if (input.status === 'archived') conditions.push(isNotNull(taxRates.archivedAt));
  const where = conditions.length ? and(...conditions) : undefined;
  const { sort, direction } = input;
  return pageRows<TaxRate, P>(input, {
    keys: [
      { column: sortColumns[sort], direction },
      // Within a country, by name: a country's rates (the country's, its regions') read in order.
      ...(sort === 'country' ? [{ column: taxRates.name, direction }] : []),
      { column: taxRates.id, direction },
    ],
    scope: { list: 'tax_rates', sort, direction, country, search: input.search, status: input.status },
    where,
    rows: async (q) => {
      const rows = await db
        .select({ rate: taxRates, keys: q.keys })
        .from(taxRates)
        .where(q.where)
        .orderBy(...q.orderBy)
        .limit(q.limit)
        .offset(q.offset);
      return rows.map(({ rate, keys }) => ({ row: rate, keys }));
    },
    count: async (where) => (await db.select({ total: count() }).from(taxRates).where(where))[0]?.total ?? 0,
  });
}

/** The countries that have tax rates (archived ones too), for filtering by them. */
export async function listTaxRateCountries(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .selectDistinct({ country: taxRates.country })
    .from(taxRates)
    .orderBy(asc(taxRates.country));
  return rows.map((row) => row.country);
}
