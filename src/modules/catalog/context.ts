import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../lib/db/database.js';

/** What the catalog use cases need from the application. */
export interface CatalogContext {
  db: Db;
  clock: Clock;
}
