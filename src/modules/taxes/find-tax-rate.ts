import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { AppError } from '../../lib/app-error.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { isUuid } from '../../lib/ids.js';
import { ppmToPercent } from './tax-percent.js';
import type { TaxRate } from './tax-types.js';
import { taxRates } from './schema.js';

/** One tax rate by id; not_found when there is none. `forUpdate` locks it for a change. */
export async function getTaxRate(db: DbOrTx, id: string, forUpdate = false): Promise<TaxRate> {
  if (!isUuid(id)) throw new AppError('not_found', 'No such tax rate.');
  const query = db.select().from(taxRates).where(eq(taxRates.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found', 'No such tax rate.');
  return row;
}

/** Regions match whatever the capitals or spaces: "ny" on a customer is the "NY" of a rate. */
export const sameRegion = (region: string) => sql`lower(${taxRates.region}) = lower(${region})`;

/**
 * Refuses a second active rate for one country and region, because resolving a customer's rate
 * must have one answer. The advisory lock (per country) settles two such writes racing.
 */
export async function refuseActiveTwin(
  tx: DbOrTx,
  rate: { country: string; region: string | null },
  exceptId?: string,
): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`tax_rates:${rate.country}`}))`);
  const [twin] = await tx
    .select({ name: taxRates.name })
    .from(taxRates)
    .where(
      and(
        eq(taxRates.country, rate.country),
        rate.region === null ? isNull(taxRates.region) : sameRegion(rate.region),
        isNull(taxRates.archivedAt),
        exceptId ? ne(taxRates.id, exceptId) : undefined,
      ),
    );
  if (!twin) return;
  const where = rate.region ? `${rate.country} ${rate.region}` : rate.country;
  throw new AppError(
    'conflict',
    `"${twin.name}" is already the active rate for ${where}; archive it first, so each place has one rate.`,
    { fields: { country: `already has an active rate (${twin.name})` } },
  );
}

/** What the audit log keeps of a tax rate. */
export function taxRateSnapshot(rate: TaxRate) {
  return {
    name: rate.name,
    country: rate.country,
    region: rate.region,
    percent: ppmToPercent(rate.ratePpm),
    inclusive: rate.inclusive,
    archived: rate.archivedAt !== null,
  };
}
