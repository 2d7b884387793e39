import { z } from 'zod';
import { parseInput } from '../../lib/validation.js';
import type { Actor } from '../audit/index.js';
import { operatorBalancePurposes } from './balance-accounts.js';
import { balanceChangeFields, positiveMinorUnits } from './balance-input.js';
import type { BalancesContext } from './context.js';
import { staffBalanceChange, type BalanceChangeResult } from './staff-balance-change.js';

const adjustmentInput = z.object({
  ...balanceChangeFields,
  direction: z.enum(['credit', 'debit'], { error: 'must be credit or debit' }),
});

export type BalanceAdjustmentInput = z.input<typeof adjustmentInput>;

/**
 * Staff credit or debit a customer's balance by hand (goodwill, a correction), with a reason for
 * the audit log; the operator's side is its balance-adjustments account. A debit never takes the
 * balance below zero.
 */
export async function adjustBalance(
  ctx: BalancesContext,
  customerId: string,
  input: BalanceAdjustmentInput,
  actor: Actor,
): Promise<BalanceChangeResult> {
  const data = parseInput(adjustmentInput, input);
  return staffBalanceChange(
    ctx,
    {
      customerId,
      currency: data.currency,
      amount: positiveMinorUnits(data.amount, data.currency),
      direction: data.direction,
      reason: data.reason,
      kind: 'balance.adjustment',
      auditAction: `customer.balance_${data.direction === 'credit' ? 'credited' : 'debited'}`,
      operatorPurpose: operatorBalancePurposes.adjustments,
    },
    actor,
  );
}
