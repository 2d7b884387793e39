import { asc, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import { ledgerAccounts } from './schema.js';

/**
 * Cached balances of customer accounts by key (accounts never used are left out). With `lock`, the
 * rows are locked in id order — the order postEntry locks in, so a caller that must read balances
 * before deciding its lines (spending credits across lots) cannot deadlock with an entry.
 */
export async function customerBalances(
  db: DbOrTx,
  keys: readonly string[],
  options: { lock: boolean },
): Promise<Map<string, bigint>> {
  if (keys.length === 0) return new Map();
  const query = db
    .select({ key: ledgerAccounts.key, balance: ledgerAccounts.balance })
    .from(ledgerAccounts)
    .where(inArray(ledgerAccounts.key, [...keys]))
    .orderBy(asc(ledgerAccounts.id));
  const rows = options.lock ? await query.for('update') : await query;
  return new Map(rows.map((row) => [row.key, row.balance]));
}
