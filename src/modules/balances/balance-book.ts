import type { DbOrTx } from '../../lib/db/database.js';
import { lockCustomerBalances, type EntryLineInput } from '../ledger/index.js';
import { balanceAccountKey } from './balance-accounts.js';

/**
 * Many customers' balances, locked and read once, from which invoices take what they can in
 * memory; `lines` are then the balance side of one entry the caller posts in the same transaction.
 * This is how a bill-run batch applies balances set-based: one read, one entry.
 */
export interface BalanceBook {
  /** Takes up to `upTo` from the customer's balance in that currency; answers what was taken. */
  take(customerId: string, currency: string, upTo: bigint): bigint;
  /** One negative line per balance account taken from, in the given currency. */
  lines(currency: string): EntryLineInput[];
}

export async function openBalanceBook(
  tx: DbOrTx,
  wanted: readonly { customerId: string; currency: string }[],
): Promise<BalanceBook> {
  const left = await lockCustomerBalances(
    tx,
    wanted.map((want) => balanceAccountKey(want.customerId, want.currency)),
  );
  const taken = new Map<string, { currency: string; amount: bigint }>();
  return {
    take(customerId, currency, upTo) {
      const key = balanceAccountKey(customerId, currency);
      const available = left.get(key) ?? 0n;
      const amount = upTo < available ? upTo : available;
      if (amount <= 0n) return 0n;
      left.set(key, available - amount);
      const before = taken.get(key)?.amount ?? 0n;
      taken.set(key, { currency, amount: before + amount });
      return amount;
    },
    lines(currency) {
      return [...taken]
        .filter(([, take]) => take.currency === currency)
        .map(([accountKey, take]) => ({ accountKey, amount: -take.amount, unit: currency }));
    },
  };
}
