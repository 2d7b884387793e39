import { and, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import { recordEvents } from '../events/index.js';
import { creditThresholds } from './schema.js';

/**
 * Tells the customer's threshold for `unit` (if one is set) the balance after a change. Crossing
 * below it records one `credits.low_balance` event; rising back to it re-arms it. One statement: the
 * row only changes, and an event only fires, when the side of the line changes.
 */
export async function noteBalance(
  tx: DbOrTx,
  input: { customerId: string; unit: string; balance: bigint; at: Date },
): Promise<void> {
  const below = sql`(${input.balance.toString()}::bigint < ${creditThresholds.threshold})`;
  const [crossed] = await tx
    .update(creditThresholds)
    .set({ below: sql`${below}`, updatedAt: input.at })
    .where(
      and(
        eq(creditThresholds.customerId, input.customerId),
        eq(creditThresholds.unit, input.unit),
        ne(creditThresholds.below, below),
      ),
    )
    .returning({ threshold: creditThresholds.threshold, below: creditThresholds.below });
  if (!crossed?.below) return;
  await recordEvents(tx, [
    {
      type: 'credits.low_balance',
      entityType: 'customer',
      entityId: input.customerId,
      payload: {
        customerId: input.customerId,
        unit: input.unit,
        balance: input.balance.toString(),
        threshold: crossed.threshold.toString(),
      },
      occurredAt: input.at,
    },
  ]);
}
