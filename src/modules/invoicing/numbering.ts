import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import { formatNumber } from '../../lib/number-format.js';

/**
 * Takes the next numbers of a series in the caller's transaction, one for each date, in order. A
 * format with {YYYY} counts per calendar year (UTC) of the date; without it, one counter runs
 * forever. Each year's counter moves once by as many numbers as that year needs, in one statement.
 * The counter rows stay locked by the UPDATE until the transaction ends, so concurrent finalizations
 * queue for them and each gets its own numbers; a rollback returns them, so the series has no gaps.
 */
export async function takeNumbers(
  tx: DbOrTx,
  series: string,
  format: string,
  dates: readonly Date[],
): Promise<string[]> {
  if (dates.length === 0) return [];
  const counted = format.includes('{YYYY}');
  const yearOf = (at: Date) => (counted ? at.getUTCFullYear() : 0);
  const needed = new Map<number, number>();
  for (const at of dates) needed.set(yearOf(at), (needed.get(yearOf(at)) ?? 0) + 1);
  const years = [...needed.keys()].sort((a, b) => a - b);
  const result = await tx.execute<{ year: number; last_number: number }>(sql`
    INSERT INTO invoice_number_counters (series, year, last_number)
    SELECT ${series}, v.year, v.count FROM unnest(${sql.param(years)}::int[],
      ${sql.param(years.map((year) => needed.get(year)))}::int[]) AS v(year, count)
    ON CONFLICT (series, year) DO UPDATE SET last_number = invoice_number_counters.last_number + excluded.last_number
    RETURNING year, last_number`);
  // The first number each year hands out next.
  const next = new Map(
    result.rows.map((row) => [row.year, row.last_number - (needed.get(row.year) ?? 0) + 1]),
  );
  return dates.map((at) => {
    const year = yearOf(at);
    const n = next.get(year);
    if (n === undefined) throw new Error(`numbering returned no counter for ${year}`);
    next.set(year, n + 1);
    return formatNumber(format, year || at.getUTCFullYear(), n);
  });
}

/** Takes the next number of a series for one document (see takeNumbers). */
export async function takeNumber(tx: DbOrTx, series: string, format: string, at: Date): Promise<string> {
  const [number] = await takeNumbers(tx, series, format, [at]);
  if (number === undefined) throw new Error('numbering returned no number');
  return number;
}
