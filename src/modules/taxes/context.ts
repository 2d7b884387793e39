import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../lib/db/database.js';

/** What the tax use cases need from the application. */
export interface TaxesContext {
  db: Db;
  clock: Clock;
}
