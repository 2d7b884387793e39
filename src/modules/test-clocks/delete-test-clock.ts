import { eq } from 'drizzle-orm';
import { AppError } from '../../lib/app-error.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import type { TestClocksContext } from './context.js';
import { findTestClock } from './find-test-clock.js';
import { testClocks } from './schema.js';

/**
 * Retires a test clock. Its sandbox customers stay (with their history) frozen at its last time;
 * nothing runs for them any more.
 */
export async function deleteTestClock(ctx: TestClocksContext, id: string, actor: Actor): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const clock = await findTestClock(tx, id, true);
    if (clock.status === 'advancing') {
      throw new AppError('conflict', 'This test clock is advancing; delete it when it has finished.');
    }
    await tx.update(testClocks).set({ deletedAt: now, updatedAt: now }).where(eq(testClocks.id, id));
    await recordAuditEvent(tx, {
      actor,
      action: 'test_clock.deleted',
      entityType: 'test_clock',
      entityId: id,
      before: { name: clock.name, frozenAt: clock.frozenAt.toISOString() },
      at: now,
    });
  });
}
