import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../lib/db/database.js';
import type { SessionPolicy } from './sessions.js';

/** What the auth use cases need from the application. */
export interface AuthContext {
  db: Db;
  clock: Clock;
  sessionPolicy: SessionPolicy;
}
