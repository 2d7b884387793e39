import { and, asc, eq, gt, inArray, isNull, lte, min, sql } from 'drizzle-orm';
import { anyOf } from '../../lib/db/any-of.js';
import type { DbOrTx } from '../../lib/db/database.js';
import type { DueWorkScope } from '../../lib/due-work.js';
import { inCustomerRange } from './due-scope.js';
import { subscriptionCharges } from './schema.js';
import type { SubscriptionCharge } from './subscription-charges.js';

/** A subscription's charges waiting for one invoice. */
export interface BillableGroup {
  subscriptionId: string;
  customerId: string;
  testClockId: string | null;
  charges: SubscriptionCharge[];
}

/** How far a walk over waiting bills has got: the last bill-opening charge it claimed (by id). */
export type BillableCursor = bigint;

/** A claimed batch, and where the walk goes on from (null when it reached the end). */
export interface BillableClaim {
  groups: BillableGroup[];
  cursor: BillableCursor | null;
  /** Bills the walk locked, some of which may wait for an earlier one another run holds. */
  claimed: number;
}

// Charges that start a bill: a period (or the setup fee that comes with the first one). Prorations
// and credits wait for the next of these, as Stripe's default does.
const billStarters = ['period_charge', 'setup_fee'] as const;

/**
 * Bill-opening charges not yet invoiced, in the scope: the billable index covers exactly these, and
 * the charges carry their customer and test clock, so the subscriptions table is not read.
 */
function waitingBills(scope: DueWorkScope) {
  return and(
    isNull(subscriptionCharges.invoiceId),
    inArray(subscriptionCharges.kind, [...billStarters]),
    scope.testClockId === null
      ? isNull(subscriptionCharges.testClockId)
      : eq(subscriptionCharges.testClockId, scope.testClockId),
    inCustomerRange(subscriptionCharges.customerId, scope),
  );
}

/** When the earliest bill in this world falls due (a period charge not yet invoiced), if any. */
export async function nextBillableAt(db: DbOrTx, scope: DueWorkScope): Promise<Date | null> {
  const [row] = await db
    .select({ at: min(subscriptionCharges.createdAt) })
    .from(subscriptionCharges)
    .where(waitingBills(scope));
  return row?.at ?? null;
}

/**
 * One bill per subscription: its earliest opening charge and what waited before it — when that
 * opener is one this walk holds. (When another run holds it, that run bills the earlier period, and
 * this one waits for a later walk.)
 */
function firstBillOf(group: BillableGroup, held: ReadonlySet<bigint>): BillableGroup | null {
  const openers = group.charges.filter((charge) => (billStarters as readonly string[]).includes(charge.kind));
  const firstAt = Math.min(...openers.map((charge) => charge.createdAt.getTime()));
  const first = openers.filter((charge) => charge.createdAt.getTime() === firstAt);
  if (first.length === 0 || !first.every((charge) => held.has(charge.id))) return null;
  return { ...group, charges: group.charges.filter((charge) => charge.createdAt.getTime() <= firstAt) };
}

/**
 * Claims, in the caller's transaction, up to `limit` waiting bills due by `until`, walking them in
 * the order their charges were written (by id) from `after`, so the rows it reads and then updates
 * lie side by side on disk rather than scattered over the table; a customer range is checked inside
 * the index. The bill-opening charges it takes stay locked until the transaction ends; ones another
 * run holds are skipped, so runs share the work. A subscription gives
 * one bill per claim — its earliest period with everything waiting before it; later periods wait for
 * the next walk. A change made meanwhile writes its charges at a later moment, so they wait for the
 * next period. Invoiced charges are no longer claimable, so a rerun after a crash continues where it
 * stopped.
 */
export async function claimBillableCharges(
  tx: DbOrTx,
  scope: DueWorkScope,
  until: Date,
  limit: number,
  after: BillableCursor | null,
): Promise<BillableClaim> {
  const claimed = await tx
    .select({
      id: subscriptionCharges.id,
      subscriptionId: subscriptionCharges.subscriptionId,
      customerId: subscriptionCharges.customerId,
      testClockId: subscriptionCharges.testClockId,
    })
    .from(subscriptionCharges)
    .where(
      and(
        waitingBills(scope),
        lte(subscriptionCharges.createdAt, until),
        after === null ? undefined : gt(subscriptionCharges.id, after),
      ),
    )
    .orderBy(asc(subscriptionCharges.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  const last = claimed.at(-1);
  const cursor = claimed.length < limit || !last ? null : last.id;
  if (claimed.length === 0) return { groups: [], cursor, claimed: 0 };

  const groups = new Map<string, BillableGroup>(
    claimed.map(({ subscriptionId, customerId, testClockId }) => [
      subscriptionId,
      { subscriptionId, customerId, testClockId, charges: [] },
    ]),
  );
  const charges = await tx
    .select()
    .from(subscriptionCharges)
    .where(
      and(
        anyOf(subscriptionCharges.subscriptionId, [...groups.keys()], 'uuid'),
        isNull(subscriptionCharges.invoiceId),
        lte(subscriptionCharges.createdAt, until),
      ),
    )
    .orderBy(asc(subscriptionCharges.subscriptionId), asc(subscriptionCharges.id));
  for (const charge of charges) groups.get(charge.subscriptionId)?.charges.push(charge);
  const held = new Set(claimed.map((row) => row.id));
  return {
    groups: [...groups.values()].flatMap((group) => firstBillOf(group, held) ?? []),
    cursor,
    claimed: claimed.length,
  };
}

/** Records which invoice took which charges, for a whole batch in one statement. */
export async function markChargesInvoiced(
  tx: DbOrTx,
  taken: readonly { chargeIds: readonly bigint[]; invoiceId: string }[],
): Promise<void> {
  const pairs = taken.flatMap(({ chargeIds, invoiceId }) => chargeIds.map((id) => ({ id, invoiceId })));
  if (pairs.length === 0) return;
  await tx.execute(sql`
    UPDATE subscription_charges AS c SET invoice_id = v.invoice_id
    FROM unnest(${sql.param(pairs.map((pair) => pair.id.toString()))}::bigint[],
                ${sql.param(pairs.map((pair) => pair.invoiceId))}::uuid[]) AS v(id, invoice_id)
    WHERE c.id = v.id`);
}

/**
 * How many bills are due by `until` (for a progress bar): one per subscription and opening moment,
 * as a period and the setup fee made with it make one bill.
 */
export async function countBillable(db: DbOrTx, scope: DueWorkScope, until: Date): Promise<number> {
  const [row] = await db
    .select({
      due: sql<number>`count(DISTINCT (${subscriptionCharges.subscriptionId}, ${subscriptionCharges.createdAt}))::int`,
    })
    .from(subscriptionCharges)
    .where(and(waitingBills(scope), lte(subscriptionCharges.createdAt, until)));
  return row?.due ?? 0;
}
