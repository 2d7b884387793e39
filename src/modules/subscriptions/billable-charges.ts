import { and, asc, countDistinct, eq, inArray, isNull, lte, min } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import type { DueWorkScope } from '../../lib/due-work.js';
import { inScope } from './due-scope.js';
import { subscriptionCharges, subscriptions } from './schema.js';
import type { SubscriptionCharge } from './subscription-charges.js';

/** A subscription's charges waiting for one invoice. */
export interface BillableGroup {
  subscriptionId: string;
  customerId: string;
  testClockId: string | null;
  charges: SubscriptionCharge[];
}

// Charges that start a bill: a period (or the setup fee that comes with the first one). Prorations
// and credits wait for the next of these, as Stripe's default does.
const billStarters = ['period_charge', 'setup_fee'] as const;

/** When the earliest bill in this world falls due (a period charge not yet invoiced), if any. */
export async function nextBillableAt(db: DbOrTx, scope: DueWorkScope): Promise<Date | null> {
  const [row] = await db
    .select({ at: min(subscriptionCharges.createdAt) })
    .from(subscriptionCharges)
    .innerJoin(subscriptions, eq(subscriptions.id, subscriptionCharges.subscriptionId))
    .where(
      and(
        isNull(subscriptionCharges.invoiceId),
        inArray(subscriptionCharges.kind, [...billStarters]),
        inScope(scope),
      ),
    );
  return row?.at ?? null;
}

/**
 * Claims, in the caller's transaction, up to `limit` subscriptions' worth of charges to invoice: every
 * subscription with a period charge due by `until`, with all its uninvoiced charges up to then. Rows
 * another instance holds are skipped, so instances share the work; once invoiced they are no longer
 * claimable, so a rerun after a crash continues where it stopped.
 */
export async function claimBillableCharges(
  tx: DbOrTx,
  scope: DueWorkScope,
  until: Date,
  limit: number,
): Promise<BillableGroup[]> {
  const due = tx
    .selectDistinct({ id: subscriptionCharges.subscriptionId })
    .from(subscriptionCharges)
    .innerJoin(subscriptions, eq(subscriptions.id, subscriptionCharges.subscriptionId))
    .where(
      and(
        isNull(subscriptionCharges.invoiceId),
        inArray(subscriptionCharges.kind, [...billStarters]),
        lte(subscriptionCharges.createdAt, until),
        inScope(scope),
      ),
    )
    .limit(limit);
  const rows = await tx
    .select({
      charge: subscriptionCharges,
      customerId: subscriptions.customerId,
      testClockId: subscriptions.testClockId,
    })
    .from(subscriptionCharges)
    .innerJoin(subscriptions, eq(subscriptions.id, subscriptionCharges.subscriptionId))
    .where(
      and(
        isNull(subscriptionCharges.invoiceId),
        lte(subscriptionCharges.createdAt, until),
        inArray(subscriptionCharges.subscriptionId, due),
      ),
    )
    .orderBy(asc(subscriptionCharges.subscriptionId), asc(subscriptionCharges.id))
    .for('update', { of: subscriptionCharges, skipLocked: true });
  const groups = new Map<string, BillableGroup>();
  for (const { charge, customerId, testClockId } of rows) {
    const group = groups.get(charge.subscriptionId) ?? {
      subscriptionId: charge.subscriptionId,
      customerId,
      testClockId,
      charges: [],
    };
    group.charges.push(charge);
    groups.set(charge.subscriptionId, group);
  }
  // One period per invoice: the earliest bill-opening charge and what was waiting before it; later
  // periods stay for the next batch. A group whose opening charge another instance holds is left.
  return [...groups.values()].flatMap((group) => {
    const openers = group.charges.filter((charge) =>
      (billStarters as readonly string[]).includes(charge.kind),
    );
    if (openers.length === 0) return [];
    const firstAt = Math.min(...openers.map((charge) => charge.createdAt.getTime()));
    return [{ ...group, charges: group.charges.filter((charge) => charge.createdAt.getTime() <= firstAt) }];
  });
}

/** Records which invoice took these charges, in the invoice's transaction. */
export async function markChargesInvoiced(tx: DbOrTx, chargeIds: bigint[], invoiceId: string): Promise<void> {
  if (chargeIds.length === 0) return;
  await tx.update(subscriptionCharges).set({ invoiceId }).where(inArray(subscriptionCharges.id, chargeIds));
}

/** How many subscriptions have a bill due by `until` (for a progress bar). */
export async function countBillable(db: DbOrTx, scope: DueWorkScope, until: Date): Promise<number> {
  const [row] = await db
    .select({ due: countDistinct(subscriptionCharges.subscriptionId) })
    .from(subscriptionCharges)
    .innerJoin(subscriptions, eq(subscriptions.id, subscriptionCharges.subscriptionId))
    .where(
      and(
        isNull(subscriptionCharges.invoiceId),
        inArray(subscriptionCharges.kind, [...billStarters]),
        lte(subscriptionCharges.createdAt, until),
        inScope(scope),
      ),
    );
  return row?.due ?? 0;
}
