import { eq, isNull, type SQL } from 'drizzle-orm';
import type { DueWorkScope } from '../../lib/due-work.js';
import { subscriptions } from './schema.js';

/** Subscriptions in one world of due work: one test clock's sandbox customers, or the real ones. */
export function inScope(scope: DueWorkScope): SQL {
  return scope.testClockId === null
    ? isNull(subscriptions.testClockId)
    : eq(subscriptions.testClockId, scope.testClockId);
}
