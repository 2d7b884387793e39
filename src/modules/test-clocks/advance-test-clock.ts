import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { AppError, validationError } from '../../lib/app-error.js';
import { parseInput } from '../../lib/validation.js';
import { runAllDue } from '../../lib/due-work.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import type { TestClocksContext } from './context.js';
import { findTestClock } from './find-test-clock.js';
import { testClocks } from './schema.js';
import type { TestClock } from './test-clock-types.js';

const advanceInput = z.object({
  to: z.coerce.date({ error: 'must be a date and time such as 2027-03-01T00:00:00Z' }),
});

export type AdvanceTestClockInput = z.input<typeof advanceInput>;

/** Where an advance stands, for a progress bar. */
export interface AdvanceProgress {
  from: Date;
  to: Date;
  /** The clock's time now: everything due up to here has run. */
  reached: Date;
  /** Items of due work handled so far (renewals, trial ends, …). */
  handled: number;
}

export interface AdvanceResult {
  clock: TestClock;
  handled: number;
}

// A clock may be advanced at most this far in one call, so one request cannot run for hours.
const maxSpanMs = 5 * 366 * 86_400_000;
// An advance that has not reported for this long died with its process; another may take over.
const staleAfterMs = 5 * 60_000;

function earliest(dates: readonly (Date | null)[]): Date | null {
  return dates.reduce<Date | null>((min, date) => (date && (!min || date < min) ? date : min), null);
}

// Due rows a person is changing at this very moment are skipped (locked); wait this long for them.
const lockedRetries = [50, 200, 1000];

/**
 * Runs every kind of due work up to `reached`. Work that reports something due but handles nothing
 * is waiting on a row someone else holds for a moment, so it is retried briefly; if it still does
 * nothing, that is a bug (it would loop forever), not a state to wait out.
 */
async function runStep(
  ctx: TestClocksContext,
  scope: { testClockId: string },
  reached: Date,
): Promise<number> {
  for (const pauseMs of [0, ...lockedRetries]) {
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    const step = await runAllDue(ctx.dueWork, scope, reached);
    if (step > 0) return step;
  }
  throw new Error(`due work at ${reached.toISOString()} made no progress`);
}

/**
 * Moves a test clock forward to `to`, running everything that falls due on the way in time order:
 * the clock steps to the next moment anything is due, runs all due work up to that moment, and
 * repeats. Each step commits on its own, so a crash leaves the clock at the last completed step
 * and the advance can simply be asked again.
 */
export async function advanceTestClock(
  ctx: TestClocksContext,
  id: string,
  input: AdvanceTestClockInput,
  actor: Actor,
  onProgress?: (progress: AdvanceProgress) => void,
): Promise<AdvanceResult> {
  const { to } = parseInput(advanceInput, input);
  const from = await ctx.db.transaction(async (tx) => {
    const clock = await findTestClock(tx, id, true);
    const now = ctx.clock.now();
    if (clock.status === 'advancing' && now.getTime() - clock.updatedAt.getTime() < staleAfterMs) {
      throw new AppError('conflict', 'This test clock is already advancing; wait for it to finish.');
    }
    if (to <= clock.frozenAt) {
      throw validationError({ to: `must be after the clock's time, ${clock.frozenAt.toISOString()}` });
    }
    if (to.getTime() - clock.frozenAt.getTime() > maxSpanMs) {
      throw validationError({ to: 'must be at most 5 years after the clock’s time' });
    }
    await tx.update(testClocks).set({ status: 'advancing', updatedAt: now }).where(eq(testClocks.id, id));
    return clock.frozenAt;
  });

  const scope = { testClockId: id };
  let handled = 0;
  let reached = from;
  try {
    for (;;) {
      const next = earliest(await Promise.all(ctx.dueWork.map((work) => work.nextDueAt(ctx.db, scope))));
      if (!next || next > to) break;
      if (next > reached) reached = next;
      await ctx.db
        .update(testClocks)
        .set({ frozenAt: reached, updatedAt: ctx.clock.now() })
        .where(eq(testClocks.id, id));
      handled += await runStep(ctx, scope, reached);
      onProgress?.({ from, to, reached, handled });
    }
  } catch (error) {
    await ctx.db
      .update(testClocks)
      .set({ status: 'ready', updatedAt: ctx.clock.now() })
      .where(eq(testClocks.id, id));
    throw error;
  }

  const clock = await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const [row] = await tx
      .update(testClocks)
      .set({ frozenAt: to, status: 'ready', updatedAt: now })
      .where(eq(testClocks.id, id))
      .returning();
    if (!row) throw new AppError('not_found', 'No such test clock.');
    await recordAuditEvent(tx, {
      actor,
      action: 'test_clock.advanced',
      entityType: 'test_clock',
      entityId: id,
      before: { frozenAt: from.toISOString() },
      after: { frozenAt: to.toISOString(), handled },
      at: now,
    });
    return row;
  });
  onProgress?.({ from, to, reached: to, handled });
  return { clock, handled };
}
