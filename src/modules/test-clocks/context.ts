import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../lib/db/database.js';
import type { DueWork } from '../../lib/due-work.js';

/** What the test-clock use cases need: the database, real time, and every kind of due work to run. */
export interface TestClocksContext {
  db: Db;
  clock: Clock;
  dueWork: readonly DueWork[];
}
