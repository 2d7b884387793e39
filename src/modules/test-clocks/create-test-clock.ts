import { z } from 'zod';
import { parseInput } from '../../lib/validation.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import type { TestClocksContext } from './context.js';
import { testClocks } from './schema.js';
import type { TestClock } from './test-clock-types.js';

const createTestClockInput = z.object({
  name: z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required')
    .max(100, 'must be at most 100 characters'),
  frozenAt: z.coerce.date({ error: 'must be a date and time such as 2027-01-31T00:00:00Z' }).optional(),
});

export type CreateTestClockInput = z.input<typeof createTestClockInput>;

/** A new test clock, frozen at the given time (default: now). Attach sandbox customers to it. */
export async function createTestClock(
  ctx: TestClocksContext,
  input: CreateTestClockInput,
  actor: Actor,
): Promise<TestClock> {
  const data = parseInput(createTestClockInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [clock] = await tx
      .insert(testClocks)
      .values({
        name: data.name,
        frozenAt: data.frozenAt ?? now,
        status: 'ready',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!clock) throw new Error('insert returned no row');
    await recordAuditEvent(tx, {
      actor,
      action: 'test_clock.created',
      entityType: 'test_clock',
      entityId: clock.id,
      after: { name: clock.name, frozenAt: clock.frozenAt.toISOString() },
      at: now,
    });
    return clock;
  });
}
