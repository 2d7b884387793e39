import { and, eq, isNull } from 'drizzle-orm';
import { AppError } from '../../lib/app-error.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { isUuid } from '../../lib/ids.js';
import { testClocks } from './schema.js';
import type { TestClock } from './test-clock-types.js';

/** One live (not deleted) test clock by id; not_found otherwise. `forUpdate` locks it. */
export async function findTestClock(db: DbOrTx, id: string, forUpdate = false): Promise<TestClock> {
  if (!isUuid(id)) throw new AppError('not_found', 'No such test clock.');
  const query = db
    .select()
    .from(testClocks)
    .where(and(eq(testClocks.id, id), isNull(testClocks.deletedAt)));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found', 'No such test clock.');
  return row;
}

/**
 * "Now" for something that may live on a test clock: the clock's frozen time, or real time when
 * `testClockId` is null. This is the only way business code should ask the time of a customer.
 */
export async function timeFor(db: DbOrTx, testClockId: string | null, realNow: Date): Promise<Date> {
  if (testClockId === null) return realNow;
  const [row] = await db
    .select({ frozenAt: testClocks.frozenAt })
    .from(testClocks)
    .where(eq(testClocks.id, testClockId));
  if (!row) throw new Error(`test clock ${testClockId} is missing`);
  return row.frozenAt;
}
