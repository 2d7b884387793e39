import type { DbOrTx } from '../../lib/db/database.js';
import type { PageOf, Paging } from '../../lib/db/keyset-cursor.js';
import { ownerBalances, ownerKinds, ownerLines, type AccountHistoryLine } from '../ledger/index.js';

export interface CustomerBalance {
  currency: string;
  /** Minor units the operator owes the customer; never below zero. */
  balance: bigint;
}

/** A customer's money balance in each currency it has ever held one. */
export async function customerBalances(db: DbOrTx, customerId: string): Promise<CustomerBalance[]> {
  return (await ownerBalances(db, customerId, 'balance')).map((row) => ({
    currency: row.unit,
    balance: row.balance,
  }));
}

export interface BalanceHistoryFilter {
  currency?: string | undefined;
  kind?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

export type BalanceHistoryLine = AccountHistoryLine;

/** The movements of a customer's balance (all currencies unless one is named), newest first. */
export function balanceHistory<P extends Paging>(
  db: DbOrTx,
  customerId: string,
  input: BalanceHistoryFilter & P,
): Promise<PageOf<BalanceHistoryLine, P>> {
  return ownerLines<P>(db, { ...input, unit: input.currency, ownerId: customerId, purpose: 'balance' });
}

/** The entry kinds that ever moved a customer's balance, for the history's filter. */
export function balanceKindsOf(db: DbOrTx, customerId: string): Promise<string[]> {
  return ownerKinds(db, customerId, 'balance');
}
