import { and, eq, gte, isNull, lt, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { DueWorkScope } from '../../lib/due-work.js';
import { subscriptions } from './schema.js';

/** `column` within the scope's customer range (true without one). */
export function inCustomerRange(column: PgColumn, scope: DueWorkScope): SQL | undefined {
  const range = scope.customers;
  if (!range) return undefined;
  return and(
    range.from === undefined ? undefined : gte(column, range.from),
    range.to === undefined ? undefined : lt(column, range.to),
  );
}

/** Subscriptions in one world of due work: one test clock's sandbox customers, or the real ones. */
export function inWorld(scope: DueWorkScope): SQL {
  return scope.testClockId === null
    ? isNull(subscriptions.testClockId)
    : eq(subscriptions.testClockId, scope.testClockId);
}

/** Subscriptions in the scope: its world, and in that the scope's customer range. */
export function inScope(scope: DueWorkScope): SQL {
  return and(inWorld(scope), inCustomerRange(subscriptions.customerId, scope)) ?? inWorld(scope);
}
