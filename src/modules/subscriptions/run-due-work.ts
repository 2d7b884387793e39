import { and, asc, eq, isNull, lte, min, type SQL } from 'drizzle-orm';
import type { Db } from '../../lib/db/database.js';
import type { DueWork, DueWorkScope } from '../../lib/due-work.js';
import { systemActor } from '../audit/index.js';
import type { SubscriptionsContext } from './context.js';
import { dueStep } from './due-steps.js';
import { persistSteps } from './persist-steps.js';
import { subscriptions } from './schema.js';
import { loadFacts } from './subscription-facts.js';

// Subscriptions per transaction: large enough for set-based statements to pay off, small enough
// that a batch's locks and memory stay modest and a crash repeats little.
const batchSize = 2000;

function inScope(scope: DueWorkScope): SQL {
  return scope.testClockId === null
    ? isNull(subscriptions.testClockId)
    : eq(subscriptions.testClockId, scope.testClockId);
}

/**
 * Runs one batch: locks up to `batchSize` due subscriptions (skipping any another instance holds),
 * works out each one's next step and writes them all. Each subscription moves one step per batch,
 * so the caller repeats until nothing is due; a crash loses only an uncommitted batch.
 */
async function runBatch(db: Db, scope: DueWorkScope, until: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(subscriptions)
      .where(and(inScope(scope), lte(subscriptions.nextDueAt, until)))
      .orderBy(asc(subscriptions.nextDueAt))
      .limit(batchSize)
      .for('update', { skipLocked: true });
    if (rows.length === 0) return 0;
    const facts = await loadFacts(tx, rows);
    await persistSteps(
      tx,
      rows.map((row) => dueStep(row, facts)),
      systemActor,
      { auditAt: null },
    );
    return rows.length;
  });
}

/** The subscriptions' share of the bill run: renewals, trial ends, booked cancellations, resumes, expiries. */
export function subscriptionDueWork(ctx: SubscriptionsContext): DueWork {
  return {
    name: 'subscriptions',
    async nextDueAt(db: Db, scope: DueWorkScope) {
      const [row] = await db
        .select({ at: min(subscriptions.nextDueAt) })
        .from(subscriptions)
        .where(inScope(scope));
      return row?.at ?? null;
    },
    async runDue(scope: DueWorkScope, until: Date) {
      let handled = 0;
      for (let batch = await runBatch(ctx.db, scope, until); batch > 0;) {
        handled += batch;
        batch = await runBatch(ctx.db, scope, until);
      }
      return handled;
    },
  };
}
