import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import { subscriptionCharges } from './schema.js';

export type SubscriptionCharge = typeof subscriptionCharges.$inferSelect;

/** The money a subscription's changes have moved so far, oldest first. */
export async function listSubscriptionCharges(
  db: DbOrTx,
  subscriptionId: string,
): Promise<SubscriptionCharge[]> {
  return db
    .select()
    .from(subscriptionCharges)
    .where(eq(subscriptionCharges.subscriptionId, subscriptionId))
    .orderBy(asc(subscriptionCharges.id));
}
