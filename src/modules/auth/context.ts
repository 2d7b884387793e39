import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../lib/db/database.js';
import { SessionCache } from './session-cache.js';
import type { SessionPolicy } from './sessions.js';

/** What the auth use cases need from the application. */
export interface AuthContext {
  db: Db;
  clock: Clock;
  sessionPolicy: SessionPolicy;
  sessionCache: SessionCache;
}

/** The auth context of one running app (each app has its own session cache). */
export function createAuthContext(options: Omit<AuthContext, 'sessionCache'>): AuthContext {
  return { ...options, sessionCache: new SessionCache() };
}
