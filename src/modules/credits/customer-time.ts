import type { DbOrTx } from '../../lib/db/database.js';
import { findCustomer } from '../customers/index.js';
import { timeFor } from '../test-clocks/index.js';

// A customer's test clock is set when the customer is created and never changes, so it can be
// remembered: consumption, the hot path, then asks the database nothing for a real-time customer.
const testClockOf = new Map<string, string | null>();
const maxRemembered = 100_000;

/** The customer's "now" (their test clock's time for a sandbox customer); not found for no customer. */
export async function customerTime(db: DbOrTx, customerId: string, realNow: Date): Promise<Date> {
  let testClockId = testClockOf.get(customerId);
  if (testClockId === undefined) {
    testClockId = (await findCustomer(db, customerId)).testClockId;
    if (testClockOf.size >= maxRemembered) testClockOf.clear();
    testClockOf.set(customerId, testClockId);
  }
  return timeFor(db, testClockId, realNow);
}
