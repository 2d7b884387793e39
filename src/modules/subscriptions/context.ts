import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../lib/db/database.js';

/** What the subscription use cases need from the application. */
export interface SubscriptionsContext {
  db: Db;
  clock: Clock;
}
