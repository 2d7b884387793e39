import type { Clock } from './lib/clock.js';
import type { Db } from './lib/db/database.js';
import type { DueWork } from './lib/due-work.js';
import { subscriptionDueWork } from './modules/subscriptions/index.js';

/**
 * Everything that falls due over time, in the order it runs at any one moment. The bill-run job
 * and test clocks both use this list, so a test clock runs exactly what production would.
 * Later: invoices, dunning and reminders join here.
 */
export function allDueWork(db: Db, clock: Clock): DueWork[] {
  return [subscriptionDueWork({ db, clock })];
}
