import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../lib/db/database.js';

/** What the referral use cases need: the database, the clock, and the public URL links start with. */
export interface ReferralsContext {
  db: Db;
  clock: Clock;
  baseUrl: string;
}
