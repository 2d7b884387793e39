import { isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
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

/** Resolves customers' tax from rates read once. */
export type TaxResolver = (customer: TaxCustomer) => ResolvedTax;

// Active rates keyed the way customers are matched: country upper case, region lower case.
const keyOf = (country: string, region: string | null) =>
  `${country.toUpperCase()}|${region?.toLowerCase() ?? ''}`;

/**
 * Reads the active rates once (there is at most one per country and region, and they are few) and
 * answers for any number of customers: none for an exempt one (a business with a tax id accounts
 * for it itself: reverse charge), else the active rate of their region, else their country's, else
 * none. The bill run resolves a whole batch with one read.
 */
export async function taxResolver(db: DbOrTx): Promise<TaxResolver> {
  const rates = await db.select().from(taxRates).where(isNull(taxRates.archivedAt));
  const byPlace = new Map(rates.map((rate) => [keyOf(rate.country, rate.region?.trim() ?? null), rate]));
  return (customer) => {
    if (customer.taxExempt) {
      const note = customer.taxId
        ? `Reverse charge: VAT to be accounted for by the recipient (tax id ${customer.taxId})`
        : 'Tax exempt';
      return { rate: null, note };
    }
    const country = customer.country?.trim();
    if (!country) return { rate: null, note: null };
    const region = customer.region?.trim() || null;
    const rate = (region && byPlace.get(keyOf(country, region))) || byPlace.get(keyOf(country, null)) || null;
    return { rate, note: null };
  };
}

/** One customer's tax (see taxResolver). */
export async function resolveTaxRate(db: DbOrTx, customer: TaxCustomer): Promise<ResolvedTax> {
  return (await taxResolver(db))(customer);
}
