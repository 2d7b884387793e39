import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { parseInput } from '../../lib/validation.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import { findCustomer } from '../customers/index.js';
import { timeFor } from '../test-clocks/index.js';
import type { CreditsContext } from './context.js';
import { unitBalance } from './credit-balance.js';
import { creditAmountField, creditUnitField } from './credit-fields.js';
import { creditThresholds } from './schema.js';

const thresholdInput = z.object({
  unit: creditUnitField,
  threshold: creditAmountField.nullable(),
});

export type SetThresholdInput = z.input<typeof thresholdInput>;

/**
 * Sets (or with null removes) the balance under which a customer's `credits.low_balance` event
 * fires. It starts on the side of the line the balance is on now, so setting it above the balance
 * does not fire at once; the next spend that stays below does not either — only a crossing does.
 */
export async function setLowBalanceThreshold(
  ctx: CreditsContext,
  customerId: string,
  input: SetThresholdInput,
  actor: Actor,
): Promise<void> {
  const data = parseInput(thresholdInput, input);
  const realNow = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const customer = await findCustomer(tx, customerId);
    const key = and(eq(creditThresholds.customerId, customerId), eq(creditThresholds.unit, data.unit));
    const [before] = await tx.select().from(creditThresholds).where(key);
    if (data.threshold === null) await tx.delete(creditThresholds).where(key);
    else {
      const at = await timeFor(tx, customer.testClockId, realNow);
      const below = (await unitBalance(tx, customerId, data.unit, at)) < data.threshold;
      await tx
        .insert(creditThresholds)
        .values({ customerId, unit: data.unit, threshold: data.threshold, below, updatedAt: realNow })
        .onConflictDoUpdate({
          target: [creditThresholds.customerId, creditThresholds.unit],
          set: { threshold: data.threshold, below, updatedAt: realNow },
        });
    }
    await recordAuditEvent(tx, {
      actor,
      action: 'credits.threshold_set',
      entityType: 'customer',
      entityId: customerId,
      before: { unit: data.unit, threshold: before?.threshold.toString() ?? null },
      after: { unit: data.unit, threshold: data.threshold?.toString() ?? null },
      at: realNow,
    });
  });
}
