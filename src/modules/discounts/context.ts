import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../lib/db/database.js';

/** What the discount use cases need from the application. */
export interface DiscountsContext {
  db: Db;
  clock: Clock;
}
