import { and, asc, count, inArray, lte, min, sql } from 'drizzle-orm';
import type { Db } from '../../lib/db/database.js';
import type { DueWork, DueWorkScope } from '../../lib/due-work.js';
import { systemActor } from '../audit/index.js';
import type { SubscriptionsContext } from './context.js';
import { dueStep } from './due-steps.js';
import { persistSteps } from './persist-steps.js';
import { inScope } from './due-scope.js';
import { subscriptions } from './schema.js';
import { loadFacts } from './subscription-facts.js';

// Subscriptions per transaction: large enough for set-based statements to pay off, small enough
// that a batch's locks and memory stay modest and a crash repeats little.
const batchSize = 2000;

// Batches in flight at once, each on its own connection: while one batch's rows are worked out in
// JavaScript, PostgreSQL writes another's.
const workers = 2;

/**
 * Locks the given subscriptions that are still due (another instance may have taken some: those
 * are skipped), works out each one's next step and writes them all in one transaction. A crash
 * loses only this uncommitted batch.
 */
async function runBatch(ctx: SubscriptionsContext, ids: string[], until: Date): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(subscriptions)
      .where(and(inArray(subscriptions.id, ids), lte(subscriptions.nextDueAt, until)))
      .for('update', { skipLocked: true });
    if (rows.length === 0) return 0;
    const facts = await loadFacts(tx, rows);
    await persistSteps(
      tx,
      rows.map((row) => dueStep(row, facts)),
      systemActor,
      { auditAt: null, clock: ctx.clock },
    );
    return rows.length;
  });
}

/**
 * Pages of due subscription ids in (next_due_at, id) order, handed out one at a time. Walking by
 * key rather than re-asking "the first N due" matters at scale: every row a batch moved leaves a
 * dead index entry at its old place, and re-scanning from the start would step over all of them
 * for every batch.
 */
function duePages(db: Db, scope: DueWorkScope, until: Date): () => Promise<string[]> {
  let after: { at: Date; id: string } | null = null;
  let exhausted = false;
  let queue: Promise<unknown> = Promise.resolve();
  const fetch = async (): Promise<string[]> => {
    if (exhausted) return [];
    const rows = await db
      .select({ id: subscriptions.id, at: subscriptions.nextDueAt })
      .from(subscriptions)
      .where(
        and(
          inScope(scope),
          lte(subscriptions.nextDueAt, until),
          after
            ? sql`(${subscriptions.nextDueAt}, ${subscriptions.id}) > (${after.at}, ${after.id})`
            : undefined,
        ),
      )
      .orderBy(asc(subscriptions.nextDueAt), asc(subscriptions.id))
      .limit(batchSize);
    const last = rows.at(-1);
    if (!last?.at || rows.length < batchSize) exhausted = true;
    if (last?.at) after = { at: last.at, id: last.id };
    return rows.map((row) => row.id);
  };
  return () => {
    const page = queue.then(fetch);
    queue = page.catch(() => undefined);
    return page;
  };
}

/** One walk over everything due; returns how many steps it took. */
async function runPass(
  ctx: SubscriptionsContext,
  scope: DueWorkScope,
  until: Date,
  onBatch: (count: number) => void,
): Promise<number> {
  const nextPage = duePages(ctx.db, scope, until);
  const worker = async () => {
    let handled = 0;
    for (let ids = await nextPage(); ids.length > 0; ids = await nextPage()) {
      const count = await runBatch(ctx, ids, until);
      handled += count;
      onBatch(count);
    }
    return handled;
  };
  const counts = await Promise.all(Array.from({ length: workers }, worker));
  return counts.reduce((sum, count) => sum + count, 0);
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
    // A subscription several periods behind is still due after its step; passes repeat until one
    // finds nothing left to do.
    async countDue(db: Db, scope: DueWorkScope, until: Date) {
      const [row] = await db
        .select({ due: count() })
        .from(subscriptions)
        .where(and(inScope(scope), lte(subscriptions.nextDueAt, until)));
      return row?.due ?? 0;
    },
    async runDue(scope: DueWorkScope, until: Date, onProgress?: (handled: number) => void) {
      let total = 0;
      const onBatch = (handled: number) => {
        total += handled;
        onProgress?.(total);
      };
      while ((await runPass(ctx, scope, until, onBatch)) > 0);
      return total;
    },
  };
}
