import { and, asc, count, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { Clock } from '../../lib/clock.js';
import { anyOf } from '../../lib/db/any-of.js';
import type { Db } from '../../lib/db/database.js';
import { pageRows, type PageOf, type Paging } from '../../lib/db/keyset-cursor.js';
import { runAllDue, type CustomerRange, type DueWork, type DueWorkHooks } from '../../lib/due-work.js';
import { billRunRanges, billRuns } from './schema.js';

export type BillRun = typeof billRuns.$inferSelect;
export type BillRunRange = typeof billRunRanges.$inferSelect;

/** A bill run with its ranges, and the totals a progress line shows. */
export interface BillRunProgress extends BillRun {
  ranges: BillRunRange[];
  handled: number;
  rangesDone: number;
}

export interface BillRunContext {
  db: Db;
  clock: Clock;
  dueWork: readonly DueWork[];
}

// A running run that has not moved for this long was left by a process that died; the next start
// marks it failed and begins again (nothing is done twice: every kind of due work is idempotent).
const staleAfterMs = 5 * 60_000;

/**
 * `count` ranges that split customer ids evenly by their first 32 bits (ids are random, so each
 * range holds about as many customers). The first has no lower bound, the last no upper one.
 */
export function customerRanges(count: number): CustomerRange[] {
  const bounds = Array.from({ length: count - 1 }, (_, index) => {
    const prefix = Math.floor(((index + 1) * 2 ** 32) / count)
      .toString(16)
      .padStart(8, '0');
    return `${prefix}-0000-0000-0000-000000000000`;
  });
  return Array.from({ length: count }, (_, index) => ({
    ...(index > 0 ? { from: bounds[index - 1] } : {}),
    ...(index < count - 1 ? { to: bounds[index] } : {}),
  }));
}

async function withRanges(db: Db, runs: BillRun[]): Promise<BillRunProgress[]> {
  if (runs.length === 0) return [];
  const ranges = await db
    .select()
    .from(billRunRanges)
    .where(
      anyOf(
        billRunRanges.runId,
        runs.map((run) => run.id),
        'uuid',
      ),
    )
    .orderBy(asc(billRunRanges.position));
  return runs.map((run) => {
    const own = ranges.filter((range) => range.runId === run.id);
    return {
      ...run,
      ranges: own,
      handled: own.reduce((sum, range) => sum + range.handled, 0),
      rangesDone: own.filter((range) => range.finishedAt !== null).length,
    };
  });
}

/**
 * Starts a bill run of the real world (no test clock) up to now, split into `rangeCount` customer
 * ranges, when something is due and no other run is going; otherwise returns null. Two starts at
 * the same moment (two instances, or the CLI and the schedule) queue on a lock, so one run is made.
 */
export async function startBillRun(
  ctx: BillRunContext,
  trigger: BillRun['trigger'],
  rangeCount: number,
): Promise<BillRunProgress | null> {
  const run = await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('tollgate.bill-run'))`);
    const now = ctx.clock.now();
    await tx
      .update(billRuns)
      .set({ status: 'failed', finishedAt: now })
      .where(
        and(eq(billRuns.status, 'running'), lt(billRuns.progressAt, new Date(now.getTime() - staleAfterMs))),
      );
    const [going] = await tx.select().from(billRuns).where(eq(billRuns.status, 'running')).limit(1);
    if (going) return null;
    const world = { testClockId: null };
    const nextDue = await Promise.all(ctx.dueWork.map((work) => work.nextDueAt(ctx.db, world)));
    if (!nextDue.some((at) => at !== null && at <= now)) return null;
    const due = await Promise.all(ctx.dueWork.map((work) => work.countDue(ctx.db, world, now)));
    const [created] = await tx
      .insert(billRuns)
      .values({
        trigger,
        status: 'running',
        until: now,
        dueAtStart: due.reduce((sum, count) => sum + count, 0),
        startedAt: now,
        progressAt: now,
      })
      .returning();
    if (!created) throw new Error('insert returned no row');
    await tx.insert(billRunRanges).values(
      customerRanges(rangeCount).map((range, position) => ({
        runId: created.id,
        position,
        fromId: range.from ?? null,
        toId: range.to ?? null,
        handled: 0,
      })),
    );
    return created;
  });
  return run && ((await withRanges(ctx.db, [run]))[0] ?? null);
}

/** A range's running count, and the run's sign of life. */
async function recordProgress(ctx: BillRunContext, runId: string, position: number, handled: number) {
  await ctx.db.update(billRunRanges).set({ handled }).where(rangeKey(runId, position));
  await ctx.db.update(billRuns).set({ progressAt: ctx.clock.now() }).where(eq(billRuns.id, runId));
}

function rangeKey(runId: string, position: number): SQL | undefined {
  return and(eq(billRunRanges.runId, runId), eq(billRunRanges.position, position));
}

/**
 * Runs one range of a bill run: every kind of due work in order (renewals before the invoices they
 * make), for the range's customers, up to the run's moment. Progress is recorded after each batch.
 * `hooks` hear the same as runAllDue's. A range already finished, or of a run that failed, is left alone, so a job delivered twice does
 * nothing the second time; a range interrupted half-way simply continues. Returns what it handled.
 */
export async function runBillRunRange(
  ctx: BillRunContext,
  runId: string,
  position: number,
  hooks: DueWorkHooks = {},
): Promise<number> {
  const [row] = await ctx.db
    .select({ run: billRuns, range: billRunRanges })
    .from(billRunRanges)
    .innerJoin(billRuns, eq(billRuns.id, billRunRanges.runId))
    .where(rangeKey(runId, position));
  if (!row) throw new Error(`bill run ${runId} has no range ${position}`);
  const { run, range } = row;
  if (run.status !== 'running' || range.finishedAt) return 0;
  await ctx.db
    .update(billRunRanges)
    .set({ startedAt: ctx.clock.now(), error: null })
    .where(rangeKey(runId, position));
  const scope = {
    testClockId: null,
    customers: { ...(range.fromId ? { from: range.fromId } : {}), ...(range.toId ? { to: range.toId } : {}) },
  };
  // Progress writes go one after another, off the batches' path; the last is awaited below.
  let progressWrites = Promise.resolve();
  let before = range.handled;
  let handled = range.handled;
  try {
    await runAllDue(ctx.dueWork, scope, run.until, {
      async starting(work) {
        before = handled;
        await hooks.starting?.(work);
      },
      progress(work, done) {
        handled = before + done;
        const value = handled;
        hooks.progress?.(work, done);
        progressWrites = progressWrites.then(() => recordProgress(ctx, runId, position, value));
      },
    });
    await progressWrites;
  } catch (error) {
    await ctx.db
      .update(billRunRanges)
      .set({ error: error instanceof Error ? error.message : String(error) })
      .where(rangeKey(runId, position));
    throw error;
  }
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    // Ranges finishing at the same moment take turns here; otherwise each would still see the
    // other unfinished and neither would close the run.
    await tx.select({ id: billRuns.id }).from(billRuns).where(eq(billRuns.id, runId)).for('update');
    await tx.update(billRunRanges).set({ handled, finishedAt: now }).where(rangeKey(runId, position));
    // The last range to finish closes the run.
    await tx
      .update(billRuns)
      .set({ status: 'finished', finishedAt: now, progressAt: now })
      .where(
        and(
          eq(billRuns.id, runId),
          eq(billRuns.status, 'running'),
          sql`NOT EXISTS (SELECT 1 FROM ${billRunRanges} WHERE ${billRunRanges.runId} = ${runId} AND ${billRunRanges.finishedAt} IS NULL)`,
        ),
      );
  });
  return handled - range.handled;
}

export interface ListBillRunsInput {
  status?: BillRun['status'] | undefined;
}

/** Bill runs newest first, with their ranges' progress, optionally of one status. */
export async function listBillRuns<P extends Paging>(
  db: Db,
  input: ListBillRunsInput & P,
): Promise<PageOf<BillRunProgress, P>> {
  const where = input.status ? eq(billRuns.status, input.status) : undefined;
  const page = await pageRows<BillRun, P>(input, {
    keys: [
      { column: billRuns.startedAt, direction: 'desc' },
      { column: billRuns.id, direction: 'desc' },
    ],
    scope: { list: 'bill-runs', status: input.status },
    where,
    rows: (q) =>
      db
        .select({ row: billRuns, keys: q.keys })
        .from(billRuns)
        .where(q.where)
        .orderBy(...q.orderBy)
        .limit(q.limit)
        .offset(q.offset),
    count: async (filter) =>
      (await db.select({ total: count() }).from(billRuns).where(filter))[0]?.total ?? 0,
  });
  // Same page, each run with its ranges: the paging fields (total or cursor) are unchanged.
  return { ...page, rows: await withRanges(db, page.rows) } as PageOf<BillRunProgress, P>;
}

/** The latest bill run (running or not), with its progress; null before the first. */
export async function latestBillRun(db: Db): Promise<BillRunProgress | null> {
  const [run] = await db
    .select()
    .from(billRuns)
    .orderBy(desc(billRuns.startedAt), desc(billRuns.id))
    .limit(1);
  return run ? ((await withRanges(db, [run]))[0] ?? null) : null;
}
