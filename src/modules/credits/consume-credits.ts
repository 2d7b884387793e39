import { z } from 'zod';
import { parseInput } from '../../lib/validation.js';
import type { CreditsContext } from './context.js';
import { creditAmountField, creditDescriptionField, creditUnitField } from './credit-fields.js';
import { customerTime } from './customer-time.js';
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
 * nothing. A low-balance threshold crossed on the way records its event. One statement, no
 * transaction around it: see spendCredits.
 */
export async function consumeCredits(
  ctx: CreditsContext,
  customerId: string,
  input: ConsumeCreditsInput,
): Promise<Consumption> {
  const data = parseInput(consumeInput, input);
  const at = await customerTime(ctx.db, customerId, ctx.clock.now());
  const balance = await spendCredits(ctx.db, ctx.clock, {
    customerId,
    unit: data.unit,
    amount: data.amount,
    description: data.description,
    at,
  });
  return { unit: data.unit, consumed: data.amount, balance, at };
}
