import { asc, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import { ledgerAccounts } from './schema.js';

/**
 * Locks the customer accounts among `keys` that exist (in id order, like postEntry, so it cannot
 * deadlock with an entry) and answers their balances; a key with no account holds zero. For a caller
 * that decides how much to take from many accounts at once and posts the entry later in the same
 * transaction, so nothing can be taken from them in between.
 */
export async function lockCustomerBalances(
  tx: DbOrTx,
  keys: readonly string[],
): Promise<Map<string, bigint>> {
  const customerKeys = [...new Set(keys)].filter((key) => key.startsWith('customer:'));
  const balances = new Map<string, bigint>();
  if (customerKeys.length === 0) return balances;
  const rows = await tx
    .select({ key: ledgerAccounts.key, balance: ledgerAccounts.balance })
    .from(ledgerAccounts)
    .where(inArray(ledgerAccounts.key, customerKeys))
    .orderBy(asc(ledgerAccounts.id))
    .for('update');
  for (const row of rows) balances.set(row.key, row.balance);
  return balances;
}
