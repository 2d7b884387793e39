import { desc, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import { testClocks } from './schema.js';
import type { TestClock } from './test-clock-types.js';

/** Every live test clock, newest first (there are few: they are sandbox tools). */
export async function listTestClocks(db: DbOrTx): Promise<TestClock[]> {
  return db.select().from(testClocks).where(isNull(testClocks.deletedAt)).orderBy(desc(testClocks.createdAt));
}
