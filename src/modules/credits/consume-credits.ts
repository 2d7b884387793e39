import { z } from 'zod';
import { parseInput } from '../../lib/validation.js';
import { findCustomer } from '../customers/index.js';
import { timeFor } from '../test-clocks/index.js';
import type { CreditsContext } from './context.js';
import { creditAmountField, creditDescriptionField, creditUnitField } from './credit-fields.js';
import { noteBalance } from './low-balance.js';
import { spendCredits } from './spend-credits.js';

const consumeInput = z.object({
  amount: creditAmountField,
  unit: creditUnitField,
  description: creditDescriptionField,
});

export type ConsumeCreditsInput = z.input<typeof consumeInput>;

export interface Consumption {
  unit: string;
  consumed: bigint;
  /** What is left to spend in the unit. */
  balance: bigint;
  at: Date;
}

/**
 * Usage through the API: spends `amount` of the customer's credits (subscription credits first, then
 * packs oldest first) and answers what is left, or refuses with `insufficient_credits` and spends
 * nothing. A low-balance threshold crossed on the way records its event.
 */
export async function consumeCredits(
  ctx: CreditsContext,
  customerId: string,
  input: ConsumeCreditsInput,
): Promise<Consumption> {
  const data = parseInput(consumeInput, input);
  const realNow = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const customer = await findCustomer(tx, customerId);
    const at = await timeFor(tx, customer.testClockId, realNow);
    const spent = await spendCredits(tx, ctx.clock, {
      customerId,
      unit: data.unit,
      amount: data.amount,
      description: data.description,
      at,
    });
    await noteBalance(tx, { customerId, unit: data.unit, balance: spent.balance, at });
    return { unit: data.unit, consumed: data.amount, balance: spent.balance, at };
  });
}
