import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../lib/db/database.js';

/** What the credits use cases need. */
export interface CreditsContext {
  db: Db;
  clock: Clock;
}
