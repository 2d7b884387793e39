import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import { formatNumber } from '../../lib/number-format.js';

/**
 * Takes the next number of a series in the caller's transaction. The counter row is locked by the
 * UPDATE until the transaction ends, so concurrent finalizations queue for it and each gets its own
 * number; a rollback returns the number, so the series has no gaps. A format with {YYYY} counts
 * per calendar year (UTC) of `at`; without it, one counter runs forever.
 */
export async function takeNumber(tx: DbOrTx, series: string, format: string, at: Date): Promise<string> {
  const year = format.includes('{YYYY}') ? at.getUTCFullYear() : 0;
  const result = await tx.execute<{ last_number: number }>(sql`
    INSERT INTO invoice_number_counters (series, year, last_number) VALUES (${series}, ${year}, 1)
    ON CONFLICT (series, year) DO UPDATE SET last_number = invoice_number_counters.last_number + 1
    RETURNING last_number`);
  const n = result.rows[0]?.last_number;
  if (n === undefined) throw new Error('numbering returned no row');
  return formatNumber(format, year || at.getUTCFullYear(), n);
}
