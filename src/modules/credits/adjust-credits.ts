import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { validationError } from '../../lib/app-error.js';
import { parseInput } from '../../lib/validation.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import { findCustomer } from '../customers/index.js';
import { timeFor } from '../test-clocks/index.js';
import type { CreditsContext } from './context.js';
import { unitBalance } from './credit-balance.js';
import { creditAmountField, creditUnitField } from './credit-fields.js';
import { grantCredits } from './credit-grants.js';
import { spendCredits } from './spend-credits.js';

const adjustInput = z.object({
  direction: z.enum(['grant', 'deduct'], { error: 'must be grant or deduct' }),
  amount: creditAmountField,
  unit: creditUnitField,
  reason: z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required: say why, for the audit log')
    .max(500, 'must be at most 500 characters'),
  expiresAt: z.coerce.date({ error: 'must be a date and time' }).nullable().default(null),
});

export type AdjustCreditsInput = z.input<typeof adjustInput>;

/**
 * Staff give credits (goodwill, a correction; optionally expiring) or take them back (in spending
 * order, never below zero). The reason is required and audited.
 */
export async function adjustCredits(
  ctx: CreditsContext,
  customerId: string,
  input: AdjustCreditsInput,
  actor: Actor,
): Promise<{ unit: string; balance: bigint }> {
  const data = parseInput(adjustInput, input);
  const realNow = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const customer = await findCustomer(tx, customerId);
    const at = await timeFor(tx, customer.testClockId, realNow);
    if (data.direction === 'grant' && data.expiresAt && data.expiresAt <= at)
      throw validationError({ expiresAt: 'must be in the future' });
    if (data.direction === 'deduct' && data.expiresAt)
      throw validationError({ expiresAt: 'only applies to credits given' });
    let balance: bigint;
    if (data.direction === 'grant') {
      await grantCredits(tx, ctx.clock, {
        customerId,
        testClockId: customer.testClockId,
        unit: data.unit,
        amount: data.amount,
        source: 'adjustment',
        description: data.reason,
        expiresAt: data.expiresAt,
        sourceRef: `adjustment:${randomUUID()}`,
        at,
      });
      balance = await unitBalance(tx, customerId, data.unit, at);
    } else {
      balance = await spendCredits(tx, ctx.clock, {
        customerId,
        unit: data.unit,
        amount: data.amount,
        description: data.reason,
        at,
        reason: 'deducted',
      });
    }
    await recordAuditEvent(tx, {
      actor,
      action: `credits.${data.direction === 'grant' ? 'granted' : 'deducted'}`,
      entityType: 'customer',
      entityId: customerId,
      before: {},
      after: {
        unit: data.unit,
        amount: data.amount.toString(),
        reason: data.reason,
        balance: balance.toString(),
      },
      at: realNow,
    });
    return { unit: data.unit, balance };
  });
}
