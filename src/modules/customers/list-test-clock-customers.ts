import { and, asc, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import { isUuid } from '../../lib/ids.js';
import type { Customer } from './customer-types.js';
import { customers } from './schema.js';

/** The sandbox customers living on these test clocks (merged records left out), oldest first. */
export async function listTestClockCustomers(db: DbOrTx, testClockIds: string[]): Promise<Customer[]> {
  const ids = [...new Set(testClockIds)].filter(isUuid);
  if (ids.length === 0) return [];
  return db
    .select()
    .from(customers)
    .where(and(inArray(customers.testClockId, ids), isNull(customers.mergedIntoId)))
    .orderBy(asc(customers.createdAt), asc(customers.id));
}
