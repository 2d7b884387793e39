import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../lib/db/database.js';

/** What the customer use cases need from the application. */
export interface CustomersContext {
  db: Db;
  clock: Clock;
}
