import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { AppError, validationError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { isUuid } from '../../lib/ids.js';
import { parseInput } from '../../lib/validation.js';
import type { Actor } from '../audit/index.js';
import { timeFor } from '../test-clocks/index.js';
import type { SubscriptionsContext } from './context.js';
import { persistSteps } from './persist-steps.js';
import { subscriptions } from './schema.js';
import type { SubscriptionStep } from './subscription-step.js';
import type { Subscription } from './subscription-types.js';

/**
 * One kind of change a person can make to a subscription (change plan, cancel, pause, extend …).
 * `build` works out the whole step without writing anything; preview shows it and commit writes
 * it, so what was previewed is what happens.
 */
export interface SubscriptionChange<Schema extends z.ZodType> {
  input: Schema;
  build(tx: DbOrTx, row: Subscription, input: z.infer<Schema>, at: Date): Promise<SubscriptionStep>;
}

const commonInput = z.object({
  reason: z.string().trim().max(500, 'must be at most 500 characters').optional(),
  quotedAt: z.coerce
    .date({ error: 'must be the effectiveAt of a preview' })
    .optional()
    .describe("A preview's effectiveAt: commit exactly what that preview showed (prorated to that second)"),
});

// A quote is honoured this long: long enough to read a preview and confirm, short enough that
// nobody commits yesterday's prices.
const quoteLifetimeMs = 60 * 60_000;

async function findRow(db: DbOrTx, id: string, lock: boolean): Promise<Subscription> {
  if (!isUuid(id)) throw new AppError('not_found', 'No such subscription.');
  const query = db.select().from(subscriptions).where(eq(subscriptions.id, id));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found', 'No such subscription.');
  return row;
}

/** When the change takes effect: the subscription's own now, or a recent preview's instant. */
function effectiveAt(row: Subscription, now: Date, quotedAt: Date | undefined): Date {
  if (!quotedAt) return now;
  const age = now.getTime() - quotedAt.getTime();
  if (age < 0 || age > quoteLifetimeMs || quotedAt < row.currentPeriodStart) {
    throw validationError(
      { quotedAt: 'is older than an hour, in the future, or before this period; preview again' },
      'That preview has expired. Preview the change again.',
    );
  }
  return quotedAt;
}

/** What the change would do now, without doing it. */
export async function previewChange<Schema extends z.ZodType>(
  ctx: SubscriptionsContext,
  id: string,
  change: SubscriptionChange<Schema>,
  rawInput: unknown,
): Promise<SubscriptionStep> {
  const input = parseInput(change.input, rawInput);
  const common = parseInput(commonInput, rawInput ?? {});
  return ctx.db.transaction(async (tx) => {
    const row = await findRow(tx, id, false);
    const now = await timeFor(tx, row.testClockId, ctx.clock.now());
    return change.build(tx, row, input, effectiveAt(row, now, common.quotedAt));
  });
}

/** Makes the change: the same step a preview shows, written with its timeline line, audit row and events. */
export async function commitChange<Schema extends z.ZodType>(
  ctx: SubscriptionsContext,
  id: string,
  change: SubscriptionChange<Schema>,
  rawInput: unknown,
  actor: Actor,
): Promise<SubscriptionStep> {
  return ctx.db.transaction((tx) => commitChangeIn(tx, ctx.clock, id, change, rawInput, actor));
}

/**
 * `commitChange` inside the caller's transaction, for changes another module's write causes (a
 * referral reward extends the referrer's subscription as the referred customer's invoice is paid).
 */
export async function commitChangeIn<Schema extends z.ZodType>(
  tx: DbOrTx,
  clock: Clock,
  id: string,
  change: SubscriptionChange<Schema>,
  rawInput: unknown,
  actor: Actor,
): Promise<SubscriptionStep> {
  const input = parseInput(change.input, rawInput);
  const common = parseInput(commonInput, rawInput ?? {});
  const row = await findRow(tx, id, true);
  const realNow = clock.now();
  const now = await timeFor(tx, row.testClockId, realNow);
  const step = await change.build(tx, row, input, effectiveAt(row, now, common.quotedAt));
  const done = {
    ...step,
    reason: common.reason || step.reason,
    after: { ...step.after, updatedAt: realNow },
  };
  await persistSteps(tx, [done], actor, { auditAt: realNow, clock });
  return done;
}
