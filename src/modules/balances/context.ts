import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../lib/db/database.js';

/** What the balance use cases need. */
export interface BalancesContext {
  db: Db;
  clock: Clock;
}
