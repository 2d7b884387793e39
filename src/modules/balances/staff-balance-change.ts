import { AppError } from '../../lib/app-error.js';
import { toDecimalString } from '../../lib/money.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import { getCustomer } from '../customers/index.js';
import { balanceOf } from '../ledger/index.js';
import { balanceAccountKey } from './balance-accounts.js';
import type { BalancesContext } from './context.js';
import { creditCustomerBalance, debitCustomerBalance } from './move-balance.js';

export interface BalanceChangeResult {
  currency: string;
  amount: bigint;
  /** The balance after the change. */
  balance: bigint;
  entryId: string;
}

interface StaffBalanceChange {
  customerId: string;
  currency: string;
  amount: bigint;
  direction: 'credit' | 'debit';
  reason: string;
  /** The ledger entry's kind and the audit row's action. */
  kind: string;
  auditAction: string;
  operatorPurpose: string;
}

/**
 * A balance change staff make by hand, in one transaction with its audit row (the reason is the
 * entry's description). A debit beyond the balance is refused naming what the balance holds.
 */
export async function staffBalanceChange(
  ctx: BalancesContext,
  change: StaffBalanceChange,
  actor: Actor,
): Promise<BalanceChangeResult> {
  const { customerId, currency, amount } = change;
  return ctx.db.transaction(async (tx) => {
    await getCustomer(tx, customerId);
    const key = balanceAccountKey(customerId, currency);
    const move = change.direction === 'credit' ? creditCustomerBalance : debitCustomerBalance;
    const posted = await move(tx, ctx.clock, {
      customerId,
      currency,
      amount,
      kind: change.kind,
      description: change.reason,
      operatorPurpose: change.operatorPurpose,
    }).catch(async (error: unknown) => {
      if (!(error instanceof AppError) || error.code !== 'insufficient_balance') throw error;
      // Named as people read money, like the other refusals: 10.00 USD, not 1000.
      const held = `${toDecimalString({ amount: await balanceOf(tx, key), currency })} ${currency}`;
      throw new AppError('insufficient_balance', `The balance holds only ${held}; it cannot go below zero.`, {
        fields: { amount: `must be at most ${held}, what the balance holds` },
      });
    });
    const balance = posted.balances[key] ?? 0n;
    const signed = change.direction === 'credit' ? amount : -amount;
    await recordAuditEvent(tx, {
      actor,
      action: change.auditAction,
      entityType: 'customer',
      entityId: customerId,
      before: { currency, balance: (balance - signed).toString() },
      after: { currency, balance: balance.toString(), amount: signed.toString(), reason: change.reason },
      at: ctx.clock.now(),
    });
    return { currency, amount, balance, entryId: posted.id };
  });
}
