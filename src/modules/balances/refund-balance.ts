import { z } from 'zod';
import { parseInput } from '../../lib/validation.js';
import type { Actor } from '../audit/index.js';
import { operatorBalancePurposes } from './balance-accounts.js';
import { balanceChangeFields, positiveMinorUnits } from './balance-input.js';
import type { BalancesContext } from './context.js';
import { staffBalanceChange, type BalanceChangeResult } from './staff-balance-change.js';

const refundInput = z.object(balanceChangeFields);

export type BalanceRefundInput = z.input<typeof refundInput>;

/**
 * Pays (part of) a customer's balance back out to them: the balance goes down and the payout is
 * recorded on the operator's refunds account — the money staff then send by their own means.
 */
export async function refundBalance(
  ctx: BalancesContext,
  customerId: string,
  input: BalanceRefundInput,
  actor: Actor,
): Promise<BalanceChangeResult> {
  const data = parseInput(refundInput, input);
  return staffBalanceChange(
    ctx,
    {
      customerId,
      currency: data.currency,
      amount: positiveMinorUnits(data.amount, data.currency),
      direction: 'debit',
      reason: data.reason,
      kind: 'balance.refund',
      auditAction: 'customer.balance_refunded',
      operatorPurpose: operatorBalancePurposes.refunds,
    },
    actor,
  );
}
