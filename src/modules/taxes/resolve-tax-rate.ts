import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import { sameRegion } from './find-tax-rate.js';
import type { TaxRate } from './tax-types.js';
import { taxRates } from './schema.js';

/** What decides a customer's tax. */
export interface TaxCustomer {
  country: string | null;
  region: string | null;
  taxExempt: boolean;
  taxId: string | null;
}

/** The rate to charge (none when exempt or unknown) and the line an invoice must print, if any. */
export interface ResolvedTax {
  rate: TaxRate | null;
  note: string | null;
}

async function activeRate(db: DbOrTx, country: string, region: string | null): Promise<TaxRate | null> {
  const [rate] = await db
    .select()
    .from(taxRates)
    .where(
      and(
        eq(taxRates.country, country),
        region === null ? isNull(taxRates.region) : sameRegion(region),
        isNull(taxRates.archivedAt),
      ),
    )
    .limit(1);
  return rate ?? null;
}

/**
 * The tax of a customer: none for an exempt one (a business with a tax id accounts for it itself:
 * reverse charge), else the active rate of their region, else their country's, else none.
 */
export async function resolveTaxRate(db: DbOrTx, customer: TaxCustomer): Promise<ResolvedTax> {
  if (customer.taxExempt) {
    const note = customer.taxId
      ? `Reverse charge: VAT to be accounted for by the recipient (tax id ${customer.taxId})`
      : 'Tax exempt';
    return { rate: null, note };
  }
  const country = customer.country?.trim().toUpperCase();
  if (!country) return { rate: null, note: null };
  const region = customer.region?.trim() || null;
  // One after the other: `db` may be a transaction, whose single connection takes one query at a time.
  const rate = (region && (await activeRate(db, country, region))) || (await activeRate(db, country, null));
  return { rate, note: null };
}
