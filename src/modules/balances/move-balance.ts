import { validationError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { postEntry, type PostedEntry } from '../ledger/index.js';
import { balanceAccountKey, operatorAccount, operatorBalancePurposes } from './balance-accounts.js';

export interface BalanceMovement {
  customerId: string;
  /** ISO 4217; the balance account is per currency. */
  currency: string;
  /** Minor units, more than zero. */
  amount: bigint;
  /** The ledger entry's kind, e.g. `payment.top_up` or `referral.reward`; the history filters on it. */
  kind: string;
  description: string;
  /** What caused it; the same reference moves the balance once. */
  sourceRef?: string | undefined;
  /** When it happened (a test clock's time, say); now by default. */
  at?: Date | undefined;
  /**
   * The operator's account on the other side, as its purpose (`operator:<purpose>:<currency>`):
   * where the money comes from on a credit, or goes to on a debit. Default `balance_adjustments`.
   */
  operatorPurpose?: string | undefined;
}

async function move(tx: DbOrTx, clock: Clock, input: BalanceMovement, sign: 1n | -1n): Promise<PostedEntry> {
  // The direction is the function's name; a negative amount would silently turn it round.
  if (input.amount <= 0n) throw validationError({ amount: 'must be more than 0' });
  const operator = operatorAccount(
    input.operatorPurpose ?? operatorBalancePurposes.adjustments,
    input.currency,
  );
  return postEntry(tx, clock, {
    kind: input.kind,
    description: input.description,
    occurredAt: input.at,
    sourceRef: input.sourceRef,
    lines: [
      {
        accountKey: balanceAccountKey(input.customerId, input.currency),
        amount: sign * input.amount,
        unit: input.currency,
      },
      { accountKey: operator, amount: -sign * input.amount, unit: input.currency },
    ],
  });
}

/** Adds money to a customer's balance, in the caller's transaction (a top-up, a reward, a credit note). */
export function creditCustomerBalance(
  tx: DbOrTx,
  clock: Clock,
  input: BalanceMovement,
): Promise<PostedEntry> {
  return move(tx, clock, input, 1n);
}

/**
 * Takes money from a customer's balance, in the caller's transaction; refused with
 * `insufficient_balance` (409) when the balance holds less, and nothing is written.
 */
export function debitCustomerBalance(tx: DbOrTx, clock: Clock, input: BalanceMovement): Promise<PostedEntry> {
  return move(tx, clock, input, -1n);
}
